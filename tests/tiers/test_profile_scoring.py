"""composite-2, the UN Framework situation profile: earlier years only, thin indicators out, mk_ongoing a flag."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from r2p.access.rights import command_line_user
from r2p.ops.build import ingest_and_score, initialise
from r2p.tiers.dispatch import score_method
from r2p.tiers.method import TierMethod, method
from r2p.tiers.profile_scoring import profile_scores
from r2p.warehouse import Warehouse
from r2p.warehouse.queries import query
from tests.helpers.data import FIXED_TODAY, require_shared

DEATHS, POLYARCHY, ONGOING = "ucdp.battle_deaths", "vdem.v2x_polyarchy", "ewp.mk_ongoing"
CATALOG = pd.DataFrame({"indicator_id": [DEATHS, POLYARCHY, ONGOING], "higher_is_worse": [True, False, True],
                        "risk_factors": [[1], [3, 6], [2, 11]]})
COUNTRIES = [f"C{n:02d}" for n in range(10)]


def _method(**profile: object) -> TierMethod:
    return TierMethod(
        id="testprofile", version=1, name="Test profile — not a forecast of new onsets", scoring="profile",
        description="t", reference_period=(2000, 2010), stale_after_years=0, coverage_floor=0.3,
        indicators=[{"id": DEATHS, "normalise": "minmax", "weight": 1.0},
                    {"id": POLYARCHY, "normalise": "minmax", "weight": 1.0}],
        factor_weights={1: 1.0, 3: 1.0, 6: 1.0},
        thresholds={"Very high": 8.0, "High": 6.0, "Elevated": 4.0, "Moderate": 2.0, "Low": 0.0},
        profile={"normalise_over": "earlier_years", "min_country_share": 0.8, "flags": [ONGOING]} | profile)


def _observations(seed: int = 3) -> pd.DataFrame:
    draws = np.random.default_rng(seed)
    rows = [(c, i, y, float(draws.uniform(0, 1000) if i == DEATHS else draws.uniform()))
            for c in COUNTRIES for y in range(2000, 2006) for i in (DEATHS, POLYARCHY)]
    rows += [("C00", ONGOING, y, 1.0) for y in range(2000, 2006)]
    return pd.DataFrame(rows, columns=["iso3", "indicator_id", "period", "value"])


def _scores(observations: pd.DataFrame, chosen: TierMethod | None = None) -> pd.DataFrame:
    return profile_scores(observations, chosen or _method(), CATALOG, list(range(2000, 2006))).set_index(
        ["iso3", "period"])


def test_a_later_years_values_never_change_an_earlier_years_score() -> None:
    observations = _observations()
    before = _scores(observations)
    later = observations["period"] == 2005
    changed = observations.assign(value=observations["value"].where(~later, observations["value"] * 50))
    after = _scores(changed)
    earlier = [key for key in before.index if key[1] < 2005]
    pd.testing.assert_series_equal(before.loc[earlier, "score"], after.loc[earlier, "score"])
    assert not np.allclose(before.xs(2005, level="period")["score"], after.xs(2005, level="period")["score"])


def test_each_year_is_normalised_against_the_years_before_it_only() -> None:
    observations = pd.DataFrame([("C00", DEATHS, 2000, 0.0), ("C01", DEATHS, 2000, 100.0),
                                 ("C00", DEATHS, 2001, 50.0), ("C01", DEATHS, 2001, 1000.0)],
                                columns=["iso3", "indicator_id", "period", "value"])
    chosen = _method().model_copy(update={"indicators": _method().indicators[:1], "coverage_floor": 0.5})
    scores = _scores(observations, chosen)
    assert (("C00", 2000) not in scores.index) or pd.isna(scores.at[("C00", 2000), "score"])  # nothing before
    assert scores.at[("C00", 2001), "score"] == pytest.approx(5.0)  # 50 on 2000's range 0..100
    assert scores.at[("C01", 2001), "score"] == pytest.approx(10.0)  # clipped: 1000 lies beyond 2000's range


def test_an_indicator_held_by_under_80_percent_of_countries_in_a_year_is_left_out_of_that_year() -> None:
    observations = _observations()
    thin = (observations["indicator_id"] == POLYARCHY) & (observations["period"] == 2003) & \
        observations["iso3"].isin(COUNTRIES[:3])
    scores = _scores(observations[~thin])  # 7 of 10 countries hold polyarchy in 2003: 70 % < 80 %
    parts = {key: json.loads(text)["indicators"] for key, text in scores["contributions"].items()}
    assert all(POLYARCHY not in parts[(c, 2003)] for c in COUNTRIES)
    assert all(POLYARCHY in parts[(c, 2004)] for c in COUNTRIES)
    assert scores.at[("C05", 2003), "coverage"] == pytest.approx(0.5)  # its weight counts as missing
    kept = _scores(observations[~thin], _method(min_country_share=0.6))  # a looser rule keeps it
    assert POLYARCHY in json.loads(kept.at[("C05", 2003), "contributions"])["indicators"]


def test_mass_killing_under_way_is_a_flag_beside_the_score_not_part_of_it() -> None:
    observations = _observations()
    scores = _scores(observations)
    without = _scores(observations[observations["indicator_id"] != ONGOING])
    pd.testing.assert_series_equal(scores["score"], without["score"])
    about = json.loads(scores.at[("C00", 2003), "contributions"])
    assert about["flags"] == {ONGOING: 1.0} and ONGOING not in about["indicators"]
    assert json.loads(scores.at[("C01", 2003), "contributions"])["flags"] == {}


def test_the_shipped_composite_2_is_composite_1_without_mk_ongoing_and_says_it_is_no_forecast() -> None:
    profile, composite = method("composite-2"), method("composite-1")
    assert "not a forecast of new onsets" in profile.name and "not a forecast of new onsets" in profile.description
    assert ONGOING not in {i.id for i in profile.indicators} and profile.profile.flags == (ONGOING,)
    assert [i for i in composite.indicators if i.id != ONGOING] == list(profile.indicators)
    assert profile.profile.min_country_share == 0.8 and profile.profile.normalise_over == "earlier_years"
    assert (profile.thresholds, profile.factor_weights) == (composite.thresholds, composite.factor_weights)


def test_score_method_scores_a_profile_as_a_profile() -> None:
    observations = _observations()
    via_door = score_method(observations, _method(), CATALOG, list(range(2000, 2006))).set_index(["iso3", "period"])
    pd.testing.assert_series_equal(via_door["score"], _scores(observations)["score"])


@pytest.mark.slow  # EWP's base data and the V-Dem extract: about 20-60 s
def test_on_real_data_no_look_ahead_and_the_flag_is_stored(tmp_path: Path) -> None:
    files = [("ewp", require_shared("ewp/basedata2025_4august2025.csv")),
             ("ewp", require_shared("ewp/prepared2024predictors-2025-09-03.csv")),
             ("wdi", require_shared("ewp/inputs/wdi.csv"))]
    warehouse = Warehouse(str(tmp_path / "r2p.duckdb"))
    initialise(warehouse, want_demo=False, today=FIXED_TODAY)
    for source, file in files:
        assert ingest_and_score(warehouse, source, file, user=command_line_user()).status == "loaded"
    chosen = method("composite-2")
    ids = [i.id for i in chosen.indicators] + [ONGOING]
    observations = query(warehouse, "read/observations_of_indicators", {"indicator_ids": ids})
    catalog = query(warehouse, "read/indicator_directions")
    whole = profile_scores(observations, chosen, catalog, list(range(1995, 2011))).set_index(["iso3", "period"])
    cut = profile_scores(observations[observations["period"] <= 2005], chosen, catalog,
                         list(range(1995, 2006))).set_index(["iso3", "period"])
    up_to_2005 = whole[whole.index.get_level_values("period") <= 2005]
    pd.testing.assert_series_equal(up_to_2005["score"].sort_index(), cut["score"].sort_index())
    stored = query(warehouse, "read/method_scores", {"method_version": "composite-2"})
    flags = [json.loads(text)["flags"] for text in stored.loc[stored["iso3"] == "SDN", "contributions"]]
    assert any(flag.get(ONGOING) == 1.0 for flag in flags)
    assert all(ONGOING not in json.loads(text)["indicators"] for text in stored["contributions"])
