"""The `acled` source: an ACLED events export (CSV or XLSX) -> events plus country-year fatality totals.

- Country: by ACLED's `iso` (ISO 3166 numeric). Kosovo has no ISO numeric code; ACLED writes 0 there, so only
  for a code our country table does not know is the `country` name consulted, and only to find a country that
  itself has no ISO numeric code (Kosovo). Any other unknown code (e.g. 630 Puerto Rico) is a territory
  R2P Watch does not track: those events are rejected, listed with the code and name.
- violence_type (UCDP's 1 state-based, 2 non-state, 3 one-sided), an approximation ACLED's own types allow:
  "Violence against civilians" -> 3; "Explosions/Remote violence" -> 3 when `civilian_targeting` says
  "Civilian targeting"; otherwise "Battles" and "Explosions/Remote violence" -> 1 when an actor is state forces
  (`inter1`/`inter2` 1 or "State forces"), else 2 (1 when the export has no inter columns). Protests, Riots and
  Strategic developments have no UCDP counterpart (unorganised or non-violent): loaded with no violence type.
- Deaths: `fatalities` is ACLED's single (often conservative) estimate, so best = low = high.
- Totals per country-year over the events in this file (only its countries and years): `acled.fatalities`
  (every event) and `acled.civilian_fatalities` (events marked "Civilian targeting"; in exports from before
  that column existed, 2023, the "Violence against civilians" events).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from r2p.reference import load_countries
from r2p.warehouse.ingest.reader import header
from r2p.warehouse.ingest.result import IngestRefused, Problem, Staged
from r2p.warehouse.ingest.sniff import refuse_wrong_source
from r2p.warehouse.ingest.ucdp_common import (
    country_year_totals,
    find_columns,
    located,
    numbers,
    read_columns,
    rejects,
)
from r2p.warehouse.ingest.validate import Reference, per_value, resolve_countries

DESCRIPTION = "ACLED: an events export (CSV/XLSX, columns as ACLED documents them)"
KIND = "acled-events"
COLUMNS = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "inter1", "inter2", "civilian_targeting",
           "iso", "country", "admin1", "latitude", "longitude", "fatalities")
REQUIRED = ("event_id_cnty", "event_date", "event_type", "iso", "latitude", "longitude", "fatalities")
_SIGNATURE = ("event_id_cnty", "event_date", "event_type", "fatalities")
_DATE_FORMATS = ("ISO8601", "%d %B %Y", "%d-%B-%Y", "%d %b %Y")  # ACLED's export writes "12 March 2024"
_STATE_FORCES = {"1", "state forces"}
_CIVILIAN_TARGETING = "civilian targeting"


def recognise(columns: list[str], path: Path) -> str | None:
    """An ACLED export has event_id_cnty, event_date, event_type and fatalities columns."""
    return "ACLED events" if len(find_columns(columns, _SIGNATURE)) == len(_SIGNATURE) else None


def read(path: Path, reference: Reference) -> Staged:
    """Stage an ACLED export; unreadable cells refuse the file, untracked territories are rejected."""
    if recognise(header(path), path) is None:
        raise refuse_wrong_source(path, "acled", "an ACLED events export")
    frame = read_columns(path, COLUMNS, REQUIRED, KIND)
    parsed, problems = _parse(frame, path.name)
    if problems:
        raise IngestRefused(problems, KIND, len(frame))
    iso3 = _countries(frame, parsed["iso"], reference)
    known = iso3.notna()
    # Series assigned to the kept rows align on the index, so each keeps its own row's value.
    kept = frame[known].assign(iso3=iso3, period=parsed["date"].dt.year, fatalities=parsed["fatalities"],
                               civilian=parsed["fatalities"].where(_targets_civilians(frame), 0.0))
    observations = pd.concat([
        country_year_totals(kept, "fatalities", "acled.fatalities", "fatalities", "event_date"),
        country_year_totals(kept, "civilian", "acled.civilian_fatalities", "fatalities", "event_date"),
    ], ignore_index=True)
    return Staged(kind=KIND, rows_read=len(frame), observations=observations, events=_events(kept, parsed[known]),
                  rejects=_untracked(frame[~known]), as_of=parsed["date"].max().date())


def _untracked(frame: pd.DataFrame) -> pd.DataFrame:
    """Rejects for events in territories the country table does not hold, naming code and country."""
    names = frame["country"].astype(str) if "country" in frame else pd.Series("?", index=frame.index)
    return rejects(frame, "iso", "ISO 3166 numeric code " + frame["iso"].str.strip() + " (" + names
                   + ") is not a country R2P Watch tracks; event left out")


def _parse(frame: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    parsed, problems = pd.DataFrame(index=frame.index), []
    for column, whole, required in (("iso", True, True), ("fatalities", True, True), ("latitude", False, False),
                                    ("longitude", False, False)):
        parsed[column], found = numbers(frame, column, file, required=required, whole=whole)
        problems += found
    parsed["date"] = per_value(frame["event_date"], _dates)
    problems += located(frame, parsed["date"].isna(), "event_date", file,
                        "is not a date (ACLED writes 12 March 2024 or 2024-03-12)")
    problems += located(frame, parsed["fatalities"] < 0, "fatalities", file, "is negative")
    return parsed, problems


def _dates(text: pd.Series) -> pd.Series:
    """Each cell in the first format that reads it (vectorised per format, not per row)."""
    text = text.astype("string").str.strip()
    dates = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    for date_format in _DATE_FORMATS:
        unread = dates.isna() & text.notna()
        if not unread.any():
            break
        dates = dates.fillna(pd.to_datetime(text.where(unread), format=date_format, errors="coerce"))
    return dates.dt.normalize()


def _countries(frame: pd.DataFrame, codes: pd.Series, reference: Reference) -> pd.Series:
    """ISO3 by ISO numeric code; by name only for a country that has no numeric code at all (Kosovo)."""
    countries = load_countries()
    coded = countries.dropna(subset=["iso_numeric"])
    by_code = dict(zip(coded["iso_numeric"].astype("int64"), coded["iso3"], strict=True))
    iso3 = per_value(codes, lambda distinct: distinct.astype("int64").map(by_code).astype("string"))
    unknown = iso3.isna()
    if "country" in frame and unknown.any():  # names are read only where the code is not a country's
        codeless = set(countries.loc[countries["iso_numeric"].isna(), "iso3"])
        by_name = resolve_countries(frame.loc[unknown, "country"], reference)
        iso3 = iso3.fillna(by_name.where(by_name.isin(codeless)))
    return iso3


def _targets_civilians(frame: pd.DataFrame) -> pd.Series:
    if "civilian_targeting" in frame:
        return _lowered(frame["civilian_targeting"]) == _CIVILIAN_TARGETING
    return _lowered(frame["event_type"]) == "violence against civilians"


def _lowered(text: pd.Series) -> pd.Series:
    return per_value(text, lambda distinct: distinct.str.strip().str.lower())


def _violence_types(frame: pd.DataFrame) -> pd.Series:
    """ACLED event type (+ actors, civilian targeting) -> UCDP violence type, <NA> where UCDP has none."""
    event_type = _lowered(frame["event_type"])
    has_inter = "inter1" in frame and "inter2" in frame
    no_inter = pd.Series(True, index=frame.index)  # where the export has no actor codes (a bare True fails `where`)
    state = (_is_state(frame["inter1"]) | _is_state(frame["inter2"])) if has_inter else no_inter
    armed = event_type.isin(["battles", "explosions/remote violence"])
    one_sided = (event_type == "violence against civilians") | (
        (event_type == "explosions/remote violence") & _targets_civilians(frame))
    types = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    types = types.mask(armed, pd.Series(1, index=frame.index).where(state, 2))
    return types.mask(one_sided, 3)


def _is_state(inter: pd.Series) -> pd.Series:
    return _lowered(inter).isin(_STATE_FORCES)


def _events(kept: pd.DataFrame, parsed: pd.DataFrame) -> pd.DataFrame:
    deaths = kept["fatalities"].astype("int64")
    sub_type = kept["sub_event_type"].str.strip() if "sub_event_type" in kept else ""
    source_ref = (kept["event_type"].str.strip() + " / " + sub_type).str.removesuffix(" / ")
    admin1 = kept["admin1"].str.strip() if "admin1" in kept else pd.Series(None, index=kept.index, dtype="string")
    return pd.DataFrame({
        "event_id": "acled-" + kept["event_id_cnty"].str.strip(), "iso3": kept["iso3"].astype(str),
        "event_date": parsed["date"], "admin1": admin1.where(admin1 != ""),
        "latitude": parsed["latitude"], "longitude": parsed["longitude"], "violence_type": _violence_types(kept),
        "deaths_best": deaths, "deaths_low": deaths, "deaths_high": deaths, "source_ref": source_ref,
        "_row": kept["_row"],
    })
