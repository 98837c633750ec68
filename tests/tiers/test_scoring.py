"""Pure scoring: normalisation, roll-up through risk factors, reliability and tier boundaries."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from r2p.tiers.dispatch import score_method
from r2p.tiers.method import TierMethod
from r2p.tiers.scoring import assign_tiers, latest_values
from r2p.vocabulary import INSUFFICIENT

CATALOG = pd.DataFrame({
    "indicator_id": ["ucdp.battle_deaths", "vdem.v2x_polyarchy", "ewp.risk_2yr"],
    "higher_is_worse": [True, False, True],
    "risk_factors": [[1], [3, 6], [2, 7]],
})


def _method(**changes: object) -> TierMethod:
    base = dict(id="test", version=1, name="Test", scoring="composite", description="t", reference_period=(2000, 2001),
                stale_after_years=1, coverage_floor=0.6,
                indicators=[{"id": "ucdp.battle_deaths", "normalise": "minmax", "weight": 1.0},
                            {"id": "vdem.v2x_polyarchy", "normalise": "minmax", "weight": 1.0}],
                factor_weights={1: 2.0, 3: 1.0, 6: 1.0},
                thresholds={"Very high": 8.0, "High": 6.0, "Elevated": 4.0, "Moderate": 2.0, "Low": 0.0})
    return TierMethod(**(base | changes))


def _obs(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["iso3", "indicator_id", "period", "value"])


OBS = _obs([
    ("AAA", "ucdp.battle_deaths", 2000, 0), ("BBB", "ucdp.battle_deaths", 2000, 1000),
    ("AAA", "vdem.v2x_polyarchy", 2000, 1.0), ("BBB", "vdem.v2x_polyarchy", 2000, 0.0),
    ("AAA", "ucdp.battle_deaths", 2001, 500), ("BBB", "ucdp.battle_deaths", 2001, 1000),
    ("BBB", "vdem.v2x_polyarchy", 2001, 0.5),
])


def test_latest_values_carry_forward_within_the_staleness_window_only() -> None:
    values = latest_values(OBS, [2001, 2002, 2003], stale_after=1)
    found = {(r.iso3, r.indicator_id, r.period): (r.value, r.age) for r in values.itertuples()}
    assert found[("AAA", "vdem.v2x_polyarchy", 2001)] == (1.0, 1)  # carried from 2000
    assert found[("BBB", "vdem.v2x_polyarchy", 2001)] == (0.5, 0)  # own year wins
    assert ("AAA", "vdem.v2x_polyarchy", 2002) not in found  # two years old: stale, dropped
    assert ("AAA", "ucdp.battle_deaths", 2003) not in found


def test_direction_aware_minmax_and_factor_weights() -> None:
    scores = score_method(OBS, _method(), CATALOG, [2000]).set_index("iso3")
    # BBB: worst on both: deaths max (10) in factor 1 (weight 2); polyarchy 0 (lower is worse → 10) in 3 and 6.
    assert scores.at["BBB", "score"] == pytest.approx(10.0)
    assert scores.at["AAA", "score"] == pytest.approx(0.0)
    assert scores.at["BBB", "tier"] == "Very high" and scores.at["AAA", "tier"] == "Low"


def test_contributions_add_up_to_the_score() -> None:
    scores = score_method(OBS, _method(), CATALOG, [2001]).set_index("iso3")
    parts = json.loads(scores.at["AAA", "contributions"])
    # AAA 2001: deaths 500 → 5.0 in factor 1 (weight 2 of 4); polyarchy carried (1.0 → 0) in factors 3 and 6.
    assert parts["factors"] == {"1": pytest.approx(2.5), "3": pytest.approx(0.0), "6": pytest.approx(0.0)}
    assert sum(parts["indicators"].values()) == pytest.approx(scores.at["AAA", "score"]) == pytest.approx(2.5)
    assert scores.at["AAA", "stale_share"] == pytest.approx(0.5)


def test_below_the_coverage_floor_the_tier_is_insufficient_data_never_low() -> None:
    only_deaths = _obs([("AAA", "ucdp.battle_deaths", 2000, 0), ("BBB", "ucdp.battle_deaths", 2000, 1000)])
    scores = score_method(only_deaths, _method(), CATALOG, [2000]).set_index("iso3")
    assert scores.at["AAA", "coverage"] == pytest.approx(0.5)
    assert set(scores["tier"]) == {INSUFFICIENT}


@pytest.mark.parametrize(("score", "tier"), [(8.0, "Very high"), (7.999, "High"), (6.0, "High"), (4.0, "Elevated"),
                                             (2.0, "Moderate"), (1.99, "Low"), (0.0, "Low")])
def test_thresholds_are_inclusive_lower_bounds(score: float, tier: str) -> None:
    frame = pd.DataFrame({"score": [score], "coverage": [1.0]})
    assert assign_tiers(frame, _method()).iloc[0] == tier


def test_a_direct_method_tiers_the_raw_value() -> None:
    method = _method(id="ewpish", scoring="direct", indicators=[{"id": "ewp.risk_2yr", "weight": 1.0}],
                     factor_weights={}, coverage_floor=1.0,
                     thresholds={"Very high": 0.08, "High": 0.04, "Elevated": 0.02, "Moderate": 0.01, "Low": 0.0})
    risks = _obs([("AAA", "ewp.risk_2yr", 2024, 0.0399), ("BBB", "ewp.risk_2yr", 2024, 0.04),
                  ("CCC", "ewp.risk_2yr", 2023, 0.2)])
    scores = score_method(risks, method, CATALOG, [2024]).set_index("iso3")
    assert scores.at["AAA", "tier"] == "Elevated" and scores.at["BBB", "tier"] == "High"
    assert scores.at["CCC", "tier"] == "Very high" and scores.at["CCC", "stale_share"] == 1.0  # one year old


def test_missing_as_fills_only_within_the_years_an_indicator_covers() -> None:
    method = _method(indicators=[{"id": "ucdp.battle_deaths", "normalise": "minmax", "weight": 1.0, "missing_as": 0},
                                 {"id": "vdem.v2x_polyarchy", "normalise": "minmax", "weight": 1.0}])
    observations = _obs([("BBB", "ucdp.battle_deaths", 2000, 1000), ("BBB", "ucdp.battle_deaths", 2001, 10),
                         ("AAA", "vdem.v2x_polyarchy", 2000, 0.5), ("AAA", "vdem.v2x_polyarchy", 1999, 0.5),
                         ("BBB", "vdem.v2x_polyarchy", 2000, 0.2)])
    scores = score_method(observations, method, CATALOG, [1999, 2000]).set_index(["iso3", "period"])
    assert scores.at[("AAA", 2000), "coverage"] == 1.0  # no battle-deaths row in 2000 means none
    assert scores.at[("AAA", 1999), "coverage"] == 0.5  # 1999 is before the indicator's coverage
