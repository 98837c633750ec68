"""What each EWP release's two-year risk list said, and what followed: onsets in the years each forecast covered."""

from __future__ import annotations

import pandas as pd

from r2p.warehouse.queries import Readable, query

RISK = "ewp.risk_2yr"  # filed under the data year the forecast is made from (2024 = onset in 2025 or 2026)
ONSET = "ewp.mk_onset"  # calendar year; current values, i.e. the newest release's outcome coding
TOPS = (10, 30)
FORECAST_FILE = "final_forecasts_data_*.csv"  # the EWP file that carries the two-year list
NOT_YET, BOTH_YEARS = "not yet", "both years"
LIST_HEADERS = {"rank": "Rank", "country": "Country", "risk_percent": "Two-year risk (%)",
                "followed": "What followed"}


def release_lists(warehouse: Readable) -> pd.DataFrame:
    """One row per EWP release and country on its newest two-year list, newest release first: release, published,
    data_year, first_year, last_year (the years the forecast covers), rank (within that release's list), iso3,
    country, risk, outcomes_through (last year of loaded onset data), onset_year (first onset in the window, or NA),
    onset (True / False / NA: not yet known) and followed (what followed, in words)."""
    lists = query(warehouse, "read/release_forecast_lists", {"source_id": "ewp", "risk_id": RISK, "onset_id": ONSET})
    lists["first_year"], lists["last_year"] = lists["data_year"] + 1, lists["data_year"] + 2
    lists["onset"] = [_onset(row.onset_year, row.last_year, row.outcomes_through) for row in lists.itertuples()]
    lists["followed"] = [followed(row.onset_year, row.first_year, row.outcomes_through) for row in lists.itertuples()]
    return lists


def _known(year: object) -> bool:
    return year is not None and not pd.isna(year)  # type: ignore[call-overload]


def _onset(onset_year: object, last_year: int, outcomes_through: object) -> object:
    if _known(onset_year):
        return True
    return False if _known(outcomes_through) and int(outcomes_through) >= last_year else pd.NA  # type: ignore[call-overload]


def followed(onset_year: object, first_year: int, outcomes_through: object) -> str:
    """In words: the onset year, no onset in the (known part of the) window, or not yet known."""
    last_year = first_year + 1
    if _known(onset_year):
        return f"Onset in {int(onset_year)}"  # type: ignore[call-overload]
    through = int(outcomes_through) if _known(outcomes_through) else None  # type: ignore[call-overload]
    if through is None:
        return "Not yet known (no onset data loaded)"
    if through >= last_year:
        return f"No onset in {first_year}–{last_year}"
    if through == first_year:
        return f"No onset in {first_year}; {last_year} not yet known"
    return f"Not yet known (onset data end in {through})"


def release_summary(lists: pd.DataFrame) -> pd.DataFrame:
    """One row per release (as ordered in `lists`): Release, Published, Made from data of, Forecast years,
    Countries listed, Outcomes known, and how many of its top 10 / top 30 had an onset in the window ("so far"
    while only the first year is loaded, "not yet known" while neither is)."""
    rows = []
    for release, listed in lists.groupby("release", sort=False):
        first = listed.iloc[0]
        row = {"Release": release, "Published": first["published"] or "–",
               "Made from data of": int(first["data_year"]),
               "Forecast years": f"{int(first['first_year'])}–{int(first['last_year'])}",
               "Countries listed": len(listed), "Outcomes known": _outcomes_known(first)}
        for top in TOPS:
            row[f"Top {top} with an onset"] = _onsets_in_top(listed, top, row["Outcomes known"])
        rows.append(row)
    return pd.DataFrame(rows)


def _outcomes_known(first: pd.Series) -> str:
    through = first["outcomes_through"]
    if not _known(through) or int(through) < first["first_year"]:
        return NOT_YET
    return BOTH_YEARS if int(through) >= first["last_year"] else f"{int(first['first_year'])} only"


def _onsets_in_top(listed: pd.DataFrame, top: int, known: str) -> str:
    if known == NOT_YET:
        return "not yet known"
    ranked = listed[listed["rank"] <= top]
    counted = f"{int(ranked['onset_year'].notna().sum())} of {len(ranked)}"
    return counted if known == BOTH_YEARS else f"{counted} so far"


def release_list(lists: pd.DataFrame, release: str, top: int | None = 30) -> pd.DataFrame:
    """One release's list as shown: Rank, Country, Two-year risk (%), What followed (its top `top`; None: all)."""
    listed = lists[lists["release"] == release].assign(risk_percent=lambda f: (f["risk"] * 100).round(2))
    if top is not None:
        listed = listed[listed["rank"] <= top]
    return listed[list(LIST_HEADERS)].rename(columns=LIST_HEADERS).reset_index(drop=True)
