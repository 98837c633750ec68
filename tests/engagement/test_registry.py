"""Actor lineage: predecessors and successors across renames and merges, and cycle detection."""

from __future__ import annotations

from r2p.engagement.dates import format_partial_date, parse_partial_date
from r2p.engagement.registry import Registry, actor_table, current_successor, cycles, lineage


def test_lineage_runs_oldest_first_through_predecessors_and_successors(registry: Registry) -> None:
    assert list(lineage(registry.actors, "un.pko")["actor_id"]) == ["un.old", "un.pko"]
    assert list(lineage(registry.actors, "un.old")["actor_id"]) == ["un.old", "un.pko"]
    assert list(lineage(registry.actors, "un.sc")["actor_id"]) == ["un.sc"]
    assert current_successor(registry.actors, "reg.old") == "reg.new"
    assert current_successor(registry.actors, "reg.new") == "reg.new"


def test_cycles_are_found_once_each() -> None:
    assert cycles({"a": "b", "b": "a", "c": "a", "d": None}) == [["a", "b"]]
    assert cycles({"a": "a"}) == [["a"]]
    assert cycles({"a": "b", "b": "c", "c": None}) == []


def test_actor_table_orders_un_us_regional_other_and_names_successors(registry: Registry) -> None:
    table = actor_table(registry.actors)
    assert list(dict.fromkeys(table["group"])) == ["UN", "US", "Regional"]
    assert table.set_index("actor_id").at["un.old", "successor_name"] == "Peace operation"


def test_partial_dates_round_trip() -> None:
    for text, precision in (("2013", "year"), ("2013-04", "month"), ("2013-04-25", "day")):
        value, found = parse_partial_date(text)
        assert found == precision and format_partial_date(value, found) == text
