"""Reading CSV and XLSX files as text cells, with problems that name the file, row and column."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import pandas as pd

from r2p.warehouse.ingest.result import IngestRefused, Problem
from r2p.warehouse.ingest.uploads import WORKBOOK_ERRORS, check_workbook

SUPPORTED_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx")
_PARSER_LINE = re.compile(r"line (\d+)")


def read_csv_text(path: Path, kind: str = "unknown") -> pd.DataFrame:
    """Every cell as text (no NA guessing: 'NA' is Namibia in some files), delimiter sniffed."""
    try:
        sample = path.read_bytes()[:65536].decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise IngestRefused([_not_utf8(path, error)], kind) from error
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    try:
        # header=None: pandas would silently rename a repeated header ("value.1"); we want to refuse it.
        frame = pd.read_csv(
            path, sep=delimiter, dtype=str, keep_default_na=False, encoding="utf-8-sig", skip_blank_lines=True,
            header=None,
        )
    except UnicodeDecodeError as error:
        raise IngestRefused([_not_utf8(path, error)], kind) from error
    except (pd.errors.ParserError, csv.Error) as error:
        raise IngestRefused([_parser_problem(path, error)], kind) from error
    except pd.errors.EmptyDataError as error:
        raise IngestRefused([Problem(path.name, "is empty: no header row and no data")], kind) from error
    return _check_header(frame, path.name, kind)


def read_xlsx_text(path: Path, kind: str = "unknown") -> dict[str, pd.DataFrame]:
    """Every sheet of a workbook as text cells; openpyxl reads values only and never runs macros."""
    if not zipfile.is_zipfile(path):
        raise IngestRefused([Problem(path.name, "is not a valid .xlsx workbook (damaged or not a zip file)")], kind)
    check_workbook(path, kind)  # macros and zip bombs are refused before openpyxl sees the file
    try:
        sheets = pd.read_excel(
            path, sheet_name=None, dtype=str, engine="openpyxl", keep_default_na=False, header=None
        )
    except WORKBOOK_ERRORS as error:
        raise IngestRefused([Problem(path.name, f"cannot be read as a workbook: {error}")], kind) from error
    return {name: _check_header(frame, f"{path.name} [{name}]", kind) for name, frame in sheets.items()}


def _check_header(frame: pd.DataFrame, label: str, kind: str) -> pd.DataFrame:
    """The first row becomes the header, after checking it has no empty or repeated names."""
    if frame.empty:
        raise IngestRefused([Problem(label, "is empty: no header row and no data")], kind)
    headers = ["" if pd.isna(c) else str(c).strip() for c in frame.iloc[0]]
    problems = [
        Problem(label, "header cell is empty", 1, f"column {i + 1}")
        for i, name in enumerate(headers)
        if not name
    ]
    seen: set[str] = set()
    for name in headers:
        if name.lower() in seen:
            problems.append(Problem(label, "appears twice in the header row", 1, name))
        seen.add(name.lower())
    if problems:
        raise IngestRefused(problems, kind)
    body = frame.iloc[1:].fillna("").reset_index(drop=True)
    body.columns = headers
    return body


def _not_utf8(path: Path, error: UnicodeDecodeError) -> Problem:
    return Problem(path.name, f"is not UTF-8 text (undecodable byte at offset {error.start}); save it as CSV UTF-8")


def _parser_problem(path: Path, error: Exception) -> Problem:
    match = _PARSER_LINE.search(str(error))
    row = int(match[1]) if match else None
    return Problem(path.name, f"is not a well-formed table: {str(error).strip()}", row)
