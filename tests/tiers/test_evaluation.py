"""The evaluation protocol: EWP's published check figures from the real files, and hand-made cases that can fail."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from r2p.tiers.bootstrap import Draws, auc_draws, interval, stratified_draws, verdict
from r2p.tiers.evaluation import (
    REFERENCE,
    evaluate,
    forecast_lists,
    onset_windows,
    published_onsets,
    ranked,
    verdict_sentences,
)
from r2p.tiers.evaluation_inputs import foos_list_rows, method_scores
from r2p.vocabulary import INSUFFICIENT
from tests.conftest import require_shared

FOOS = "ewp/FOOSforecasts_3Sep2025.csv"
BASE = "ewp/basedata2025_4august2025.csv"
FIGURES = ["positives", "caught_10", "caught_20", "caught_30"]


def _recovered_lists(foos: pd.DataFrame) -> pd.DataFrame:
    """The FOOS file's two forecasts per row as list rows, keyed by the EWP country code."""
    columns = {"prev_year": "risk_prev", "two_years_prior": "risk_two_years_prior"}
    return forecast_lists(pd.concat([foos[["ccode", year, risk]].set_axis(["country", "period", "risk"], axis=1)
                                     for year, risk in columns.items()]))


@pytest.fixture(scope="module")
def real() -> dict:
    foos = pd.read_csv(require_shared(FOOS))
    base = pd.read_csv(require_shared(BASE))
    outcome = {name: base[["ccode", "year", name]].set_axis(["country", "period", "value"], axis=1)
               for name in ("mk_onset", "mk_ongoing")}
    lists = _recovered_lists(foos)
    table = evaluate(lists, outcome["mk_onset"], outcome["mk_ongoing"], {})
    return {"foos": foos, "lists": lists, "table": table.set_index(["definition", "subset"])}


def test_the_foos_file_gives_one_list_per_data_year_1993_to_2023(real: dict) -> None:
    per_year = real["lists"].groupby("period").size()
    assert (per_year.index.min(), per_year.index.max(), len(per_year)) == (1993, 2023, 31)
    assert per_year.between(150, 170).all()


def test_ranks_within_the_recovered_lists_are_the_files_own_ranks(real: dict) -> None:
    ranks = ranked(real["lists"], real["lists"].rename(columns={"risk": "score"}))
    for year, rank in (("prev_year", "rank_prev"), ("two_years_prior", "rank_two_years_prior")):
        joined = real["foos"].dropna(subset=[rank]).merge(ranks, left_on=["ccode", year],
                                                          right_on=["country", "period"], how="left")
        assert (joined["rank"] == joined[rank]).all(), rank


def test_ewp_forecast_year_check_figures_2025_release(real: dict) -> None:
    overall = real["table"].loc[("forecast-year", "all")]
    assert (overall["method"], overall["first_year"], overall["last_year"]) == (REFERENCE, 1993, 2022)
    assert list(overall[FIGURES]) == [72, 20, 37, 50]
    assert round(overall["auc"], 3) == 0.832
    assert list(real["table"].loc[("forecast-year", "no-ongoing"), FIGURES]) == [35, 8, 13, 18]
    assert real["table"].loc[("forecast-year", "ongoing"), "positives"] == 37


def test_ewp_published_check_figures_2025_release(real: dict) -> None:
    published = real["table"].loc[("ewp-published", "all")]
    assert list(published[FIGURES]) == [39, 12, 21, 27]
    assert round(published["auc"], 3) == 0.825
    assert (published["first_year"], published["last_year"]) == (1994, 2024)
    # the reference: EWP's own top-30 share has a bootstrap 95 % interval of about 54-82 %
    low, high = (bound / 39 for bound in published["caught_30_ci"])
    assert 0.50 <= low <= 0.60 and 0.78 <= high <= 0.86
    assert published["auc_ci"][0] < published["auc"] < published["auc_ci"][1]


# Hand-made: 40 countries C00..C39 listed 2000-2003; outcomes loaded to 2005, so windows close through 2003.
COUNTRIES = [f"C{i:02d}" for i in range(40)]
LISTS = pd.DataFrame([(c, year, 0.5 - i / 100) for year in range(2000, 2004) for i, c in enumerate(COUNTRIES)],
                     columns=["country", "period", "risk"])
ONSETS = pd.DataFrame([(c, year, int((c, year) in {("C35", 2002), ("C15", 2004), ("C02", 2005)}))
                       for c in COUNTRIES for year in range(1999, 2006)], columns=["country", "period", "value"])
ONGOING = ONSETS.assign(value=(ONSETS["country"] == "C15").astype(int))


def _scores(function) -> pd.DataFrame:  # noqa: ANN001 - (country, period) -> score
    return LISTS[["country", "period"]].assign(score=[function(c, p) for c, p in zip(LISTS["country"],
                                                                                      LISTS["period"], strict=True)])


def _windows() -> set[tuple[str, int]]:
    units = onset_windows(LISTS, ONSETS, ONGOING)
    return set(map(tuple, units.loc[units["positive"], ["country", "period"]].to_numpy()))


def test_one_onset_makes_two_windows_and_years_stop_where_windows_close() -> None:
    units = onset_windows(LISTS, ONSETS, ONGOING)
    assert (units["period"].min(), units["period"].max()) == (2000, 2003)
    assert _windows() == {("C35", 2000), ("C35", 2001), ("C15", 2002), ("C15", 2003), ("C02", 2003)}
    assert set(units.loc[units["ongoing"], "country"]) == {"C15"}


def test_the_published_metric_counts_each_onset_once() -> None:
    units = published_onsets(LISTS, ONSETS, ONGOING)
    assert set(map(tuple, units.loc[units["positive"], ["country", "period"]].to_numpy())) == {
        ("C35", 2002), ("C15", 2004)}  # C02's 2005 onset is beyond the lists' reach (2003 + 1)
    assert units["forecast"].all() and (units["period"].min(), units["period"].max()) == (2001, 2004)


def test_a_method_ranking_every_positive_first_has_auc_1_and_catches_all() -> None:
    windows = _windows()
    table = evaluate(LISTS, ONSETS, ONGOING, {"oracle": _scores(lambda c, p: float((c, p) in windows))})
    row = table.set_index(["method", "definition", "subset"]).loc[("oracle", "forecast-year", "all")]
    assert row["auc"] == 1.0 and row["auc_ci"] == [1.0, 1.0]
    assert row["caught_10"] == row["positives"] == 5


def test_insufficient_data_counts_as_a_miss_not_a_dropped_window() -> None:
    windows = _windows()
    blind = _scores(lambda c, p: np.nan if (c, p) in windows else 0.5 - int(c[1:]) / 100)
    table = evaluate(LISTS, ONSETS, ONGOING, {"blind": blind}).set_index(["method", "definition", "subset"])
    row = table.loc[("blind", "forecast-year", "all")]
    assert row["positives"] == 5 and row["caught_30"] == 0 and row["auc"] == 0.0
    stored = pd.DataFrame({"iso3": ["A", "B"], "period": 2000, "method_version": "m-1", "score": [7.0, 9.0],
                           "tier": ["High", INSUFFICIENT]})
    assert method_scores(stored)["m-1"]["score"].isna().tolist() == [False, True]


def test_identical_methods_differ_by_zero_with_an_interval_holding_zero() -> None:
    table = evaluate(LISTS, ONSETS, ONGOING, {"copy": LISTS.rename(columns={"risk": "score"})})
    copies = table[table["method"] == "copy"]
    assert (copies["delta_auc"] == 0).all() and (copies["delta_caught_30"] == 0).all()
    # the same draws for both: every round's difference is exactly 0
    assert all(ci == [0.0, 0.0] for ci in [*copies["delta_auc_ci"], *copies["delta_caught_30_ci"]])
    assert set(copies["verdict"]) == {"matches within noise"}
    assert "matches EWP's out-of-sample forecasts within noise" in verdict_sentences(table)["copy"]


def test_the_bootstrap_is_deterministic_for_the_seed() -> None:
    first, second = (stratified_draws(5, 40, rounds=50, seed=7) for _ in range(2))
    assert np.array_equal(first.positive, second.positive) and np.array_equal(first.negative, second.negative)
    assert not np.array_equal(first.negative, stratified_draws(5, 40, rounds=50, seed=8).negative)
    assert (first.positive.sum(axis=1) == 5).all() and (first.negative.sum(axis=1) == 40).all()
    tables = [evaluate(LISTS, ONSETS, ONGOING, {"copy": _scores(lambda c, p: -int(c[1:]))}, rounds=200, seed=3)
              for _ in range(2)]
    pd.testing.assert_frame_equal(*tables)


def test_every_method_shares_the_draws_so_differences_are_paired() -> None:
    windows = _windows()
    table = evaluate(LISTS, ONSETS, ONGOING, {"oracle": _scores(lambda c, p: float((c, p) in windows))})
    oracle = table.set_index(["method", "definition", "subset"]).loc[("oracle", "forecast-year", "all")]
    assert oracle["delta_auc"] > 0 and oracle["verdict"] == "beats"
    assert verdict_sentences(table)["oracle"].startswith("oracle beats EWP's out-of-sample forecasts on all 5 onset")


def test_the_published_rule_takes_the_better_of_the_methods_two_prior_year_ranks() -> None:
    # C35's 2002 onset: first only in the 2000 list (two years before); C15's 2004 onset: every score tied at 0
    # in 2002 and 2003, so C15 ranks 16th by country code.
    early = _scores(lambda c, p: float((c, p) == ("C35", 2000)))
    table = evaluate(LISTS, ONSETS, ONGOING, {"early": early}).set_index(["method", "definition", "subset"])
    row = table.loc[("early", "ewp-published", "all")]
    assert (row["positives"], row["caught_10"], row["caught_20"]) == (2, 1, 2)


def test_ties_follow_the_fixed_rule_and_unscored_countries_rank_last() -> None:
    lists = pd.DataFrame({"country": ["B", "A", "C", "D"], "period": 2000, "risk": 0.1})
    scores = pd.DataFrame({"country": ["A", "B", "C", "D"], "period": 2000, "score": [1.0, 2.0, 2.0, np.nan]})
    ranks = ranked(lists, scores).set_index("country")["rank"]
    assert ranks.to_dict() == pytest.approx({"B": 1.0, "C": 2.0, "A": 3.0, "D": np.nan}, nan_ok=True)


def test_auc_matches_a_brute_force_count_with_ties_at_one_half() -> None:
    positives, negatives = np.array([0.9, 0.5, -np.inf]), np.array([0.5, 0.1, -np.inf, 0.7])
    expected = np.mean([1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives])
    one_round = Draws(np.ones((1, 3), dtype=np.int64), np.ones((1, 4), dtype=np.int64))
    point, rounds = auc_draws(positives, negatives, one_round)
    assert point == pytest.approx(expected) and rounds[0] == pytest.approx(expected)
    left_out, _ = auc_draws(positives, negatives, one_round, np.array([1, 1, 0]))
    assert left_out == pytest.approx(np.mean([1, 1, 1, 1, 0.5, 1, 1, 0]))


def test_a_verdict_comes_from_where_the_paired_interval_lies() -> None:
    assert verdict(0.01, 0.2) == "beats" and verdict(-0.2, -0.01) == "trails"
    assert verdict(-0.1, 0.1) == "matches within noise" and verdict(np.nan, np.nan) == "no verdict"
    assert interval(np.arange(1001.0)) == pytest.approx([25.0, 975.0])


def test_foos_observations_are_filed_back_under_their_data_year() -> None:
    observations = pd.DataFrame({"iso3": ["MMR", "MMR", "MMR"], "period": [2024, 2024, 2024], "value": [0.1, 0.2, 1.0],
                                 "indicator_id": ["ewp.foos_risk_from_prev_year", "ewp.foos_risk_from_two_years_prior",
                                                  "ewp.foos_risk_2yr"]})
    rows = foos_list_rows(observations)
    assert sorted(zip(rows["period"], rows["risk"], strict=True)) == [(2022, 0.2), (2023, 0.1)]
