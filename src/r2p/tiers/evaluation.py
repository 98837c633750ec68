"""One fixed protocol scoring tier methods against EWP's fully out-of-sample (FOOS) forecast record.

Every method ranks the same countries: those of EWP's FOOS list for each data year t. Two definitions:
- `forecast-year` (what a dashboard user experiences): a positive is a country with a new mass-killing onset in
  t+1 or t+2, an "onset window" (one onset can make two windows, one from each list that covered it); caught at
  N if it ranks within N in year t; AUC pooled over every (t, country) of the lists.
- `ewp-published` (EWP's own metric, as its R code reports it): each onset once, caught at N if the better of
  its ranks in the two prior data years is within N (minrank2), AUC on the higher of the two prior-year scores
  (maxrisk2) pooled over every outcome-year row that has an EWP forecast.
A country the method cannot score, or scores as Insufficient data, ranks last and is never caught. Each is split
by whether a mass killing was already under way (`ewp.mk_ongoing`): at t, or for `ewp-published` in the year
before the onset year. Years: data years for `forecast-year`, outcome years for `ewp-published`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from r2p.tiers.bootstrap import ROUNDS, SEED, Draws, auc_draws, count_draws, interval, stratified_draws, verdict

REFERENCE = "ewp-foos"  # EWP's published out-of-sample forecasts, the baseline of every paired difference
DEFINITIONS = ("forecast-year", "ewp-published")
SUBSETS = ("all", "no-ongoing", "ongoing")
TOPS = (10, 20, 30)
HORIZON = 2
TIE_RULE = ("within a data year, highest score first; equal scores, and the unscored countries (all last), in "
            "ascending order of country code")
KEY = ["country", "period"]
PAIRED = ("delta_auc", "delta_auc_ci", "verdict", "delta_caught_30", "delta_caught_30_ci", "verdict_caught_30")


def forecast_lists(rows: pd.DataFrame) -> pd.DataFrame:
    """EWP's forecast list per data year (country, period, risk): empty risks and repeated (period, country)
    rows dropped (the FOOS file holds most list entries twice, under two outcome years, with equal risks)."""
    kept = rows.dropna(subset=["risk"]).drop_duplicates(KEY)
    return kept[[*KEY, "risk"]].sort_values(KEY).reset_index(drop=True)


def onset_windows(lists: pd.DataFrame, onsets: pd.DataFrame, ongoing: pd.DataFrame) -> pd.DataFrame:
    """Forecast-year units (country, period, positive, ongoing, forecast) from the first list year to the last
    data year whose two-year window has closed in the loaded outcomes (onsets/ongoing: country, period, value)."""
    last = int(onsets["period"].max()) - HORIZON
    units = lists.loc[lists["period"] <= last, KEY]
    hits = onsets.loc[onsets["value"] > 0, KEY]
    windows = pd.concat([hits.assign(period=hits["period"] - ahead) for ahead in range(1, HORIZON + 1)])
    units = _flagged(units, windows.drop_duplicates(), "positive")
    return _flagged(units, ongoing.loc[ongoing["value"] > 0, KEY], "ongoing").assign(forecast=True)


def published_onsets(lists: pd.DataFrame, onsets: pd.DataFrame, ongoing: pd.DataFrame) -> pd.DataFrame:
    """EWP-published units: every outcome year a list covers (up to the last loaded outcome) and country with an
    EWP forecast for it, plus each onset there without one (a miss, outside the AUC); ongoing = in the year before."""
    first, last = int(lists["period"].min()) + 1, min(int(lists["period"].max()) + 1, int(onsets["period"].max()))
    covered = pd.concat([lists[KEY].assign(period=lists["period"] + ahead) for ahead in range(1, HORIZON + 1)])
    hits = onsets.loc[(onsets["value"] > 0) & onsets["period"].between(first, last), KEY]
    units = pd.concat([covered[covered["period"].between(first, last)], hits]).drop_duplicates()
    units = _flagged(_flagged(units, covered, "forecast"), hits, "positive")
    before = ongoing.loc[ongoing["value"] > 0, KEY].assign(period=lambda f: f["period"] + 1)
    return _flagged(units, before, "ongoing")


def _flagged(units: pd.DataFrame, marked: pd.DataFrame, name: str) -> pd.DataFrame:
    marks = marked[KEY].drop_duplicates().assign(**{name: True})
    merged = units.merge(marks, on=KEY, how="left")
    return merged.assign(**{name: merged[name].fillna(False).astype(bool)})


def ranked(lists: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """Each list year's countries ranked by a method's scores (country, period, score; NaN = Insufficient data):
    columns country, period, score (-inf unscored) and rank (NaN unscored), by TIE_RULE."""
    frame = lists[KEY].merge(scores[[*KEY, "score"]].drop_duplicates(KEY), on=KEY, how="left")
    frame["score"] = frame["score"].astype(float).fillna(-np.inf)
    frame = frame.sort_values(["period", "score", "country"], ascending=[True, False, True])
    frame["rank"] = (frame.groupby("period").cumcount() + 1).astype(float)
    frame.loc[frame["score"] == -np.inf, "rank"] = np.nan
    return frame.reset_index(drop=True)


def judged(units: pd.DataFrame, ranking: pd.DataFrame, definition: str) -> pd.DataFrame:
    """The units with the method's score for the AUC and whether each is caught in the top 10, 20 and 30."""
    if definition == "forecast-year":
        frame = units.merge(ranking, on=KEY, how="left")
    else:  # the better of the ranks (and the higher of the scores) of the two lists covering the outcome year
        frame = units
        for ahead in range(1, HORIZON + 1):
            prior = ranking.assign(period=ranking["period"] + ahead).rename(
                columns={"score": f"score_{ahead}", "rank": f"rank_{ahead}"})
            frame = frame.merge(prior, on=KEY, how="left")
        prior_years = range(1, HORIZON + 1)
        frame = frame.assign(score=frame[[f"score_{a}" for a in prior_years]].max(axis=1),
                             rank=frame[[f"rank_{a}" for a in prior_years]].min(axis=1))
    frame["score"] = frame["score"].fillna(-np.inf)
    # NOTE: one fixed unit order for every method: the bootstrap's draws are counts by position, shared (paired).
    frame = frame.sort_values(KEY, ignore_index=True)
    return frame.assign(**{f"caught_{top}": frame["rank"] <= top for top in TOPS})


def evaluate(lists: pd.DataFrame, onsets: pd.DataFrame, ongoing: pd.DataFrame, scores: Mapping[str, pd.DataFrame],
             rounds: int = ROUNDS, seed: int = SEED) -> pd.DataFrame:
    """The protocol's table: one row per method (REFERENCE first, then `scores`' keys), definition and subset.

    lists: EWP's FOOS lists (forecast_lists); onsets, ongoing: country, period, value; scores: per method,
    country, period, score. Figures carry stratified bootstrap 95 % intervals, drawn once per definition and
    subset and shared by every method, so each method's difference from REFERENCE is paired.
    """
    rankings = {name: ranked(lists, frame)
                for name, frame in {REFERENCE: lists.rename(columns={"risk": "score"}), **scores}.items()}
    all_units = {"forecast-year": onset_windows(lists, onsets, ongoing),
                 "ewp-published": published_onsets(lists, onsets, ongoing)}
    rows: list[dict] = []
    for number, (definition, units) in enumerate(all_units.items()):
        years = (int(units["period"].min()), int(units["period"].max()))
        by_method = {name: judged(units, ranking, definition) for name, ranking in rankings.items()}
        for part, subset in enumerate(SUBSETS):
            chosen = {name: frame[_in_subset(frame, subset)] for name, frame in by_method.items()}
            head = {"definition": definition, "subset": subset, "first_year": years[0], "last_year": years[1]}
            rows += _subset_rows(head, chosen, rounds, (seed, number, part))
    table = pd.DataFrame(rows)
    table["delta_caught_30"] = table["delta_caught_30"].astype("Int64")  # a count; empty on REFERENCE's rows
    return table


def _in_subset(units: pd.DataFrame, subset: str) -> pd.Series:
    if subset == "all":
        return pd.Series(True, index=units.index)
    return units["ongoing"] if subset == "ongoing" else ~units["ongoing"]


def _subset_rows(head: dict, by_method: dict[str, pd.DataFrame], rounds: int, seed: tuple[int, ...]) -> list[dict]:
    sample = by_method[REFERENCE]
    n_positive = int(sample["positive"].sum())
    n_negative = int((~sample["positive"] & sample["forecast"]).sum())
    draws = stratified_draws(n_positive, n_negative, rounds, seed)
    figures = {name: _figures(frame, draws) for name, frame in by_method.items()}
    base = figures[REFERENCE]
    rows = []
    for name, found in figures.items():
        row = {"method": name, **head, "positives": n_positive, "negatives": n_negative, **found["shown"]}
        rows.append(row | (_paired(found, base) if name != REFERENCE else dict.fromkeys(PAIRED)))
    return rows


def _figures(frame: pd.DataFrame, draws: Draws) -> dict:
    positives, negatives = frame[frame["positive"]], frame[~frame["positive"] & frame["forecast"]]
    auc, auc_rounds = auc_draws(positives["score"].to_numpy(float), negatives["score"].to_numpy(float), draws,
                                positives["forecast"].to_numpy())
    shown: dict = {}
    caught_rounds = {}
    for top in TOPS:
        shown[f"caught_{top}"], caught_rounds[top] = count_draws(positives[f"caught_{top}"].to_numpy(), draws)
        shown[f"caught_{top}_ci"] = interval(caught_rounds[top])
    shown |= {"auc": auc, "auc_ci": interval(auc_rounds)}
    return {"shown": shown, "auc_rounds": auc_rounds, "caught_30_rounds": caught_rounds[30]}


def _paired(found: dict, base: dict) -> dict:
    delta_auc = found["shown"]["auc"] - base["shown"]["auc"]
    auc_ci = interval(found["auc_rounds"] - base["auc_rounds"])
    caught_ci = interval(found["caught_30_rounds"] - base["caught_30_rounds"])
    return {"delta_auc": delta_auc, "delta_auc_ci": auc_ci, "verdict": verdict(*auc_ci),
            "delta_caught_30": found["shown"]["caught_30"] - base["shown"]["caught_30"],
            "delta_caught_30_ci": caught_ci, "verdict_caught_30": verdict(*caught_ci)}


def verdict_sentences(table: pd.DataFrame) -> dict[str, str]:
    """One plain sentence per method (not REFERENCE) from its forecast-year rows: whether it beats, matches within
    noise or trails EWP's FOOS forecasts on all windows and on the windows with no mass killing under way
    (the verb from the paired AUC interval; the top-30 difference and its interval beside it)."""
    rows = table[(table["definition"] == "forecast-year") & (table["method"] != REFERENCE)]
    sentences = {}
    for method, found in rows.groupby("method", sort=False):
        by_subset = found.set_index("subset")
        overall = _clause(by_subset.loc["all"], "EWP's out-of-sample forecasts", "all {n} onset windows")
        quiet = _clause(by_subset.loc["no-ongoing"], "them", "the {n} windows with no mass killing under way")
        sentences[str(method)] = f"{method} {overall}, and {quiet}."
    return sentences


def _clause(row: pd.Series, baseline: str, where: str) -> str:
    verb = {"beats": f"beats {baseline}", "trails": f"trails {baseline}",
            "matches within noise": f"matches {baseline} within noise"}.get(row["verdict"], f"has no verdict against "
                                                                                             f"{baseline}")
    base_auc, base_caught = row["auc"] - row["delta_auc"], row["caught_30"] - row["delta_caught_30"]
    return (f"{verb} on {where.format(n=row['positives'])} (AUC {row['auc']:.3f} against {base_auc:.3f},"
            f" difference {row['delta_auc']:+.3f}, 95 % CI {row['delta_auc_ci'][0]:+.3f} to"
            f" {row['delta_auc_ci'][1]:+.3f}; top 30: {row['caught_30']} against {base_caught} caught,"
            f" difference {row['delta_caught_30']:+d}, CI {row['delta_caught_30_ci'][0]:+.0f} to"
            f" {row['delta_caught_30_ci'][1]:+.0f})")
