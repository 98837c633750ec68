"""Chosen columns of a large CSV as text, read strictly: a cut or damaged file is refused with located problems."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from r2p.warehouse.ingest.result import IngestRefused, Problem

_TAIL_BYTES = 1 << 16
_MAX_ROW_PROBLEMS = 100  # a badly broken file would otherwise list every row


def first_rows(path: Path, count: int = 10) -> list[list[str]]:
    """The first `count` lines parsed as CSV (blank lines give []); [] when the file cannot be read.

    Undecodable bytes are replaced here so the layout can still be told; reading the data refuses them.
    """
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            return [[cell.strip() for cell in row] for row in itertools.islice(csv.reader(handle), count)]
    except (OSError, csv.Error):
        return []


def read_columns(path: Path, columns: list[str], kind: str, skip_rows: int = 0) -> tuple[pd.DataFrame, int]:
    """(frame, rows read): `columns` as text exactly as written ('NA' stays 'NA': Namibia), plus `_row`.

    `_row` is the row a spreadsheet shows (the header is row skip_rows + 1). pyarrow refuses nothing by itself
    for a row with too few fields, so every such row is collected and the file refused whole.
    """
    header = (first_rows(path, skip_rows + 1) or [[]])[-1]
    repeated = [Problem(path.name, "appears twice in the header row (which one holds the data?)", skip_rows + 1, c)
                for c in columns if header.count(c) > 1]  # pyarrow would silently read the first
    if repeated:
        raise IngestRefused(repeated, kind)
    damaged: list[Problem] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        if len(damaged) < _MAX_ROW_PROBLEMS:
            damaged.append(Problem(path.name, f"has {row.actual_columns} fields where the header has "
                                   f"{row.expected_columns} (file cut short or damaged?)", row.number))
        return "skip"

    try:
        table = pacsv.read_csv(
            path,
            # Single-threaded so that invalid rows come with their line number; the header as `first_rows` read
            # it (stripped), so that names found by looking at the header are the names read.
            read_options=pacsv.ReadOptions(use_threads=False, skip_rows=skip_rows + 1, column_names=header),
            parse_options=pacsv.ParseOptions(invalid_row_handler=on_invalid),
            convert_options=pacsv.ConvertOptions(
                include_columns=columns, column_types={c: pa.string() for c in columns}, null_values=[],
                strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, pa.ArrowKeyError) as error:
        raise IngestRefused([_arrow_problem(path, error)], kind) from error
    rows_read = table.num_rows + len(damaged)
    problems = damaged + _tail_problems(path, skip_rows + 1 + rows_read)
    if rows_read == 0:
        problems.append(Problem(path.name, "has a header row but no data rows"))
    if problems:
        raise IngestRefused(problems, kind, rows_read)
    frame = table.to_pandas()
    frame["_row"] = np.arange(skip_rows + 2, skip_rows + 2 + len(frame), dtype=np.int64)
    return frame, rows_read


def _tail_problems(path: Path, last_row: int) -> list[Problem]:
    """A file cut inside a quoted value parses as a complete row; an odd number of quotes on the last line shows it."""
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - _TAIL_BYTES))
        tail = handle.read()
    last_line = tail.rstrip(b"\r\n").rsplit(b"\n", 1)[-1]
    if last_line.count(b'"') % 2:
        return [Problem(path.name, "ends inside a quoted value (file cut short?)", last_row)]
    return []


def _arrow_problem(path: Path, error: Exception) -> Problem:
    text = str(error)
    if "UTF8" in text or "UTF-8" in text:
        return Problem(path.name, "is not UTF-8 text; save it as CSV UTF-8")
    if "Empty CSV file" in text:
        return Problem(path.name, "is empty: no header row and no data")
    return Problem(path.name, f"is not a well-formed CSV table: {text.strip()}")
