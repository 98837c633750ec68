"""EWP's CSV files (R write.csv or data.table fwrite) read as text cells, refusing damaged or cut-off files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from r2p.warehouse.ingest.reader import read_csv
from r2p.warehouse.ingest.result import IngestRefused, Problem
from r2p.warehouse.releases import publication_date


def read_text(path: Path, kind: str) -> pd.DataFrame:
    """Every cell as text with a `_row` column (header = row 1); unnamed columns (write.csv's row index) dropped.

    NOTE: every write.csv file starts with an empty header cell, and EWP columns are only ever found by name,
    so an unnamed column is never data we could use. R's write.csv and data.table's fwrite always end the last
    line; without that line end the file was cut mid-row, even when the cut left the row its fields.
    """
    frame = read_csv(path, kind, drop_unnamed=True)
    if not _ends_with_line_break(path):
        raise IngestRefused([Problem(path.name, "ends in the middle of a line: the file looks truncated",
                                     len(frame) + 1)], kind, len(frame))
    return frame


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
    return publication_date(path.stem)
