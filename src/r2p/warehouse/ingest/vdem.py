"""The `vdem` source: V-Dem country-year files (the full CY dataset or extracts like ERT), catalogued columns only."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from r2p.warehouse.ingest.reader import header, read_csv
from r2p.warehouse.ingest.result import IngestRefused, Problem, Staged
from r2p.warehouse.ingest.sniff import refuse_wrong_source
from r2p.warehouse.ingest.validate import FIRST_YEAR, Reference, is_whole, parse_numbers

DESCRIPTION = "V-Dem country-year data: the full V-Dem CY file or extracts such as Episodes of Regime Transformation"
EXPECTED = "a V-Dem country-year file (columns country_text_id, year, v2x_polyarchy, …)"
KEYS = ("country_text_id", "year")
UNIT_COLUMN, YEAR_COLUMN = KEYS
# V-Dem column -> catalog id (catalog/indicators/vdem.yml). Every other column (thousands in the full file) is ignored.
INDICATORS: dict[str, str] = {
    "v2x_regime": "vdem.v2x_regime",
    "v2x_polyarchy": "vdem.v2x_polyarchy",
    "v2x_libdem": "vdem.v2x_libdem",
    "v2x_civlib": "vdem.v2x_civlib",
    "v2x_clphy": "vdem.v2x_clphy",
    "v2clkill": "vdem.v2clkill",
    "v2xcl_disc": "vdem.v2xcl_disc",
    "v2csreprss": "vdem.v2csreprss",
    "aut_ep": "vdem.autocratization_ongoing",  # ERT: autocratization episode under way this year
}
# V-Dem's country_text_id is the ISO3 code for present-day countries (Kosovo too: XKX). These units differ:
# (ISO3 to load them under, or None to reject them, and why). Any other text id that is not an ISO3 in the
# country table (historical states such as Baden or Saxony, territories such as Hong Kong) is rejected too.
UNITS: dict[str, tuple[str | None, str]] = {
    # Palestine: West Bank (PSE) is primary; Gaza fills PSE only in years without a West Bank row (1950-66).
    "PSG": ("PSE", "Palestine/Gaza loads as Palestine (PSE) only in years without a Palestine/West Bank row"),
    "PSB": (None, "the British Mandate of Palestine (1918-48) has two successors (ISR, PSE) and no ISO3"),
    "SML": (None, "Somaliland has no ISO3 (ISO counts it in Somalia, which V-Dem codes separately)"),
    "ZZB": (None, "Zanzibar has no ISO3 (ISO counts it in Tanzania, which V-Dem codes separately)"),
    "DDR": (None, "the German Democratic Republic (1949-90) has no ISO3; V-Dem's Germany (DEU) is West Germany"),
    "YMD": (None, "South Yemen (to 1990) has no ISO3; V-Dem's Yemen (YEM) is North Yemen before 1990"),
    "VDR": (None, "the Republic of Vietnam (to 1975) has no ISO3; V-Dem's Vietnam (VNM) is North Vietnam before"),
}
_ERT_COLUMNS = {"aut_ep", "dem_ep", "reg_id"}


def recognise(columns: list[str], path: Path) -> str | None:
    """V-Dem's key columns; ERT extracts also carry the episode columns."""
    if not {*KEYS, "country_name"} <= set(columns):
        return None
    return "V-Dem Episodes of Regime Transformation" if set(columns) >= _ERT_COLUMNS else "V-Dem country-year"


def read(path: Path, reference: Reference) -> Staged:
    """Stage the catalogued indicators of every country-year; units without an ISO3 go to rejects."""
    columns = header(path)
    kind = "vdem-ert" if set(columns) >= _ERT_COLUMNS else "vdem-cy"
    present = [c for c in INDICATORS if c in columns]
    if recognise(columns, path) is None and not (present or UNIT_COLUMN in columns):
        raise refuse_wrong_source(path, "vdem", EXPECTED)
    missing = [c for c in KEYS if c not in columns]
    if missing or not present:
        raise IngestRefused([_layout_problem(path.name, missing)], kind)
    optional = [c for c in ("country_name",) if c in columns]
    frame = read_csv(path, kind, [*KEYS, *optional, *present])
    rows_read = len(frame)
    frame, problems = _years(frame, path.name)
    frame, rejects = _countries(frame, reference)
    observations, value_problems = _observations(frame, present, path.name)
    return Staged(kind=kind, rows_read=rows_read, observations=observations, rejects=rejects,
                  as_of=coverage_end(observations["period"]), problems=problems + value_problems)


def coverage_end(periods: pd.Series) -> date | None:
    """The data's as-of date: the last day of the latest year holding a value (V-Dem files carry no release
    date; without this the sources table showed V-Dem "as of" NaT). None for a file without values."""
    return None if periods.dropna().empty else date(int(periods.max()), 12, 31)


def _layout_problem(file: str, missing: list[str]) -> Problem:
    if missing:
        return Problem(file, f"lacks the V-Dem key column(s) {', '.join(missing)}", 1)
    wanted = ", ".join(INDICATORS)
    return Problem(file, f"has none of the V-Dem columns this warehouse catalogues ({wanted})", 1)


def _years(frame: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Whole-number years; a row whose year is unreadable is a problem (the file is refused)."""
    years = pd.to_numeric(frame[YEAR_COLUMN].str.strip(), errors="coerce")
    bad = ~is_whole(years)
    problems = [Problem(file, "is not a year (e.g. 2024)", int(row), YEAR_COLUMN, value)
                for value, row in zip(frame.loc[bad, YEAR_COLUMN], frame.loc[bad, "_row"], strict=True)]
    return frame.assign(period=years.where(~bad).astype("Int64"))[~bad], problems


def _countries(frame: pd.DataFrame, reference: Reference) -> tuple[pd.DataFrame, pd.DataFrame]:
    """ISO3 for each row's unit; rows of units without one, of collisions and of years too early are rejected."""
    unit = frame[UNIT_COLUMN].str.strip()
    mapped = unit.map({code: iso3 for code, (iso3, _) in UNITS.items()})
    known = unit.where(unit.isin(reference.country_names.keys()))
    frame = frame.assign(iso3=mapped.where(unit.isin(UNITS.keys()), known), unit=unit,
                         primary=~unit.isin(UNITS.keys()))
    name = frame.get("country_name", unit)
    no_iso3 = frame["iso3"].isna()
    messages = pd.Series(pd.NA, index=frame.index, dtype="string")
    messages[no_iso3] = [_no_iso3_message(u, n) for u, n in zip(unit[no_iso3], name[no_iso3], strict=True)]
    collided = _collisions(frame[~no_iso3], name)
    messages[collided.index] = collided
    early = messages.isna() & (frame["period"] < FIRST_YEAR)
    messages[early] = f"is before {FIRST_YEAR}, the first year the warehouse holds; not loaded"
    rejected = messages.notna()
    rejects = pd.DataFrame({
        "row_number": frame.loc[rejected, "_row"].astype("int64"),
        "column_name": [YEAR_COLUMN if e else UNIT_COLUMN for e in early[rejected]],
        "value": frame.loc[rejected, YEAR_COLUMN].where(early[rejected], unit[rejected]),
        "message": messages[rejected].astype(str),
    }).reset_index(drop=True)
    return frame[~rejected], rejects


def _no_iso3_message(unit: str, name: str) -> str:
    reason = UNITS[unit][1] if unit in UNITS else "a historical state or territory outside the country table"
    return f"V-Dem unit {name} ({unit}) not loaded: {reason}"


def _collisions(frame: pd.DataFrame, name: pd.Series) -> pd.Series:
    """Two units mapping to one ISO3 in a year: the unit coded under that ISO3 itself wins (messages by index)."""
    ordered = frame.assign(_rank=(~frame["primary"]).astype(int), _name=name[frame.index].astype(str))
    ordered = ordered.sort_values(["iso3", "period", "_rank", "_row"])
    groups = ordered.groupby(["iso3", "period"])
    kept_unit, kept_name = groups["unit"].transform("first"), groups["_name"].transform("first")
    lost = ordered["unit"] != kept_unit  # two rows of the same unit stay in: validation refuses the duplicate
    messages = ("V-Dem unit " + ordered["_name"] + " (" + ordered["unit"] + ") would load as " + ordered["iso3"]
                + ", which " + kept_name + " (" + kept_unit + ") already gives for "
                + ordered["period"].astype(str) + "; not loaded")
    return messages[lost].astype("string")


def _observations(frame: pd.DataFrame, present: list[str], file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """One row per non-missing catalogued value; unreadable numbers are problems."""
    long = frame.melt(id_vars=["iso3", "period", "_row"], value_vars=present, var_name="_column",
                      value_name="raw")
    values, bad = parse_numbers(long["raw"])
    problems = [Problem(file, "is not a number", int(row), column, raw) for raw, row, column in
                zip(long.loc[bad, "raw"], long.loc[bad, "_row"], long.loc[bad, "_column"], strict=True)]
    long = long.assign(value=values)[values.notna()]
    observations = pd.DataFrame({
        "iso3": long["iso3"].astype(str), "indicator_id": long["_column"].map(INDICATORS),
        "period": long["period"].astype("Int64"), "value": long["value"].astype("float64"),
        "_row": long["_row"], "_column": long["_column"], "_period_column": YEAR_COLUMN,
        "_id_column": long["_column"],
    })
    return observations.reset_index(drop=True), problems
