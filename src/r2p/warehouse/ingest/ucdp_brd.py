"""UCDP Battle-Related Deaths (dyad- or conflict-year rows) -> country-year battle-death totals.

Attribution rule (EWP's, and it reproduces EWP's battledeaths.csv from BRD 25.1 exactly):
- `ucdp.battle_deaths`: the sum of `bd_best` over intrastate and internationalised intrastate rows
  (`type_of_conflict` 3 and 4), attributed to the single state in `gwno_loc` (its Gleditsch-Ward number, mapped
  with the row's year). An intrastate row listing several location states cannot be attributed and is rejected.
- Interstate rows (type 2) are NOT in `ucdp.battle_deaths`. Their `gwno_loc` lists every government party
  ("365, 369" for Russia-Ukraine); each listed state gets the row's whole `bd_best` in
  `ucdp.interstate_battle_deaths` (attributed to each, not split: the same deaths count for every party, so that
  indicator must not be summed across countries).
- Extrasystemic rows (type 1, none after 1989) and codes that are no known state in the row's year are rejected.
- Only country-years with at least one dyad of >= 25 deaths appear: absence means none recorded, not unknown.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from r2p.warehouse.ingest.result import IngestRefused, Problem, Staged
from r2p.warehouse.ingest.ucdp_common import country_year_totals, located, numbers, read_columns, rejects
from r2p.warehouse.ingest.validate import Reference

COLUMNS = ("year", "bd_best", "type_of_conflict", "gwno_loc")
REQUIRED = ("year", "bd_best", "type_of_conflict", "gwno_loc")
CONFLICT_TYPES = (1, 2, 3, 4)
KIND = "ucdp-brd"


def read_brd(path: Path, reference: Reference) -> Staged:
    """Stage a BRD file; every unreadable cell refuses it, unattributable rows are rejected."""
    frame = read_columns(path, COLUMNS, REQUIRED, KIND)
    parsed, problems = _parse(frame, path.name)
    if problems:
        raise IngestRefused(problems, KIND, len(frame))
    places = _locations(frame, parsed, reference)
    internal = (places["type_of_conflict"] >= 3) & (places["n_places"] == 1)
    several = (places["type_of_conflict"] >= 3) & (places["n_places"] > 1)
    interstate = places["type_of_conflict"] == 2
    unknown = places["iso3"].isna() & ~several & (places["type_of_conflict"] != 1)
    observations = pd.concat([
        _totals(places[internal & ~unknown], "ucdp.battle_deaths"),
        _totals(places[interstate & ~unknown].drop_duplicates(["_row", "iso3"]), "ucdp.interstate_battle_deaths"),
    ], ignore_index=True)
    return Staged(kind=KIND, rows_read=len(frame), observations=observations,
                  rejects=_rejects(places, several, unknown), as_of=date(int(parsed["year"].max()), 12, 31))


def _parse(frame: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    parsed, problems = pd.DataFrame(index=frame.index), []
    for column in ("year", "bd_best", "type_of_conflict"):
        parsed[column], found = numbers(frame, column, file, whole=True)
        problems += found
    problems += located(frame, parsed["type_of_conflict"].notna() & ~parsed["type_of_conflict"].isin(CONFLICT_TYPES),
                        "type_of_conflict", file, "is not 1 (extrasystemic), 2 (interstate), 3 (intrastate) or 4 "
                        "(internationalised intrastate)")
    codes = frame["gwno_loc"].astype("string").str.split(",")
    parts = codes.explode().str.strip()
    bad = parts.isna() | ~parts.str.fullmatch(r"\d+").fillna(False)
    problems += located(frame, bad.groupby(level=0).any(), "gwno_loc", file,
                        "is not a Gleditsch-Ward number or a comma-separated list of them")
    parsed["codes"] = codes
    return parsed, problems


def _locations(frame: pd.DataFrame, parsed: pd.DataFrame, reference: Reference) -> pd.DataFrame:
    """One row per (source row, location code), with the code's ISO3 in the row's year."""
    places = pd.DataFrame({
        "_row": frame["_row"], "gwno_loc": frame["gwno_loc"], "year": parsed["year"].astype("int64"),
        "bd_best": parsed["bd_best"], "type_of_conflict": parsed["type_of_conflict"].astype("int64"),
        "code": parsed["codes"], "n_places": parsed["codes"].str.len(),
    }).explode("code", ignore_index=True)
    places["code"] = places["code"].str.strip().astype("int64")
    places["iso3"] = reference.iso3_for_ccodes(places["code"], places["year"])
    return places.assign(period=places["year"])


def _totals(places: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    return country_year_totals(places, "bd_best", indicator_id, "bd_best", "year")


def _rejects(places: pd.DataFrame, several: pd.Series, unknown: pd.Series) -> pd.DataFrame:
    """What was deliberately left out: extrasystemic rows, multi-location intrastate rows, unknown codes."""
    first = ~places.duplicated("_row")
    extrasystemic = places[(places["type_of_conflict"] == 1) & first]
    multi = places[several & first]
    codes = places[unknown].assign(gwno_loc=places.loc[unknown, "code"].astype(str))
    return pd.concat([
        rejects(extrasystemic, "type_of_conflict", pd.Series("extrasystemic conflict (type 1): not attributed to a "
                                                             "country", index=extrasystemic.index)),
        rejects(multi, "gwno_loc", pd.Series("intrastate conflict located in several states: its deaths cannot be "
                                             "attributed to one country", index=multi.index)),
        rejects(codes, "gwno_loc", "Gleditsch-Ward code " + codes["gwno_loc"] + " is not a known state in "
                + codes["year"].astype(str) + "; its deaths are left out"),
    ], ignore_index=True).sort_values("row_number", kind="stable", ignore_index=True)
