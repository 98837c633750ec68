"""The engagement gaps in one read (read/engagement_gaps.sql): "High risk, nobody engaged" (also the Overview's) and
"High risk, no new engagement", on a tiny registry, the demo warehouse and the real data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from r2p.engagement.analysis import active_on, engagement_view, situation_tiers
from r2p.engagement.csvio import write_rows
from r2p.engagement.registry import load_registry
from r2p.read import overview
from r2p.tiers import current_period, scored_methods, tier_table
from r2p.vocabulary import HIGH_OR_ABOVE
from r2p.warehouse import Warehouse
from tests.helpers.engagement import empty_registry, make_registry
from tests.helpers.real_warehouse import real_warehouse
from tests.helpers.warehouses import copy_of

TODAY = date(2026, 11, 23)
DAYS = (date(2026, 12, 6), date(2025, 1, 1), date(2024, 3, 31), date(2023, 12, 31), date(2020, 6, 30),
        date(2015, 1, 1), date(1998, 1, 1))
MONTHS = (1, 13, 120)
COLUMNS = ["situation_id", "name", "tier", "active", "last_started"]
# Model tiers of the tiny registry's countries, one method version each (period 2026).
SCORED = {"mixed": {"SDN": "Very high", "SSD": "High", "TCD": "Low", "MLI": "High"},
          "low": {"SDN": "Moderate", "SSD": "Low", "TCD": "Elevated", "MLI": "Low"}}


@pytest.fixture(scope="module")
def tiny(empty_template_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    """tests/helpers/engagement.py's registry in a warehouse, with the SCORED tiers."""
    built = empty_registry(copy_of(empty_template_warehouse, tmp_path_factory.mktemp("tiny") / "r2p.duckdb"))
    registry = make_registry()
    with built.write() as connection:
        for table in ("actors", "situations", "engagements"):
            write_rows(connection, table, getattr(registry, table), load_registry(built), "test", "tiny registry")
        for method, tiers in SCORED.items():
            for iso3, tier in tiers.items():
                connection.execute("INSERT INTO risk_score (iso3, period, method_version, tier) VALUES (?, 2026, ?, ?)",
                                   [iso3, method, tier])
    return built


@pytest.fixture(scope="module")
def demo(template_warehouse: Path) -> Warehouse:
    return Warehouse(str(template_warehouse))


def _ids(frame: pd.DataFrame) -> list[str]:
    return list(frame["situation_id"])


def test_without_tiers_every_situation_with_no_active_engagement_is_unengaged(tiny: Warehouse) -> None:
    nobody, stale = overview.engagement_gaps(tiny, "unscored", None, TODAY, 12)
    assert set(_ids(nobody)) == {"sdn-darfur", "ssd", "tcd", "sahel"} and set(nobody["tier"]) == {"No tier"}
    assert stale.empty  # which situations are high risk is unknown


def test_the_two_gap_lists_measure_different_things_worst_first(tiny: Warehouse) -> None:
    nobody, stale = overview.engagement_gaps(tiny, "mixed", 2026, TODAY, 12)
    assert list(nobody.columns) == list(stale.columns) == COLUMNS
    assert _ids(nobody) == ["sdn-darfur", "sahel", "ssd"] and set(nobody["active"]) == {0}
    assert _ids(stale) == ["sdn"]  # engaged (3 active), but nothing started since 2024-06
    assert stale["active"].iloc[0] == 3 and stale["last_started"].iloc[0] == pd.Timestamp("2024-06-11")
    assert overview.engagement_gaps(tiny, "mixed", 2026, TODAY, 36)[1].empty  # CAAC started 2024-06: in 36 months
    assert overview.engagement_gaps(tiny, "mixed", 2026, TODAY, None)[1].empty  # no window: no stale list
    # The window ends on the date: a start exactly `months` months before it is outside.
    assert _ids(overview.engagement_gaps(tiny, "mixed", 2026, date(2025, 6, 11), 12)[1]) == ["sdn"]
    assert overview.engagement_gaps(tiny, "mixed", 2026, date(2025, 6, 10), 12)[1].empty


def test_partial_dates_and_dissolved_actors_end_engagements_on_their_last_possible_day(tiny: Warehouse) -> None:
    def nobody(day: date) -> list[str]:
        return _ids(overview.engagement_gaps(tiny, "unscored", None, day)[0])
    assert "sahel" not in nobody(date(2020, 5, 31)) and "sahel" in nobody(date(2020, 6, 1))  # ended "2020-05"
    assert "ssd" not in nobody(date(2005, 1, 1))  # no end date, but its actor was dissolved on 2010-06-30
    assert "ssd" in nobody(date(2010, 7, 1))


@pytest.mark.parametrize("months", [1, 12, 120])
def test_gaps_never_list_a_situation_below_high_when_tiers_exist(tiny: Warehouse, months: int) -> None:
    nobody, stale = overview.engagement_gaps(tiny, "low", 2026, TODAY, months)
    assert nobody.empty and stale.empty


def _checked(warehouse: Warehouse, method: str, periods: tuple[int | None, ...], days: tuple[date, ...],
             windows: tuple[int, ...]) -> int:
    """The gaps, checked against what they state over the registry (the listed situations, their order and
    columns) on every period, day and window. Returns the rows listed."""
    registry = load_registry(warehouse)
    view = engagement_view(registry)
    listed = 0
    for period in periods:
        tiers = tier_table(warehouse, method, period)
        ranked = situation_tiers(registry.situations, tiers).assign(name=registry.situations["name"].tolist())
        high = ranked["tier"].isin(HIGH_OR_ABOVE)  # none without tiers: then every unengaged situation is listed
        for day in days:
            by_situation = ranked["situation_id"]
            active = by_situation.map(view[active_on(view, day)].groupby("situation_id").size()).fillna(0).astype(int)
            started = view[view["started"] <= pd.Timestamp(day)].groupby("situation_id")["started"].max()
            ranked = ranked.assign(active=active, last_started=by_situation.map(started))
            for months in windows:
                listed += _check(overview.engagement_gaps(warehouse, method, period, day, months), {
                    "nobody": ranked[(high | tiers.empty) & (ranked["active"] == 0)],
                    "stale": ranked[high & (ranked["active"] > 0)
                                    & (ranked["last_started"] <= pd.Timestamp(day) - pd.DateOffset(months=months))]})
    return listed


def _check(gaps: tuple[pd.DataFrame, pd.DataFrame], expected: dict[str, pd.DataFrame]) -> int:
    for listed, wanted in zip(gaps, expected.values(), strict=True):
        wanted = wanted.sort_values(["tier_rank", "name", "situation_id"])
        assert list(listed.columns) == COLUMNS
        assert listed.drop(columns="last_started").values.tolist() == wanted[COLUMNS[:-1]].values.tolist()
        assert list(listed["last_started"]) == list(wanted["last_started"])
    return sum(len(listed) for listed in gaps)


def test_the_gaps_on_every_method_period_day_and_window_of_the_demo(demo: Warehouse) -> None:
    assert load_registry(demo).engagements["ended_precision"].isin(["month", "year"]).any()
    listed = sum(_checked(demo, method, (current_period(demo, method), 2015, 1900), DAYS, MONTHS)
                 for method in scored_methods(demo))
    assert listed  # some situation is in a gap on some day
    day = DAYS[0]
    # the window changes only the second list: the Overview's "nobody engaged" is the same with or without it
    pd.testing.assert_frame_equal(overview.engagement_gaps(demo, "ewp-1", 2015, day)[0],
                                  overview.engagement_gaps(demo, "ewp-1", 2015, day, 12)[0])


def test_the_gaps_on_real_data() -> None:
    real = Warehouse(str(real_warehouse()))
    method = scored_methods(real)[0]
    assert _checked(real, method, (current_period(real, method),), DAYS[:4], (12, 120))
