"""`r2p init`: reference data, demo data on first run, and idempotence."""

from __future__ import annotations

import shutil
from pathlib import Path

from r2p.access.rights import command_line_user
from r2p.ops.build import ingest_and_score, initialise
from r2p.reviews.records import list_reviews
from r2p.triggers.runs import last_trigger_run
from r2p.warehouse import Warehouse
from r2p.warehouse.queries import query
from tests.helpers.cli import r2p
from tests.helpers.data import EXAMPLES, FIXED_TODAY
from tests.helpers.warehouses import contents


def test_init_loads_every_country_and_the_demo(warehouse: Warehouse) -> None:
    countries = query(warehouse, "read/country_names")
    assert len(countries) == 198
    sources = query(warehouse, "read/source_status")
    assert list(sources["source_id"]) == ["demo"]
    assert sources["observations"].iloc[0] > 50_000 and sources["events"].iloc[0] > 10_000


def test_init_twice_leaves_the_same_contents_but_one_more_trigger_run(warehouse: Warehouse, tmp_path: Path) -> None:
    before = contents(warehouse.path)
    report = initialise(warehouse, today=FIXED_TODAY)
    assert report.demo == "unchanged" and report.migrations_applied == []
    after = contents(warehouse.path)
    runs = [row[2:] for row in after.pop("trigger_run")]  # as_of, ran_by, firings, opened, escalated
    assert runs[-1] == (FIXED_TODAY, "r2p init", runs[0][2], 0, 0) and len(runs) == len(before.pop("trigger_run")) + 1
    assert after == before


def test_init_runs_the_trigger_rules_as_of_its_day_in_the_same_write(warehouse: Warehouse) -> None:
    last = last_trigger_run(warehouse)
    reviews = list_reviews(warehouse, FIXED_TODAY)
    assert (last["as_of"].date(), last["ran_by"], last["opened"]) == (FIXED_TODAY, "r2p init", len(reviews))
    assert last["opened"] > 0 and last["firings"] >= last["opened"]
    assert (reviews["opened_at"] <= last["ran_at"]).all() and (reviews["state"] == "open").all()


def test_an_ingest_runs_the_trigger_rules_in_its_transaction_and_a_refused_one_does_not(warehouse: Warehouse) -> None:
    assert last_trigger_run(warehouse)["ran_by"] == "r2p init"
    loaded = ingest_and_score(warehouse, "table", EXAMPLES / "table_long.csv", user=command_line_user())
    assert loaded.status == "loaded"
    last = last_trigger_run(warehouse)
    assert last["ran_by"] == f"r2p ingest table ({command_line_user().name})"
    refused = ingest_and_score(warehouse, "table", EXAMPLES / "table_malformed.csv", user=command_line_user())
    assert refused.status == "refused" and last_trigger_run(warehouse) == last


def test_no_demo_removes_demo_data_and_the_reviews_opened_on_it(warehouse: Warehouse) -> None:
    assert len(list_reviews(warehouse, FIXED_TODAY)) > 0  # init opened reviews on the demo data
    report = initialise(warehouse, want_demo=False, today=FIXED_TODAY)
    assert report.demo == "removed"
    assert query(warehouse, "read/source_status").empty
    assert list_reviews(warehouse, FIXED_TODAY).empty
    assert len(query(warehouse, "read/country_names")) == 198


def test_a_fresh_build_without_demo_has_reference_data_only(tmp_path: Path) -> None:
    fresh = Warehouse(str(tmp_path / "fresh.duckdb"))
    report = initialise(fresh, want_demo=False, today=FIXED_TODAY)
    assert report.demo == "absent" and report.countries == 198
    assert query(fresh, "read/indicators_with_data").empty
    shutil.rmtree(tmp_path)


def test_init_and_ingest_say_what_the_trigger_rules_did(warehouse: Warehouse) -> None:
    report = initialise(warehouse, today=FIXED_TODAY)
    assert report.triggers is not None and report.triggers.as_of == FIXED_TODAY
    assert report.triggers.summary() == (f"Trigger rules as of {FIXED_TODAY}: {report.triggers.firings} firing(s), "
                                         "0 review(s) opened, 0 escalated.")
    loaded = r2p("ingest", "table", str(EXAMPLES / "table_wide.xlsx"))
    assert loaded.returncode == 0, loaded.stderr
    last = last_trigger_run(warehouse)
    assert (f"Trigger rules as of {last['as_of']:%Y-%m-%d}: {last['firings']} firing(s), {last['opened']} review(s)"
            f" opened, {last['escalated']} escalated.") in loaded.stderr
