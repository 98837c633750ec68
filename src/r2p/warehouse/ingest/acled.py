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
- Staging: the rows never become a pandas frame. The reader's text goes to DuckDB inside the load's own
  transaction; each column's distinct values are checked and mapped once in Python (acled_values.py), DuckDB
  spreads them over the rows, and only problems come back, each with its file, row, column and value.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from r2p.warehouse.ingest import acled_values
from r2p.warehouse.ingest.reader import header
from r2p.warehouse.ingest.result import IngestRefused, Problem, Staged
from r2p.warehouse.ingest.sniff import refuse_wrong_source
from r2p.warehouse.ingest.ucdp_common import (
    MAX_PROBLEMS_PER_CHECK,
    country_year_totals,
    find_columns,
    number_flags,
    read_columns_table,
)
from r2p.warehouse.ingest.validate import Reference
from r2p.warehouse.queries import run, staged

DESCRIPTION = "ACLED: an events export (CSV/XLSX, columns as ACLED documents them)"
KIND = "acled-events"
COLUMNS = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "inter1", "inter2", "civilian_targeting",
           "iso", "country", "admin1", "latitude", "longitude", "fatalities")
REQUIRED = ("event_id_cnty", "event_date", "event_type", "iso", "latitude", "longitude", "fatalities")
_SIGNATURE = ("event_id_cnty", "event_date", "event_type", "fatalities")
_KIND_COLUMNS = ["event_type", "sub_event_type", "civilian_targeting", "inter1", "inter2"]
# What Python's str.strip() removes, for DuckDB's trim(): ids and regions are cleaned as before.
WHITESPACE = "".join(ch for ch in map(chr, range(0x3100)) if ch.isspace())
# A coordinate DuckDB may cast itself: one both it and the common number reader read the same way. Anything
# else ("NA", "1_000", " 5") is read in Python, by the rules every importer uses.
_PLAIN_NUMBER = r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?"
_NOT_A_DATE = "is not a date (ACLED writes 12 March 2024 or 2024-03-12)"


def recognise(columns: list[str], path: Path) -> str | None:
    """An ACLED export has event_id_cnty, event_date, event_type and fatalities columns."""
    return "ACLED events" if len(find_columns(columns, _SIGNATURE)) == len(_SIGNATURE) else None


def read(path: Path, reference: Reference) -> Staged:
    """Read an ACLED export's text; the load checks and stages it in DuckDB (see `stage`)."""
    if recognise(header(path), path) is None:
        raise refuse_wrong_source(path, "acled", "an ACLED events export")
    rows = read_columns_table(path, COLUMNS, REQUIRED, KIND)
    return Staged(kind=KIND, rows_read=rows.num_rows, stage=partial(stage, rows, path.name, reference))


def stage(rows: pa.Table, file: str, reference: Reference, connection: duckdb.DuckDBPyConnection) -> Staged:
    """Stage the events in the temp table ingest_event; unreadable cells refuse the file, untracked territories
    are rejected."""
    present = [column for column in COLUMNS if column in rows.column_names]
    for column in COLUMNS:  # a column the export lacks reads as NULL (the reader never gives NULL)
        if column not in rows.column_names:
            rows = rows.append_column(column, pa.nulls(rows.num_rows, pa.string()))
    with staged(connection, acled_rows=rows):
        cells = _distinct_cells(connection)
        parsed, problems = _parse(connection, cells, file)
        if problems:
            raise IngestRefused(problems, KIND, rows.num_rows)
        present_codes = cells["codes"][[c for c in ("iso", "country") if c in present]]
        codes = cells["codes"].assign(iso3=acled_values.countries(present_codes, parsed["iso"], reference))
        rejects = _untracked(connection, codes, present)
        with staged(connection, **_maps(cells, parsed, codes, present)):
            run(connection, "ops/acled_stage_events", {"space": WHITESPACE})
    events = rows.num_rows - len(rejects)
    years = run(connection, "ops/acled_country_years")
    observations = pd.concat([
        country_year_totals(years, "fatalities", "acled.fatalities", "fatalities", "event_date"),
        country_year_totals(years, "civilian", "acled.civilian_fatalities", "fatalities", "event_date"),
    ], ignore_index=True)
    return Staged(kind=KIND, rows_read=rows.num_rows, observations=observations, rejects=rejects,
                  as_of=parsed["date"].max().date(), events_staged=events,
                  event_problems=_event_problems(connection, codes, reference, file) if events else [])


def _distinct_cells(connection: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    return {"codes": run(connection, "ops/acled_distinct_codes"),
            "dates": run(connection, "ops/acled_distinct_dates"),
            "fatalities": run(connection, "ops/acled_distinct_fatalities"),
            "kinds": run(connection, "ops/acled_distinct_kinds"),
            "coordinates": run(connection, "ops/acled_odd_coordinates", {"plain": _PLAIN_NUMBER})}


def _parse(connection: duckdb.DuckDBPyConnection, cells: dict[str, pd.DataFrame],
           file: str) -> tuple[dict[str, pd.Series], list[Problem]]:
    """Each distinct value read once; the problems in the order, and with the rows, a row-by-row reading gives."""
    parsed, checks = {}, []
    for column, whole, required in (("iso", True, True), ("fatalities", True, True), ("latitude", False, False),
                                    ("longitude", False, False)):
        text = _texts(cells, column)
        parsed[column], flags = number_flags(text, required=required, whole=whole)
        checks += [(column, text[mask.fillna(False)], message) for message, mask in flags]
    parsed["date"] = acled_values.dates(cells["dates"]["event_date"])
    checks.append(("event_date", cells["dates"]["event_date"][parsed["date"].isna()], _NOT_A_DATE))
    checks.append(("fatalities", _texts(cells, "fatalities")[parsed["fatalities"] < 0], "is negative"))
    return parsed, [p for column, flagged, message in checks for p in _located(connection, column, flagged, file,
                                                                                message)]


def _texts(cells: dict[str, pd.DataFrame], column: str) -> pd.Series:
    if column in ("latitude", "longitude"):
        odd = cells["coordinates"]
        return odd.loc[odd["column_name"] == column, "text"].reset_index(drop=True)
    return cells["codes"]["iso"] if column == "iso" else cells["fatalities"]["fatalities"]


def _located(connection: duckdb.DuckDBPyConnection, column: str, flagged: pd.Series, file: str,
             message: str) -> list[Problem]:
    """One problem per row holding a flagged value (at most MAX_PROBLEMS_PER_CHECK, then a count of the rest)."""
    if flagged.empty:
        return []
    with staged(connection, acled_flagged=pd.DataFrame({"value": flagged.drop_duplicates()})):
        rows = run(connection, "ops/acled_rows_with_values", {"limit": MAX_PROBLEMS_PER_CHECK},
                   spliced={"column": column})
    problems = [Problem(file, message, int(row), column, str(value))
                for row, value in zip(rows["_row"], rows["value"], strict=True)]
    if len(rows) and int(rows["total"].iloc[0]) > MAX_PROBLEMS_PER_CHECK:
        problems.append(Problem(file, f"{message}: {int(rows['total'].iloc[0]) - MAX_PROBLEMS_PER_CHECK} more rows "
                                "like this", None, column))
    return problems


def _untracked(connection: duckdb.DuckDBPyConnection, codes: pd.DataFrame, present: list[str]) -> pd.DataFrame:
    """Rejects for the rows whose code (and name) is no country R2P Watch tracks, in row order."""
    unknown = codes[codes["iso3"].isna()]
    if unknown.empty:
        return acled_values.untracked(pd.DataFrame({"_row": pd.Series(dtype="int64"), "iso": pd.Series(dtype=str)}))
    with staged(connection, acled_untracked=unknown[["iso", "country"]]):
        rows = run(connection, "ops/acled_untracked_rows")
    return acled_values.untracked(rows[[c for c in ("_row", "iso", "country") if c == "_row" or c in present]])


def _maps(cells: dict[str, pd.DataFrame], parsed: dict[str, pd.Series], codes: pd.DataFrame,
          present: list[str]) -> dict[str, pd.DataFrame]:
    """The small tables the staging joins: each distinct value with what it maps to."""
    kinds = cells["kinds"]
    mapped = acled_values.kinds(kinds[[c for c in _KIND_COLUMNS if c in present]])
    odd = cells["coordinates"]
    coordinates = pd.concat([odd.loc[odd["column_name"] == column].assign(value=parsed[column].to_numpy())
                             for column in ("latitude", "longitude")], ignore_index=True)
    return {"acled_codes": codes,
            "acled_dates": pd.DataFrame({"text": cells["dates"]["event_date"], "event_date": parsed["date"]}),
            "acled_deaths": pd.DataFrame({"text": cells["fatalities"]["fatalities"],
                                          "deaths": parsed["fatalities"].astype("int64")}),
            "acled_kinds": kinds.assign(**{c: mapped[c] for c in ("violence_type", "civilian", "source_ref")}),
            "acled_coordinates": coordinates}


def _event_problems(connection: duckdb.DuckDBPyConnection, codes: pd.DataFrame, reference: Reference,
                    file: str) -> list[Problem]:
    """The checks every importer's events pass (validate.event_problems), run on the staged events."""
    problems = []
    unknown = sorted(set(codes["iso3"].dropna()) - set(reference.country_names))
    if unknown:
        with staged(connection, ingest_unknown_iso3=pd.DataFrame({"iso3": unknown})):
            found = run(connection, "ops/ingest_event_unknown_countries")
        problems += [Problem(file, "is not a known country", int(row), "iso3", str(iso3))
                     for row, iso3 in zip(found["_row"], found["iso3"], strict=True)]
    far = run(connection, "ops/ingest_event_out_of_range")
    for column, span in (("latitude", "-90 and 90"), ("longitude", "-180 and 180")):
        bad = far[far[f"bad_{column}"].astype(bool)]
        problems += [Problem(file, f"is not between {span}", int(row), column, str(value))
                     for row, value in zip(bad["_row"], bad[column], strict=True)]
    if not run(connection, "ops/ingest_event_ids_may_repeat")["maybe"].iloc[0]:
        return problems
    repeats = run(connection, "ops/ingest_event_repeats")
    return problems + [Problem(file, "appears more than once", int(row), "event_id", str(event_id))
                       for row, event_id in zip(repeats["_row"], repeats["event_id"], strict=True)]
