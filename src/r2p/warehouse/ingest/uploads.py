"""Upload safety checked before any parsing: a size limit, no macro-enabled workbooks, no zip bombs."""

from __future__ import annotations

import zipfile
from pathlib import Path

from r2p.config import setting
from r2p.warehouse.ingest.result import IngestRefused, Problem

# Workbook formats that can carry macros (or that openpyxl cannot read safely): refused by name.
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam", ".xlsb", ".xls")
WORKBOOK_SUFFIXES = (".xlsx", ".xltx")
# NOTE: Python's zipfile never inflates an entry past the size its directory declares, so checking the declared
# sizes bounds what openpyxl can be made to read. Real workbooks compress sheet XML 5-30 fold; bombs 1000 fold.
UNZIPPED_FACTOR = 10  # a workbook may unzip to at most this many times the upload limit
MAX_ENTRY_RATIO = 100  # nor may one entry expand more than this many fold...
RATIO_FLOOR_BYTES = 1 << 20  # ...once it is bigger than this (tiny entries compress oddly)
# NOTE: openpyxl lets whatever its zip and XML layers raise escape on a damaged package (BadZipFile, KeyError,
# ParseError, TypeError, ...). Around the one call that parses a workbook, any of them means "not readable".
WORKBOOK_ERRORS = (Exception,)
_CONTENT_TYPES = "[Content_Types].xml"


def max_upload_bytes() -> int:
    """R2P_MAX_UPLOAD_MB in bytes (fractions allowed, for tests and tight deployments)."""
    return int(float(setting("max_upload_mb")) * (1 << 20))


def check_upload(path: Path, kind: str = "unknown") -> None:
    """Refuse a file over the size limit or a macro-capable workbook, before a byte of it is parsed."""
    size, limit = path.stat().st_size, max_upload_bytes()
    if size > limit:
        raise IngestRefused([Problem(path.name, f"is {_size(size)}, over the upload limit of {_size(limit)} "
                                     "(R2P_MAX_UPLOAD_MB); nothing was read")], kind)
    if path.suffix.lower() in MACRO_SUFFIXES:
        raise IngestRefused([Problem(path.name, f"is a macro-enabled or legacy Excel file ({path.suffix}), which "
                                     "is never opened; save it as an Excel Workbook (.xlsx) or CSV UTF-8")], kind)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        check_workbook(path, kind)


def check_workbook(path: Path, kind: str = "unknown") -> None:
    """Refuse a workbook that declares macros or unzips to too much; a damaged zip is left to the reader to refuse."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            content_types = _content_types(archive)
    except WORKBOOK_ERRORS:  # a damaged directory or part (BadZipFile, zlib.error, ...)
        return  # the importer reports a damaged workbook in its own words
    names = {entry.filename.lower() for entry in entries}
    if "macroenabled" in content_types or any(name.endswith("vbaproject.bin") for name in names):
        raise IngestRefused([Problem(path.name, "is a macro-enabled workbook (it holds a VBA project), which is "
                                     "never opened; save it as an Excel Workbook (.xlsx) or CSV UTF-8")], kind)
    problem = _expansion_problem(path, entries)
    if problem:
        raise IngestRefused([problem], kind)


def _content_types(archive: zipfile.ZipFile) -> str:
    """The package's content-type declarations, lower-cased ('' when absent or implausibly large)."""
    try:
        info = archive.getinfo(_CONTENT_TYPES)
    except KeyError:
        return ""
    if info.file_size > RATIO_FLOOR_BYTES:
        return ""
    return archive.read(info).decode("utf-8", errors="replace").lower()


def _expansion_problem(path: Path, entries: list[zipfile.ZipInfo]) -> Problem | None:
    total, limit = sum(entry.file_size for entry in entries), max_upload_bytes() * UNZIPPED_FACTOR
    if total > limit:
        return Problem(path.name, f"unzips to {_size(total)}, over {UNZIPPED_FACTOR} times the upload limit "
                       f"({_size(limit)}); refused unread (a zip bomb?)")
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_FLOOR_BYTES and ratio > MAX_ENTRY_RATIO:
            return Problem(path.name, f"part {entry.filename} expands {ratio:.0f}-fold (over {MAX_ENTRY_RATIO}-fold)"
                           " when unzipped; refused unread (a zip bomb?)")
    return None


def _size(size: float) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("kB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size:.0f} bytes"
