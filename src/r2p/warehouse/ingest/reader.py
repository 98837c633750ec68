"""The one strict reader of CSV and XLSX files: text cells, source row numbers, located refusals."""

from __future__ import annotations

import csv
import itertools
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from r2p.warehouse.ingest.result import IngestRefused, Problem
from r2p.warehouse.ingest.uploads import WORKBOOK_ERRORS, check_workbook

_ENCODING = "utf-8-sig"  # UTF-8, with or without the byte-order mark Excel writes
_DELIMITERS = ",;\t|"
ROW = "_row"  # the column holding each row's spreadsheet number (the header is row 1)
_TAIL_BYTES = 1 << 16
_MAX_ROW_PROBLEMS = 100  # a badly broken file would otherwise list every row


def _sniff_delimiter(line: str) -> str:
    """The delimiter a header line uses: the most frequent of , ; tab | (a comma when none is there)."""
    return max(_DELIMITERS, key=line.count)


def first_rows(path: Path, count: int = 10) -> list[list[str]]:
    """The first `count` rows, cells stripped (blank lines give []); [] when the file cannot be read.

    Undecodable bytes are replaced here so the layout can still be told; `read_csv` refuses them.
    """
    try:
        return _rows(path, count, "replace")[0]
    except (OSError, csv.Error):
        return []


def _rows(path: Path, count: int, errors: str) -> tuple[list[list[str]], str]:
    """(first `count` rows with cells stripped, the delimiter sniffed from the first line)."""
    with path.open(encoding=_ENCODING, errors=errors, newline="") as handle:
        delimiter = _sniff_delimiter(handle.readline())
        handle.seek(0)
        rows = itertools.islice(csv.reader(handle, delimiter=delimiter), count)
        return [[cell.strip() for cell in row] for row in rows], delimiter


def header(path: Path) -> list[str]:
    """Column names of a CSV or of a workbook's first sheet; [] when there is no readable header."""
    suffix = path.suffix.lower()
    if suffix == ".geojson":
        return []
    if suffix != ".xlsx":
        return next(iter(first_rows(path, 1)), [])
    try:
        check_workbook(path)
        first = pd.read_excel(path, nrows=1, header=None, dtype=str, engine="openpyxl")
    except (IngestRefused, *WORKBOOK_ERRORS):
        return []
    return [] if first.empty else ["" if pd.isna(c) else str(c).strip() for c in first.iloc[0]]


def read_csv(path: Path, kind: str, columns: Sequence[str] | None = None, *, skip_rows: int = 0,
             drop_unnamed: bool = False, empty_ok: bool = False) -> pd.DataFrame:
    """`columns` (default: every column) as text exactly as written ('NA' stays 'NA': Namibia), plus `_row`.

    The header is row skip_rows + 1. Every row with too few or too many fields is collected and the file
    refused whole, as is a repeated or (unless `drop_unnamed`) empty name among the columns read.
    """
    return read_csv_table(path, kind, columns, skip_rows=skip_rows, drop_unnamed=drop_unnamed,
                          empty_ok=empty_ok).to_pandas()


def read_csv_table(path: Path, kind: str, columns: Sequence[str] | None = None, *, skip_rows: int = 0,
                   drop_unnamed: bool = False, empty_ok: bool = False, threads: bool = False) -> pa.Table:
    """What `read_csv` reads, as an Arrow table: for importers that check and stage rows in DuckDB.

    `threads`: parse on every core; a file with damaged rows is then read again on one, to number them."""
    names, delimiter = _header(path, kind, skip_rows)
    if columns is None:
        columns = [name for name in names if name or not drop_unnamed]
    lowered = {name.lower() for name in columns}
    wanted = [i for i, name in enumerate(names) if name.lower() in lowered]
    _header_problems(names, wanted, path.name, skip_rows + 1, kind)
    damaged: list[Problem] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        if len(damaged) < _MAX_ROW_PROBLEMS:
            damaged.append(_width_problem(path, row.number, row.actual_columns, row.expected_columns, row.text))
        return "skip"

    positional = [f"c{i}" for i in range(len(names))]  # names may repeat or be empty outside `columns`
    try:
        table = pacsv.read_csv(
            path,
            # NOTE: single-threaded (unless `threads`) so that invalid rows come with their row number.
            read_options=pacsv.ReadOptions(use_threads=threads, skip_rows=skip_rows + 1, column_names=positional),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True,
                                             invalid_row_handler=on_invalid),
            convert_options=pacsv.ConvertOptions(
                include_columns=[positional[i] for i in wanted], column_types={positional[i]: pa.string()
                                                                                for i in wanted},
                null_values=[], strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except pa.ArrowInvalid as error:
        raise IngestRefused([_located(path, str(error), delimiter, skip_rows)], kind) from error
    if threads and damaged:
        return read_csv_table(path, kind, columns, skip_rows=skip_rows, drop_unnamed=drop_unnamed, empty_ok=empty_ok)
    rows_read, last_row = table.num_rows + len(damaged), skip_rows + 1 + table.num_rows + len(damaged)
    cut = not damaged or damaged[-1].row != last_row  # a damaged last row already says the file was cut
    problems = damaged + (_tail_problems(path, last_row) if cut else [])
    if rows_read == 0 and not empty_ok:
        problems.append(Problem(path.name, "has a header but no data rows"))
    if problems:
        raise IngestRefused(problems, kind, rows_read)
    rows = pa.array(np.arange(skip_rows + 2, skip_rows + 2 + table.num_rows, dtype=np.int64))
    return table.rename_columns([names[i] for i in wanted]).append_column(ROW, rows)


def _header_problems(names: list[str], wanted: list[int], label: str, row: int, kind: str) -> None:
    """Refuse an empty or repeated name (case aside) among the wanted header cells: which one holds the data?"""
    problems = [Problem(label, "header cell is empty", row, f"column {i + 1}") for i in wanted if not names[i]]
    seen: set[str] = set()
    for name in (names[i] for i in wanted if names[i]):
        if name.lower() in seen:
            problems.append(Problem(label, "appears twice in the header row (which one holds the data?)", row, name))
        seen.add(name.lower())
    if problems:
        raise IngestRefused(problems, kind)


def csv_header(path: Path, kind: str, skip_rows: int = 0) -> list[str]:
    """The header row (row skip_rows + 1), refusing an empty file or one whose header is not UTF-8."""
    return _header(path, kind, skip_rows)[0]


def _header(path: Path, kind: str, skip_rows: int) -> tuple[list[str], str]:
    try:
        rows, delimiter = _rows(path, skip_rows + 1, "strict")
    except UnicodeDecodeError as error:
        raise IngestRefused([_located(path, str(error), ",", 0)], kind) from error
    except csv.Error as error:  # e.g. a header cell over the csv module's 128 kB limit
        raise IngestRefused([Problem(path.name, f"is not a well-formed CSV file: {error}", 1)], kind) from error
    names = rows[-1] if len(rows) > skip_rows else []
    if not any(names):
        raise IngestRefused([Problem(path.name, "is empty: no header row and no data")], kind)
    return names, delimiter


def _width_problem(path: Path, row: int | None, fields: int, width: int, text: str) -> Problem:
    plural = "" if fields == 1 else "s"
    return Problem(path.name, f"has {fields} field{plural} where the header has {width} (file cut short or "
                   "damaged?)", row, None, text)


def _tail_problems(path: Path, last_row: int) -> list[Problem]:
    """A file cut inside a quoted value parses as a complete row; odd quote counts in its last line and in
    the whole file show it (a multi-line value that closes on the last line leaves the file's count even).
    """
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - _TAIL_BYTES))
        tail = handle.read()
    if not tail.rstrip(b"\r\n").rsplit(b"\n", 1)[-1].count(b'"') % 2:
        return []
    with path.open("rb") as handle:
        quotes = sum(block.count(b'"') for block in iter(lambda: handle.read(1 << 20), b""))
    return [Problem(path.name, "ends inside a quoted value (file cut short?)", last_row)] if quotes % 2 else []


def _located(path: Path, message: str, delimiter: str, skip_rows: int) -> Problem:
    """A refused file's problem placed on its row: found by a second pass that runs only for a refused file."""
    raw = path.read_bytes()
    try:
        text = raw.decode(_ENCODING)
    except UnicodeDecodeError as error:
        return Problem(path.name, f"is not UTF-8 text (undecodable byte at offset {error.start}); save it as CSV "
                       "UTF-8", raw[: error.start].count(b"\n") + 1)
    rows = csv.reader(text.splitlines(keepends=True)[skip_rows:], delimiter=delimiter)
    try:
        width = len(next(rows, []))
        for number, fields in enumerate((r for r in rows if r), start=skip_rows + 2):
            if len(fields) != width:
                return _width_problem(path, number, len(fields), width, delimiter.join(fields))
    except csv.Error as error:  # e.g. a field over the csv module's 128 kB limit: a damaged or hostile file
        return Problem(path.name, f"is not a well-formed CSV file: {error}", rows.line_num or None)
    return Problem(path.name, f"is not a well-formed CSV file: {message.removeprefix('CSV parse error: ')}")


def read_workbook(path: Path, kind: str) -> dict[str, pd.DataFrame]:
    """Every sheet's cells as text (no header); openpyxl reads values only and never runs macros."""
    if not zipfile.is_zipfile(path):
        raise IngestRefused([Problem(path.name, "is not a readable .xlsx workbook (damaged or not a zip file)")],
                            kind)
    check_workbook(path, kind)  # macros and zip bombs are refused before openpyxl sees the file
    try:
        return pd.read_excel(path, sheet_name=None, dtype=str, engine="openpyxl", keep_default_na=False,
                             header=None)
    except WORKBOOK_ERRORS as error:
        raise IngestRefused([Problem(path.name, f"is not a readable .xlsx workbook (damaged or truncated): "
                                     f"{error}")], kind) from error


def read_sheets(path: Path, kind: str) -> dict[str, pd.DataFrame]:
    """Every sheet with its first row as the header (checked as `read_csv` checks one), plus `_row`."""
    return {name: _with_header(raw, f"{path.name} [{name}]", kind) for name, raw in read_workbook(path, kind).items()}


def _with_header(raw: pd.DataFrame, label: str, kind: str) -> pd.DataFrame:
    """A sheet's first row as its header; every other row a text row numbered as the spreadsheet shows it."""
    if raw.empty:
        raise IngestRefused([Problem(label, "is empty: no header row and no data")], kind)
    names = ["" if pd.isna(c) else str(c).strip() for c in raw.iloc[0]]
    _header_problems(names, list(range(len(names))), label, 1, kind)
    body = raw.iloc[1:].fillna("").reset_index(drop=True).set_axis(names, axis=1)
    return body.assign(**{ROW: np.arange(2, len(body) + 2, dtype=np.int64)})
