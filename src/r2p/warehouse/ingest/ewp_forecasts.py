"""EWP forecast files: the published risk list (full or compact) and the historical out-of-sample forecasts.

Period convention: a forecast is filed under the DATA year it is made from. `risk.2025and2026.from2024`
(onset in 2025 or 2026, from 2024 data) is `ewp.risk_2yr` for 2024; the window decides the year, because
the `from` part is unreliable (`rank.2025and2026.from2025` ranks the from-2024 risk). Out-of-sample forecasts
are filed under the OUTCOME year instead, so a backtest joins them to `ewp.mk_onset` of the same year.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from r2p.warehouse.ingest.ewp_csv import column, read_text, release_date
from r2p.warehouse.ingest.ewp_panel import country_years
from r2p.warehouse.ingest.ewp_units import (
    ValueColumn,
    assign_countries,
    no_rejects,
    to_observations,
    whole_numbers,
)
from r2p.warehouse.ingest.result import IngestRefused, Problem, Staged
from r2p.warehouse.ingest.validate import Reference, country_problems, resolve_countries

# risk.2025and2026.from2024, rank.2025and2026.from2025 (sic), risk.2025only.from2024, riskrank.2025only.from2024
WINDOW = re.compile(r"^(?P<what>risk|rank|riskrank)\.(?P<first>\d{4})(?:and(?P<second>\d{4})|only)"
                    r"\.from(?P<from>\d{4})$", re.IGNORECASE)
# the compact list: risk_1or2.from2024, risk_rank.from2024
COMPACT = re.compile(r"^(?P<what>risk|rank|risk_rank|riskrank)(?:_(?P<window>1or2|1))?\.from(?P<from>\d{4})$",
                     re.IGNORECASE)
NAME_COLUMNS = ("ewp_name", "country_name", "country", "name")
FOOS_COLUMNS = {  # out-of-sample column -> indicator (period = the outcome year `year`)
    "maxrisk2": "ewp.foos_risk_2yr", "minrank2": "ewp.foos_rank_2yr",
    "risk_prev": "ewp.foos_risk_from_prev_year", "risk_two_years_prior": "ewp.foos_risk_from_two_years_prior",
}
FOOS_MARKERS = frozenset({*FOOS_COLUMNS, "rank_prev", "rank_two_years_prior", "prev_year", "two_years_prior"})


def forecast_columns(columns: list[str]) -> list[ValueColumn]:
    """The risk and rank columns of a forecast file, whatever years their names carry."""
    found = []
    for name in columns:
        window, compact = WINDOW.match(name.strip()), COMPACT.match(name.strip())
        if window:
            span = "1yr" if window["second"] is None else "2yr"
            what = "risk" if window["what"].lower() == "risk" else "rank"
            found.append(ValueColumn(name, f"ewp.{what}_{span}", int(window["first"]) - 1))
        elif compact:
            span = "1yr" if compact["window"] == "1" else "2yr"
            what = "risk" if compact["what"].lower() == "risk" else "rank"
            found.append(ValueColumn(name, f"ewp.{what}_{span}", int(compact["from"])))
    return found


def read_forecasts(path: Path, reference: Reference) -> Staged:
    """The risk list: one row per country, each risk/rank column one indicator in one period."""
    frame = read_text(path, "ewp-forecasts")
    values = forecast_columns([str(c) for c in frame.columns])
    compact = not any(WINDOW.match(v.column.strip()) for v in values)
    kind = "ewp-forecasts-compact" if compact else "ewp-forecasts"
    code = column(frame, "ccode")
    problems = _forecast_header_problems(path.name, values, code, compact, column(frame, *NAME_COLUMNS))
    if problems:
        raise IngestRefused(problems, kind, len(frame))
    data_year = max(v.period for v in values if v.period is not None)
    rows_read = len(frame)
    if code is None:  # only the compact list lacks codes: names are the documented last resort
        frame, problems = _by_name(frame, path.name, reference, column(frame, *NAME_COLUMNS) or "", data_year)
        rejects = no_rejects()
    else:
        codes, problems = whole_numbers(frame, code, path.name, "a G&W/EWP country code")
        years = pd.Series(data_year, index=frame.index, dtype="Int64")
        frame, rejects = assign_countries(frame, codes, years, reference, code)
    observations, found = to_observations(frame, values, path.name, None)
    return Staged(kind, rows_read, observations, rejects=rejects, as_of=release_date(path),
                  problems=problems + found)


def _forecast_header_problems(label: str, values: list[ValueColumn], code: str | None, compact: bool,
                              name: str | None) -> list[Problem]:
    problems = []
    if not any(v.indicator_id.startswith("ewp.risk_") for v in values):
        problems.append(Problem(label, "has no risk column: expected a name like risk.2025and2026.from2024"
                                " (full list) or risk_1or2.from2024 (compact list)", 1))
    if code is None and not compact:
        problems.append(Problem(label, "lacks the required column ccode (the G&W/EWP country code)", 1, "ccode"))
    if code is None and compact and name is None:
        problems.append(Problem(label, "lacks a country column: expected ccode or one of "
                                + ", ".join(NAME_COLUMNS), 1))
    seen: dict[tuple[str, int | None], str] = {}
    for value in values:
        key = (value.indicator_id, value.period)
        if key in seen:
            problems.append(Problem(label, f"holds {value.indicator_id} for {value.period}, as column"
                                    f" {seen[key]} does", 1, value.column))
        seen[key] = value.column
    return problems


def _by_name(frame: pd.DataFrame, label: str, reference: Reference, name: str,
             year: int) -> tuple[pd.DataFrame, list[Problem]]:
    iso3 = resolve_countries(frame[name], reference)
    problems = country_problems(frame[name], iso3, frame["_row"], label, name, reference)
    return frame[iso3.notna()].assign(iso3=iso3[iso3.notna()], _year=year), problems


def read_foos(path: Path, reference: Reference) -> Staged:
    """Historical out-of-sample forecasts, one row per country and outcome year."""
    kind = "ewp-foos"
    frame = read_text(path, kind)
    values = [ValueColumn(c, FOOS_COLUMNS[str(c).strip().lower()]) for c in frame.columns
              if str(c).strip().lower() in FOOS_COLUMNS]
    if not any(v.indicator_id.startswith("ewp.foos_risk") for v in values):
        raise IngestRefused([Problem(path.name, "lacks the required column(s) maxrisk2 or risk_prev", 1)],
                            kind, len(frame))
    return country_years(frame, path, reference, kind, values)
