"""UCDP GED events (the CSV release or its GeoJSON form) -> events plus country-year death totals.

- Country: `country_id` is a Gleditsch-Ward number, mapped with the year of `date_start`; events whose code
  is not a known state that year are rejected (listed in the ingest's rejects), not guessed by name.
- Deaths: `best` is kept as published. UCDP publishes some events whose `low`/`high` do not bracket `best`
  (20 of the 1,848 events in the GED 23.1 CAR subset, e.g. id 30272: best 8, low 8, high 4), an artefact of
  splitting aggregated reports; those events are kept and their interval widened to include `best`
  (low = min(low, best), high = max(high, best)) rather than refusing the release.
- Totals: `ucdp.osv_deaths` (type 3) and `ucdp.ged_fatalities` (all types) sum `best` per country-year over
  the events in this file only, for every country-year with at least one event (0 where none was one-sided).
  A regional or single-country extract (e.g. the CAR subset) therefore only covers its own country.
- Rows: in the CSV, row numbers are spreadsheet rows (header = 1); in GeoJSON, row N is the N-th feature.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyogrio
import shapely

from r2p.warehouse.ingest.result import IngestRefused, Problem, Staged
from r2p.warehouse.ingest.ucdp_common import (
    country_year_totals,
    find_columns,
    located,
    numbers,
    read_columns,
    rejects,
)
from r2p.warehouse.ingest.validate import Reference

COLUMNS = ("id", "country_id", "date_start", "date_end", "type_of_violence", "best", "low", "high",
           "latitude", "longitude", "adm_1", "dyad_name", "conflict_name")
REQUIRED = ("id", "country_id", "date_start", "type_of_violence", "best", "low", "high")
ALIASES = {"best_est": "best", "low_est": "low", "high_est": "high"}  # GED 1.x-2.x spelling
VIOLENCE_TYPES = (1, 2, 3)
_WHOLE_NUMBERS = {"id": "id", "country_id": "country_id", "type_of_violence": "violence", "best": "best",
                  "low": "low", "high": "high"}  # source column -> parsed name


def read_ged_csv(path: Path, reference: Reference) -> Staged:
    """The GED CSV as UCDP releases it (GEDEvent_vNN_N.csv)."""
    frame = read_columns(path, COLUMNS, (*REQUIRED, "latitude", "longitude"), "ucdp-ged", ALIASES)
    return stage_ged(frame, path.name, "ucdp-ged", reference)


def read_ged_geojson(path: Path, reference: Reference) -> Staged:
    """GED as a GeoJSON FeatureCollection: the CSV columns as properties, coordinates from the Point geometry."""
    kind = "ucdp-ged-geojson"
    try:
        features = pyogrio.read_dataframe(path)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError) as error:
        raise IngestRefused([Problem(path.name, f"is not readable GeoJSON (damaged or cut short?): {error}")],
                            kind) from error
    if features.empty:
        raise IngestRefused([Problem(path.name, "has no features")], kind)
    columns = find_columns(features.columns, COLUMNS, ALIASES)
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise IngestRefused([Problem(path.name, f"features lack GED propert(ies) {', '.join(missing)}")], kind,
                            len(features))
    # Only the columns found: another spelling of one ("BEST" beside "best") would become a second "best".
    frame = pd.DataFrame(features[list(columns.values())]).rename(
        columns={spelled: name for name, spelled in columns.items()})
    geometry = features.geometry.to_numpy()
    frame = frame.assign(longitude=shapely.get_x(geometry), latitude=shapely.get_y(geometry),
                         _row=pd.RangeIndex(1, len(frame) + 1))
    return stage_ged(frame, path.name, kind, reference)


def stage_ged(frame: pd.DataFrame, file: str, kind: str, reference: Reference) -> Staged:
    """Parse and check every column, map countries, then build events and their country-year totals."""
    parsed, problems = _parse(frame, file)
    if problems:
        raise IngestRefused(problems, kind, len(frame))
    iso3 = reference.iso3_for_ccodes(parsed["country_id"], parsed["date"].dt.year)
    unknown = iso3.isna()
    rejected = rejects(frame[unknown], "country_id", "Gleditsch-Ward code " + parsed.loc[unknown, "country_id"]
                       .astype("int64").astype(str) + " is not a known state in " +
                       parsed.loc[unknown, "date"].dt.year.astype(str) + "; event left out")
    kept = parsed[~unknown].assign(iso3=iso3[~unknown].astype(str), period=parsed["date"].dt.year,
                                   _row=frame["_row"])
    events = _events(frame[~unknown], parsed[~unknown]).assign(iso3=kept["iso3"])
    observations = pd.concat([
        country_year_totals(kept.assign(osv=kept["best"].where(kept["violence"] == 3, 0.0)), "osv",
                            "ucdp.osv_deaths", "best", "date_start"),
        country_year_totals(kept, "best", "ucdp.ged_fatalities", "best", "date_start"),
    ], ignore_index=True)
    last = parsed["date_end"].max() if parsed["date_end"].notna().any() else parsed["date"].max()
    return Staged(kind=kind, rows_read=len(frame), observations=observations, events=events, rejects=rejected,
                  as_of=last.date())


def _parse(frame: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Typed columns (ids, codes, deaths, coordinates, dates) and a located problem for every bad cell."""
    parsed, problems = pd.DataFrame(index=frame.index), []
    for column, name in _WHOLE_NUMBERS.items():
        parsed[name], found = numbers(frame, column, file, whole=True)
        problems += found
    for column in ("latitude", "longitude"):  # GED places every event, but a missing point is not a defect
        parsed[column], found = numbers(frame, column, file, required=False)
        problems += found
    parsed["date"] = _dates(frame["date_start"])
    problems += located(frame, parsed["date"].isna(), "date_start", file, "is not a date (YYYY-MM-DD)")
    parsed["date_end"] = _dates(frame["date_end"]) if "date_end" in frame else pd.NaT
    problems += located(frame, parsed["violence"].notna() & ~parsed["violence"].isin(VIOLENCE_TYPES),
                        "type_of_violence", file, "is not 1 (state-based), 2 (non-state) or 3 (one-sided)")
    return parsed, problems


def _dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, errors="coerce", format="ISO8601").dt.normalize()


def _events(frame: pd.DataFrame, parsed: pd.DataFrame) -> pd.DataFrame:
    best = parsed["best"]
    return pd.DataFrame({
        "event_id": "ucdp-ged-" + parsed["id"].astype("int64").astype(str),
        "event_date": parsed["date"],
        "admin1": _text(frame, "adm_1"),
        "latitude": parsed["latitude"], "longitude": parsed["longitude"],
        "violence_type": parsed["violence"].astype("int64"),
        "deaths_best": best.astype("int64"),
        "deaths_low": parsed["low"].where(parsed["low"] <= best, best).astype("int64"),
        "deaths_high": parsed["high"].where(parsed["high"] >= best, best).astype("int64"),
        "source_ref": _text(frame, "dyad_name").fillna(_text(frame, "conflict_name")),
        "_row": frame["_row"],
    })


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame:
        return pd.Series(None, index=frame.index, dtype="string")
    text = frame[column].astype("string").str.strip()
    return text.where(text != "")
