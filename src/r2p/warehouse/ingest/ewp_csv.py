"""EWP's CSV files (R write.csv or data.table fwrite) read as text cells, refusing damaged or cut-off files."""

from __future__ import annotations

import csv
import re
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from r2p.warehouse.ingest.result import IngestRefused, Problem

_PARSER_LINE = re.compile(r"(?:line|row) (\d+)")
_DAY_MONTH_YEAR = re.compile(r"(?<!\d)(\d{1,2})([A-Za-z]{3,9})(\d{4})(?!\d)")  # 3Sep2025, 4august2025
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")  # 2025-09-03


def read_text(path: Path, kind: str) -> pd.DataFrame:
    """Every cell as text with a `_row` column (header = row 1); unnamed columns (write.csv's row index) dropped.

    NOTE: `sheets.read_csv_text` refuses an empty header cell, but every write.csv file starts with one, and
    EWP columns are only ever found by name, so an unnamed column is never data we could use.
    """
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, header=None, encoding="utf-8-sig",
                          skip_blank_lines=True)
    except UnicodeDecodeError as error:
        message = f"is not UTF-8 text (undecodable byte at offset {error.start}); save it as CSV UTF-8"
        raise IngestRefused([Problem(path.name, message)], kind) from error
    except (pd.errors.ParserError, csv.Error) as error:
        raise IngestRefused([_parser_problem(path, error)], kind) from error
    except pd.errors.EmptyDataError as error:
        raise IngestRefused([Problem(path.name, "is empty: no header row and no data")], kind) from error
    header = ["" if pd.isna(c) else str(c).strip() for c in raw.iloc[0]]
    body = raw.iloc[1:].reset_index(drop=True)
    problems = _header_problems(header, path.name) + _damage_problems(body, path, len(header))
    if body.empty:
        problems.append(Problem(path.name, "has a header but no data rows", 2))
    if problems:
        raise IngestRefused(problems, kind, len(body))
    body.columns = header
    return body.loc[:, [bool(name) for name in header]].assign(_row=range(2, len(body) + 2))


def _parser_problem(path: Path, error: Exception) -> Problem:
    """pandas counts "line N" from 1 but "row N" from 0; an open quote at the end means a cut-off file."""
    text = str(error).strip()
    match = _PARSER_LINE.search(text)
    row = None if match is None else int(match[1]) + (1 if "row" in match[0] else 0)
    if "EOF inside string" in text:
        return Problem(path.name, "ends inside a quoted value: the file looks truncated", row)
    return Problem(path.name, f"is not a well-formed table: {text}", row)


def _header_problems(header: list[str], label: str) -> list[Problem]:
    """No column name may repeat (unnamed columns are ignored)."""
    problems = []
    seen: set[str] = set()
    for name in header:
        if name and name.lower() in seen:
            problems.append(Problem(label, "appears twice in the header row", 1, name))
        seen.add(name.lower())
    return problems


def _damage_problems(body: pd.DataFrame, path: Path, width: int) -> list[Problem]:
    """Short rows (pandas pads them with NaN) and a last line with no line end: signs of a cut-off file."""
    short = body.isna().any(axis=1)
    problems = [
        Problem(path.name, f"has {int(fields)} of the header's {width} fields: the row is damaged or the file"
                " was cut off", int(index) + 2)
        for index, fields in body.notna().sum(axis=1)[short].items()
    ]
    # R's write.csv and data.table's fwrite always end the last line; without it the file was cut mid-row.
    if not _ends_with_line_break(path) and not (len(body) and short.iloc[-1]):
        problems.append(Problem(path.name, "ends in the middle of a line: the file looks truncated",
                                len(body) + 1))
    return problems


def _ends_with_line_break(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(0, 2)
        if handle.tell() == 0:
            return True
        handle.seek(-1, 2)
        return handle.read(1) in (b"\n", b"\r")


def column(frame: pd.DataFrame, *names: str) -> str | None:
    """The frame's column matching one of `names` (case-insensitive, first name first), or None."""
    lowered = {str(c).strip().lower(): c for c in frame.columns}
    return next((lowered[n.lower()] for n in names if n.lower() in lowered), None)


def release_date(path: Path) -> date | None:
    """The release date EWP writes into file names (3Sep2025, 4august2025, 2025-09-03), if there is one."""
    iso = _ISO_DATE.search(path.stem)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    found = _DAY_MONTH_YEAR.search(path.stem)
    if not found:
        return None
    for layout in ("%d%b%Y", "%d%B%Y"):
        try:
            return datetime.strptime(f"{found[1]}{found[2].capitalize()}{found[3]}", layout).date()
        except ValueError:
            continue
    return None
