"""The indicator metadata sheet that comes with an analyst's table."""

from __future__ import annotations

import pandas as pd
from pydantic import ValidationError

from r2p.catalog import Indicator
from r2p.warehouse.ingest.reader import ROW
from r2p.warehouse.ingest.result import Problem

META_COLUMNS = ("id", "name", "unit", "higher_is_worse", "risk_factors", "valid_min", "valid_max", "description")
REQUIRED = ("id", "name", "unit", "higher_is_worse", "risk_factors", "valid_min", "valid_max")
_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n"}


def parse_metadata(sheet: pd.DataFrame, label: str, catalogued: set[str]) -> tuple[pd.DataFrame, list[Problem]]:
    """Indicator rows (catalog columns) and the problems found; catalogued ids may not be redefined."""
    columns = {c.lower(): c for c in sheet.columns}
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        return _empty(), [Problem(label, f"indicator sheet lacks column(s) {', '.join(missing)}", 1)]
    rows, problems = [], []
    for record in sheet.to_dict("records"):
        row = int(record[ROW])
        cells = {key: str(record[original]).strip() for key, original in columns.items()}
        if cells["id"] in catalogued:
            problems.append(Problem(label, "is already in the indicator catalog; use a new id or drop this row",
                                    row, columns["id"], cells["id"]))
            continue
        indicator, found = _indicator(cells, label, row, columns)
        problems += found
        if indicator:
            rows.append(indicator.model_dump() | {"risk_factors": list(indicator.risk_factors)})
    return (pd.DataFrame(rows) if rows else _empty()), problems


def _indicator(
    cells: dict[str, str], label: str, row: int, columns: dict[str, str]
) -> tuple[Indicator | None, list[Problem]]:
    direction = cells["higher_is_worse"].lower()
    if direction not in _TRUE | _FALSE:
        return None, [Problem(label, "must be true or false", row, columns["higher_is_worse"],
                              cells["higher_is_worse"])]
    try:
        indicator = Indicator(
            id=cells["id"],
            name=cells["name"],
            unit=cells["unit"],
            higher_is_worse=direction in _TRUE,
            risk_factors=tuple(int(f) for f in cells["risk_factors"].replace(",", ";").split(";") if f.strip()),
            source="table",
            valid_min=float(cells["valid_min"]),
            valid_max=float(cells["valid_max"]),
            description=cells.get("description", ""),
        )
    except ValueError as error:  # pydantic's ValidationError is a ValueError too
        return None, [_problem(error, cells, label, row, columns)]
    if indicator.valid_min >= indicator.valid_max:
        return None, [Problem(label, "valid_min must be below valid_max", row, columns["valid_min"],
                              cells["valid_min"])]
    return indicator, []


def _problem(error: ValueError, cells: dict[str, str], label: str, row: int, columns: dict[str, str]) -> Problem:
    if isinstance(error, ValidationError) and error.errors():
        first = error.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "id"
        return Problem(label, first["msg"], row, columns.get(field, field), cells.get(field))
    field = next((f for f in ("risk_factors", "valid_min", "valid_max") if not _parses(f, cells[f])), "id")
    return Problem(label, "is not a number" if field != "risk_factors" else
                   "must be UN Framework factor numbers 1-14 separated by ';'", row, columns[field], cells[field])


def _parses(field: str, text: str) -> bool:
    try:
        if field == "risk_factors":
            [int(f) for f in text.replace(",", ";").split(";") if f.strip()]
        else:
            float(text)
    except ValueError:
        return False
    return True


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=[*META_COLUMNS, "source"])
