"""The shipped seed registry is valid on its own terms: references resolve, dates in order, no lineage cycles."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from r2p.engagement.registry import COLUMNS, country_list, cycles, lineage, shipped_coverage
from r2p.engagement.seed import SEED_RANGE, load_seed, seed_directory, seed_frames
from r2p.vocabulary import ACTOR_KINDS, ENGAGEMENT_KINDS
from r2p.warehouse import Warehouse
from r2p.warehouse.queries import query
from tests.helpers.engagement import COUNTRIES, empty_registry
from tests.helpers.warehouses import contents

REQUIRED_SITUATIONS = ("SDN", "MMR", "COD", "SSD", "CAF", "ETH", "SYR", "AFG", "HTI", "MLI", "BFA", "NGA", "SOM",
                       "YEM", "UKR", "PSE", "LBY", "TCD", "MOZ", "VEN")


@pytest.fixture(scope="module")
def seed() -> dict[str, pd.DataFrame]:
    return seed_frames(set(COUNTRIES))  # raises SeedError listing every problem if the seed is invalid


def test_the_seed_has_at_least_twenty_situations_including_those_of_current_concern(seed) -> None:
    situations = seed["situations"]
    assert len(situations) >= 20
    covered = {code for cell in situations["countries"] for code in country_list(cell)}
    assert set(REQUIRED_SITUATIONS) <= covered
    assert {"sub-national", "cross-border"} <= set(situations["scope"])


def test_every_engagement_names_a_known_actor_and_situation_and_ends_after_it_starts(seed) -> None:
    engagements = seed["engagements"]
    assert set(engagements["actor_id"]) <= set(seed["actors"]["actor_id"])
    assert set(engagements["situation_id"]) <= set(seed["situations"]["situation_id"])
    ended = engagements.dropna(subset=["ended"])
    assert (ended["ended"] >= ended["started"]).all()
    assert engagements["engagement_id"].is_unique and engagements["engagement_id"].max() < SEED_RANGE
    assert set(engagements["kind"]) <= set(ENGAGEMENT_KINDS)


def test_every_situation_country_is_a_known_country(seed) -> None:
    for iso3, cell in zip(seed["situations"]["iso3"], seed["situations"]["countries"], strict=True):
        assert set(country_list(cell)) <= COUNTRIES
        assert pd.isna(iso3) or iso3 in country_list(cell)
    assert set(shipped_coverage()["iso3"]) <= COUNTRIES
    assert set(shipped_coverage()["actor_id"]) <= set(seed["actors"]["actor_id"])


def test_actor_lineage_and_hierarchy_have_no_cycles_and_successors_exist(seed) -> None:
    actors = seed["actors"]
    assert set(actors["kind"]) <= set(ACTOR_KINDS)
    for column in ("successor_id", "parent_id"):
        links = {a: (s if isinstance(s, str) else None) for a, s in zip(actors["actor_id"], actors[column],
                                                                       strict=True)}
        assert cycles(links) == []
        assert {s for s in links.values() if s} <= set(actors["actor_id"])
    assert actors.dropna(subset=["successor_id"])["dissolved"].notna().all()


@pytest.mark.parametrize(("start", "chain"), [
    ("us.state.scrs", ["us.state.scrs", "us.state.cso"]),
    ("us.state.wci", ["us.state.wci", "us.state.gcj"]),
    ("un.dpko", ["un.dpko", "un.dpo"]),
    ("un.dppa", ["un.dpa", "un.pbso", "un.dppa"]),
    ("us.apb", ["us.apb", "us.aewtf", "us.aptf"]),
    ("un.hruf", ["un.hruf", "un.call_to_action"]),
    ("us.usaid", ["us.state", "us.usaid"]),
])
def test_the_known_lineages_are_in_the_seed(seed, start: str, chain: list[str]) -> None:
    assert list(lineage(seed["actors"], start)["actor_id"]) == chain


def test_abolished_and_sunset_offices_are_dissolved_without_an_invented_successor(seed) -> None:
    actors = seed["actors"].set_index("actor_id")
    for actor_id in ("us.state.cso", "us.state.gcj", "us.usaid"):
        assert actors.at[actor_id, "dissolved"].year == 2025
    assert pd.isna(actors.at["us.state.cso", "successor_id"]) and pd.isna(actors.at["us.state.gcj", "successor_id"])
    assert actors.at["us.usaid", "successor_id"] == "us.state"


def test_whatever_the_reference_marks_unconfirmed_stays_unverified(seed) -> None:
    for table in ("actors", "engagements"):
        frame = seed[table]
        unconfirmed = frame["note"].fillna("").str.contains("unconfirmed", case=False)
        assert not frame[unconfirmed]["verified"].any(), frame[unconfirmed & frame["verified"]]
    actors = seed["actors"].set_index("actor_id")
    for actor_id in ("us.aptf", "us.state.gcj", "us.doj.hrsp", "us.usip"):
        assert not actors.at[actor_id, "verified"], actor_id


def test_source_urls_are_official_https_addresses_or_left_empty(seed) -> None:
    for table in ("actors", "engagements"):
        urls = seed[table]["source_url"].dropna()
        assert urls.map(lambda u: bool(re.match(r"^https://[a-z0-9.-]+\.(org|int|gov|eu)(/|$)", u))).all()


def test_the_seed_files_have_exactly_the_csv_columns() -> None:
    for name in ("actors.csv", "situations.csv", "engagements.csv"):
        header = (seed_directory() / name).read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header and set(header) <= set(COLUMNS[name.removesuffix(".csv")]) | {"started", "ended"}


def test_loading_the_seed_twice_adds_nothing_the_second_time_and_keeps_edits(warehouse: Warehouse) -> None:
    empty_registry(warehouse)
    already = sum(1 for row in contents(warehouse.current_file())["audit_log"] if row[3] == "seed-row")  # by init
    with warehouse.write() as connection:
        first = load_seed(connection)
        connection.execute("UPDATE actor SET name = 'Renamed' WHERE actor_id = 'un.dppa'")
    with warehouse.write() as connection:
        second = load_seed(connection)
    assert first.added["engagements"] >= 100 and set(second.added.values()) == {0}
    actors = query(warehouse, "read/actors").set_index("actor_id")
    assert actors.at["un.dppa", "name"] == "Renamed"
    audit = contents(warehouse.current_file())["audit_log"]
    seeded = [row for row in audit if row[3] == "seed-row"]
    assert len(seeded) == already + sum(first.added.values())
