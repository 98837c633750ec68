"""Validation of actors.csv, situations.csv and engagements.csv rows (and single edits) against the registry."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pandas as pd

from r2p.engagement.cells import Cells
from r2p.engagement.checks import registry_problems
from r2p.engagement.registry import Registry, normalise
from r2p.vocabulary import ACTOR_KINDS, ENGAGEMENT_KINDS, SCOPES
from r2p.warehouse.ingest.result import Problem

FILES = {"actors": "actors.csv", "situations": "situations.csv", "engagements": "engagements.csv"}
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "actors": ("actor_id", "name", "short_name", "kind", "parent_id", "established", "dissolved", "successor_id",
               "verified", "source_url", "note"),
    "situations": ("situation_id", "name", "scope", "iso3", "countries", "note"),
    "engagements": ("engagement_id", "actor_id", "situation_id", "kind", "title", "started", "ended", "verified",
                    "source_url", "note"),
}
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "actors": ("actor_id", "name", "kind", "verified"),
    "situations": ("situation_id", "name", "scope", "countries"),
    "engagements": ("engagement_id", "actor_id", "situation_id", "kind", "title", "started", "verified"),
}


def validate_files(raw: Mapping[str, pd.DataFrame], existing: Registry, countries: Collection[str]
                   ) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Parse the given tables (text cells, as read from CSV) and check them with the warehouse's rows.

    Returns the parsed rows per table (each with `_row`) and every problem; nothing is written here.
    """
    parsed: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for table, frame in raw.items():
        parsed[table], found = parse_table(frame, table, FILES[table], countries)
        problems += found
    problems += registry_problems(parsed, existing, FILES)
    return parsed, sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or ""))


def parse_table(raw: pd.DataFrame, table: str, file: str, countries: Collection[str]
                ) -> tuple[pd.DataFrame, list[Problem]]:
    """Typed rows (the warehouse's columns plus `_row`) and the problems of their cells."""
    problems = header_problems(list(raw.columns), table, file)
    if problems:
        return _with_rows(pd.DataFrame(), table), problems
    rows = []
    for position, record in enumerate(raw.to_dict("records")):
        cells = Cells(record, file, position + 2)
        rows.append(_PARSERS[table](cells, countries) | {"_row": position + 2})
        problems += cells.problems
    return _with_rows(pd.DataFrame(rows), table), problems


def parse_record(record: Mapping[str, object], table: str, label: str, countries: Collection[str]
                 ) -> tuple[dict[str, object], list[Problem]]:
    """One row typed in a form rather than a file: the same rules, problems located by column only."""
    cells = Cells(record, label, None)
    return _PARSERS[table](cells, countries), cells.problems


def header_problems(columns: list[str], table: str, file: str) -> list[Problem]:
    expected = CSV_COLUMNS[table]
    problems = [Problem(file, "required column is missing", 1, column)
                for column in REQUIRED_COLUMNS[table] if column not in columns]
    problems += [Problem(file, f"is not a column of {file} (expected: {', '.join(expected)})", 1, column)
                 for column in columns if column not in expected]
    return problems


def _with_rows(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    rows = frame.pop("_row") if "_row" in frame else pd.Series(dtype="int64")
    return normalise(frame, table).assign(_row=rows.to_numpy(dtype="int64"))


def _actor(cells: Cells, _countries: Collection[str]) -> dict[str, object]:
    established, established_precision = cells.partial_date("established")
    dissolved, dissolved_precision = cells.partial_date("dissolved")
    return {
        "actor_id": cells.identifier("actor_id", required=True), "name": cells.text("name", required=True),
        "short_name": cells.text("short_name"), "kind": cells.choice("kind", list(ACTOR_KINDS)),
        "parent_id": cells.identifier("parent_id"), "established": established,
        "established_precision": established_precision, "dissolved": dissolved,
        "dissolved_precision": dissolved_precision, "successor_id": cells.identifier("successor_id"),
        "verified": cells.flag("verified"), "source_url": cells.url("source_url"), "note": cells.text("note"),
    }


def _situation(cells: Cells, countries: Collection[str]) -> dict[str, object]:
    scope = cells.choice("scope", SCOPES)
    iso3 = cells.countries("iso3", countries)
    covered = cells.countries("countries", countries, required=True)
    if len(iso3) > 1:
        cells.problem("iso3", "names one country only (list the others under countries)")
    elif iso3 and covered and iso3[0] not in covered:
        cells.problem("iso3", "is not among the situation's countries")
    if scope in ("country", "sub-national") and (len(covered) != 1 or not iso3):
        cells.problem("countries", f"a {scope} situation has exactly one country, also given as iso3")
    if scope == "cross-border" and len(covered) < 2:
        cells.problem("countries", "a cross-border situation lists at least two countries")
    return {
        "situation_id": cells.identifier("situation_id", required=True), "name": cells.text("name", required=True),
        "scope": scope, "iso3": iso3[0] if iso3 else None, "countries": ";".join(covered) or None,
        "note": cells.text("note"),
    }


def _engagement(cells: Cells, _countries: Collection[str]) -> dict[str, object]:
    started, started_precision = cells.partial_date("started", required=True)
    ended, ended_precision = cells.partial_date("ended")
    return {
        "engagement_id": cells.positive_integer("engagement_id"), "actor_id": cells.identifier("actor_id", True),
        "situation_id": cells.identifier("situation_id", True), "kind": cells.choice("kind", list(ENGAGEMENT_KINDS)),
        "title": cells.text("title", required=True), "started": started, "started_precision": started_precision,
        "ended": ended, "ended_precision": ended_precision, "verified": cells.flag("verified"),
        "source_url": cells.url("source_url"), "note": cells.text("note"),
    }


_PARSERS = {"actors": _actor, "situations": _situation, "engagements": _engagement}
