"""Helpers the UCDP and ACLED importers share: strict text columns, located numbers, country-year totals."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from r2p.warehouse.ingest.reader import ROW, csv_header, read_csv, read_csv_table, read_sheets
from r2p.warehouse.ingest.result import IngestRefused, Problem
from r2p.warehouse.ingest.validate import is_whole, parse_numbers

MAX_PROBLEMS_PER_CHECK = 200  # a file wrong on every row should not build a million Problem objects


def normalised(name: str) -> str:
    """Header names compare without case, spaces or underscores: 'BdBest', 'bd_best' and 'BD BEST' match."""
    return "".join(ch for ch in str(name).lower() if ch.isalnum())


def find_columns(header: Iterable[str], wanted: Iterable[str], aliases: dict[str, str] | None = None) -> dict[str, str]:
    """Canonical name -> the file's own spelling, for each wanted column the header has (aliases: old name -> new)."""
    spelled = {normalised(name): name for name in header}
    for old, new in (aliases or {}).items():
        if normalised(new) not in spelled and normalised(old) in spelled:
            spelled[normalised(new)] = spelled[normalised(old)]
    return {name: spelled[normalised(name)] for name in wanted if normalised(name) in spelled}


def read_columns(path: Path, wanted: Iterable[str], required: Iterable[str], kind: str,
                 aliases: dict[str, str] | None = None) -> pd.DataFrame:
    """The wanted columns of a CSV (or a workbook's first sheet) as text, renamed to their canonical names.

    Rows with too few or too many fields (a file cut mid-line) refuse the whole file; `_row` is the spreadsheet
    row number (header = 1). Only the wanted columns are converted, so million-row files stay quick.
    """
    if path.suffix.lower() == ".xlsx":
        sheet = next(iter(read_sheets(path, kind).values()))
        columns = _present(path, [c for c in sheet.columns if c != ROW], wanted, required, aliases, kind)
        frame = sheet[[*columns.values(), ROW]]
        if frame.empty:
            raise IngestRefused([Problem(path.name, "has a header but no data rows")], kind)
    else:
        columns = _present(path, csv_header(path, kind), wanted, required, aliases, kind)
        frame = read_csv(path, kind, list(columns.values()))
    return frame.rename(columns={spelled: name for name, spelled in columns.items()})


def read_columns_table(path: Path, wanted: Iterable[str], required: Iterable[str], kind: str) -> pa.Table:
    """`read_columns` as an Arrow table: a CSV's text goes from the reader to DuckDB without becoming a frame."""
    if path.suffix.lower() == ".xlsx":
        return pa.Table.from_pandas(read_columns(path, wanted, required, kind), preserve_index=False)
    columns = _present(path, csv_header(path, kind), wanted, required, None, kind)
    canonical = {spelled.lower(): name for name, spelled in columns.items()}
    table = read_csv_table(path, kind, list(columns.values()), threads=True)
    return table.rename_columns([canonical.get(name.lower(), name) for name in table.column_names])


def _present(path: Path, header: list[str], wanted: Iterable[str], required: Iterable[str],
             aliases: dict[str, str] | None, kind: str) -> dict[str, str]:
    """The wanted columns the header has; refuses the file when a required one is missing."""
    columns = find_columns(header, wanted, aliases)
    missing = [name for name in required if name not in columns]
    if missing:
        raise IngestRefused([Problem(path.name, f"lacks required column(s) {', '.join(missing)} "
                                     f"(header has: {', '.join(header[:12])})", 1)], kind)
    return columns


def numbers(frame: pd.DataFrame, column: str, file: str, *, required: bool = True,
            whole: bool = False) -> tuple[pd.Series, list[Problem]]:
    """A column as float (NaN where empty), with one located problem per unreadable (or, if required, empty) cell."""
    values, flags = number_flags(frame[column], required=required, whole=whole)
    return values, [problem for message, mask in flags for problem in located(frame, mask, column, file, message)]


def number_flags(raw: pd.Series, *, required: bool = True,
                 whole: bool = False) -> tuple[pd.Series, list[tuple[str, pd.Series]]]:
    """A column as float (NaN where empty), and (message, cells it flags) for each check `numbers` makes."""
    if pd.api.types.is_numeric_dtype(raw):
        values, bad = raw.astype("float64"), pd.Series(False, index=raw.index)
    else:
        values, bad = parse_numbers(raw)
    bad = bad | np.isinf(values)
    flags = [("is not a number", bad)]
    if whole:
        flags.append(("is not a whole number", ~bad & values.notna() & ~is_whole(values)))
    if required:
        flags.append(("is missing", values.isna() & ~bad))
    return values, flags


def located(frame: pd.DataFrame, mask: pd.Series, column: str, file: str, message: str) -> list[Problem]:
    """One problem per flagged row (at most MAX_PROBLEMS_PER_CHECK, then a count of the rest)."""
    flags = mask.fillna(False).to_numpy(dtype=bool)
    if not flags.any():  # the usual case: skip selecting (copying) every column of a million-row frame
        return []
    flagged = frame.loc[flags]
    problems = [Problem(file, message, int(row), column, str(value))
                for row, value in zip(flagged["_row"][:MAX_PROBLEMS_PER_CHECK],
                                      flagged[column][:MAX_PROBLEMS_PER_CHECK], strict=True)]
    if len(flagged) > MAX_PROBLEMS_PER_CHECK:
        problems.append(Problem(file, f"{message}: {len(flagged) - MAX_PROBLEMS_PER_CHECK} more rows like this",
                                None, column))
    return problems


def rejects(frame: pd.DataFrame, column: str, messages: pd.Series) -> pd.DataFrame:
    """Reject rows (row_number, column_name, value, message) for rows deliberately left out."""
    return pd.DataFrame({"row_number": frame["_row"].astype("int64").to_numpy(), "column_name": column,
                         "value": frame[column].astype(str).to_numpy(), "message": messages.to_numpy()})


def country_year_totals(frame: pd.DataFrame, value: str, indicator_id: str, column: str,
                        period_column: str) -> pd.DataFrame:
    """Observations summing `value` by (iso3, period); each cites the first source row and the summed column."""
    totals = frame.groupby(["iso3", "period"], as_index=False, sort=True).agg(
        value=(value, "sum"), _row=("_row", "min"))
    return totals.assign(
        indicator_id=indicator_id, value=totals["value"].astype("float64"), period=totals["period"].astype("Int64"),
        _column=column, _period_column=period_column, _id_column=column,
    )
