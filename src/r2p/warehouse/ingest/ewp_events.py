"""The EWP mass-killing events workbook: episodes checked, then counted per country and start year.

There is no episode table yet, so each episode counts once under its location (`mk_location_cow`) and, when
state-led, once under the responsible state (`mk_repsonsible_state_cow`, sic), in its start year. Counts add
up, so an episode of a historical unit (South Vietnam 817) counts under its successor (VNM).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from r2p.warehouse.ingest.ewp_units import assign_countries, no_rejects, whole_numbers
from r2p.warehouse.ingest.reader import read_workbook
from r2p.warehouse.ingest.result import IngestRefused, Problem, Staged
from r2p.warehouse.ingest.validate import Reference, is_missing

KIND = "ewp-mk-events"
SHEET = "mk_events"
# normalised header (lower case, single spaces) -> our name; the workbook's typos are the expected spelling
HEADERS = {
    "mk_event_code": "code", "startyear": "start", "start year": "start", "endyear": "end", "end year": "end",
    "state-led or non-state-led": "led_by", "mk_location_cow": "location",
    "mk_repsonsible_state_cow": "responsible", "mk_responsible_state_cow": "responsible",
}
REQUIRED = ("code", "start", "location")
_LED_BY = {"state-led": "state", "non-state-led": "non-state"}
_CODE_LED_BY = re.compile(r"(ns|s)\d*$", re.IGNORECASE)  # code suffix: ns1 = non-state-led, s1 = state-led


def is_events_workbook(columns: list[str], path: Path) -> bool:
    """The episode sheet's header, or (first sheet elsewhere) a workbook with an `mk_events` sheet."""
    if {_normal(c) for c in columns} & {"mk_event_code", "mk_repsonsible_state_cow", "mk_responsible_state_cow"}:
        return True
    try:
        return path.suffix.lower() == ".xlsx" and episode_sheet(path) is not None
    except IngestRefused:
        return False


def _normal(name: object) -> str:
    return " ".join(str(name).split()).lower()


def episode_sheet(path: Path) -> tuple[dict[str, pd.DataFrame], str] | None:
    """The workbook's sheets and its episode sheet: named `mk_events` (spaces aside) or headed by mk_event_code."""
    sheets = read_workbook(path, KIND)
    named = next((n for n in sheets if _normal(n) == SHEET), None)
    if named is not None:
        return sheets, named
    return next(((sheets, name) for name, raw in sheets.items()
                 if not raw.empty and "mk_event_code" in {_normal(c) for c in raw.iloc[0]}), None)


def read_events(path: Path, reference: Reference, book: tuple[dict[str, pd.DataFrame], str]) -> Staged:
    """Stage per-country episode counts from the episode sheet found by `episode_sheet`."""
    episodes = _episode_frame(path, *book)
    label = f"{path.name} [{book[1].strip()}]"
    problems = _episode_problems(episodes, label)
    starts, found = whole_numbers(episodes, "start", label, "a year", "startyear")
    locations, located = whole_numbers(episodes, "location", label, "a G&W/COW state code", "mk_location_cow")
    problems += found + located
    at_location, rejects = assign_countries(episodes, locations, starts, reference, "mk_location_cow", True)
    parts = [_counts(at_location, "ewp.mk_episodes_started", "mk_location_cow"),
             _counts(at_location[at_location["led_by"] == "non-state"], "ewp.mk_episodes_started_nonstate",
                     "mk_location_cow")]
    state_led = episodes[episodes["led_by"] == "state"]
    blank = is_missing(state_led["responsible"])
    responsible, bad = whole_numbers(state_led[~blank], "responsible", label, "a G&W/COW state code",
                                     "mk_repsonsible_state_cow")
    by_state, more = assign_countries(state_led[~blank], responsible, starts[state_led[~blank].index], reference,
                                      "mk_repsonsible_state_cow", True)
    parts.append(_counts(by_state, "ewp.mk_responsible_started", "mk_repsonsible_state_cow"))
    observations = pd.concat(parts, ignore_index=True).astype({"period": "Int64", "value": "float64"})
    rejects = pd.concat([rejects, _blank_rejects(state_led[blank]), more], ignore_index=True)
    return Staged(KIND, len(episodes), observations, rejects=rejects, problems=problems + bad)


def _episode_frame(path: Path, sheets: dict[str, pd.DataFrame], sheet: str) -> pd.DataFrame:
    """The episode sheet as text with our column names and `_row`; refused when a required column is missing."""
    raw = sheets[sheet]
    if raw.empty:
        raise IngestRefused([Problem(f"{path.name} [{sheet.strip()}]", "is empty")], KIND)
    header = [HEADERS.get(_normal(c), _normal(c)) for c in raw.iloc[0]]
    frame = raw.iloc[1:].fillna("").reset_index(drop=True)
    frame.columns = header
    frame = frame.loc[:, ~frame.columns.duplicated()].assign(_row=range(2, len(frame) + 2))
    frame = frame[~frame.drop(columns="_row").apply(is_missing).all(axis=1)]  # formatted but empty rows
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        wanted = {"code": "mk_event_code", "start": "startyear", "location": "mk_location_cow"}
        raise IngestRefused([Problem(f"{path.name} [{sheet.strip()}]", "lacks the required column(s) "
                                     + ", ".join(wanted[c] for c in missing), 1)], KIND, len(frame))
    frame = frame.reindex(columns=[*frame.columns, *(c for c in ("end", "led_by", "responsible")
                                                    if c not in frame.columns)], fill_value="")
    return frame.assign(led_by_text=frame["led_by"], led_by=_led_by(frame))


def _led_by(frame: pd.DataFrame) -> pd.Series:
    """state / non-state from the type column, else from the code's suffix (chl1973 has none: state)."""
    stated = frame["led_by"].str.strip().str.lower().map(_LED_BY)
    return stated.where(~is_missing(frame["led_by"]), _code_led_by(frame).fillna("state")).fillna("unknown")


def _code_led_by(frame: pd.DataFrame) -> pd.Series:
    suffix = frame["code"].str.strip().str.extract(_CODE_LED_BY, expand=False).str.lower()
    return suffix.map({"ns": "non-state", "s": "state"})


def _episode_problems(episodes: pd.DataFrame, label: str) -> list[Problem]:
    """Blank or repeated codes, unknown episode types, and end years before start years."""
    checks = [
        (is_missing(episodes["code"]), "mk_event_code", "is blank: every episode needs a code"),
        (episodes["code"].str.strip().duplicated() & ~is_missing(episodes["code"]), "mk_event_code",
         "appears more than once"),
        (episodes["led_by"] == "unknown", "State-Led or Non-State-Led", "is neither State-Led nor Non-State-Led"),
        (_code_led_by(episodes).ne(episodes["led_by"]) & _code_led_by(episodes).notna()
         & (episodes["led_by"] != "unknown"), "mk_event_code",
         "ends in s/ns (state-/non-state-led), which contradicts the State-Led or Non-State-Led column"),
    ]
    start = pd.to_numeric(episodes["start"], errors="coerce")
    end = pd.to_numeric(episodes["end"].where(~is_missing(episodes["end"])), errors="coerce")
    checks += [(~is_missing(episodes["end"]) & end.isna(), "endyear", "is not a year (blank = ongoing)"),
               (end < start, "endyear", "is before the episode's start year")]
    own = {"mk_event_code": "code", "State-Led or Non-State-Led": "led_by_text", "endyear": "end"}
    return [Problem(label, message, int(row), name, str(value))
            for mask, name, message in checks
            for value, row in zip(episodes.loc[mask.fillna(False), own[name]],
                                  episodes.loc[mask.fillna(False), "_row"], strict=True)]


def _counts(episodes: pd.DataFrame, indicator_id: str, code_column: str) -> pd.DataFrame:
    """Episodes per country and start year, located at the first episode's row."""
    grouped = episodes.groupby(["iso3", "_year"], as_index=False).agg(value=("_row", "size"), _row=("_row", "min"))
    return grouped.rename(columns={"_year": "period"}).assign(
        indicator_id=indicator_id, _column=code_column, _period_column="startyear", _id_column=code_column)


def _blank_rejects(rows: pd.DataFrame) -> pd.DataFrame:
    if rows.empty:
        return no_rejects()
    return pd.DataFrame({"row_number": rows["_row"].astype("int64"), "column_name": "mk_repsonsible_state_cow",
                         "value": "", "message": "state-led episode without a responsible state code; counted"
                         " under its location only"}).reset_index(drop=True)
