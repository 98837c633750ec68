"""Releases: which release of its source a load belongs to (EWP 2025, UCDP BRD 25.1, V-Dem v15), from its name.

Releases of one source are ordered by `version` (a tuple compared left to right: 2025 < 2026, 25.0.9 < 25.1),
then by publication date. A release that cannot be known orders before every known one, so a file whose
release nobody can tell never replaces the values of a known release (state it with `--release`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from r2p.warehouse.queries import run

_DIGITS = re.compile(r"\d+")
_DAY_MONTH_YEAR = re.compile(r"(?<!\d)(\d{1,2})([A-Za-z]{3,9})(\d{4})(?!\d)")  # 3Sep2025, 4august2025
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")  # 2025-09-03
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_EWP_PREDICTORS = re.compile(r"prepared((?:19|20)\d\d)predictors", re.IGNORECASE)
_UCDP_VERSION = re.compile(r"v(\d{1,2})_(\d{1,2})(?:_(\d{1,2}))?(?!\d)")
_UCDP_ZIP_VERSION = re.compile(r"(?:dyadic|ged|brd)[-_]?(\d{2})(\d)(?!\d)", re.IGNORECASE)
_VDEM_VERSION = re.compile(r"(?<![A-Za-z0-9])v(\d{1,2})(?:\.\d+)?(?![A-Za-z0-9])", re.IGNORECASE)


@dataclass(frozen=True)
class Release:
    """One release of a source; `label` None when it cannot be known."""

    label: str | None
    version: tuple[int, ...] | None
    published: date | None = None
    stated_by: str = "unknown"  # file name | file content | user | unknown

    def __str__(self) -> str:
        if self.label is None:
            return "unknown release"
        return self.label + (f", published {self.published.isoformat()}" if self.published else "")


UNKNOWN = Release(None, None)


def stated_release(label: str, published: date | None = None) -> Release:
    """A release a person states (`r2p ingest --release "EWP 2023" --published 2023-09-05`); its numbers order it."""
    text = label.strip()
    if not text:
        raise ValueError("a release label cannot be empty (e.g. \"EWP 2023\", \"UCDP BRD 24.1\", \"V-Dem v14\")")
    numbers = tuple(int(n) for n in _DIGITS.findall(text))
    return Release(text, numbers or None, published, "user")


def release_from_name(source: str, name: str) -> Release | None:
    """The release a publisher writes into its file names, or None when this name does not say."""
    reader = {"ewp": _ewp, "ucdp": _ucdp, "vdem": _vdem}.get(source)
    return reader(name) if reader else None


def publication_date(name: str) -> date | None:
    """The date EWP writes into file names (3Sep2025, 4august2025, 2025-09-03), if there is one."""
    iso = _ISO_DATE.search(name)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    found = _DAY_MONTH_YEAR.search(name)
    for layout in ("%d%b%Y", "%d%B%Y"):
        try:
            return datetime.strptime(f"{found[1]}{found[2].capitalize()}{found[3]}", layout).date() if found else None
        except ValueError:
            continue
    return None


def _ewp(name: str) -> Release | None:
    """EWP's assessment year: the publication year when dated, else the year in the name.

    NOTE: `prepared2024predictors` holds the 2024 data of the 2025 assessment, hence the + 1."""
    published = publication_date(name)
    predictors = _EWP_PREDICTORS.search(name)
    year_in_name = _YEAR.search(name)
    if published:
        year = published.year
    elif predictors:
        year = int(predictors[1]) + 1
    elif year_in_name:
        year = int(year_in_name[1])
    else:
        return None
    return Release(f"EWP {year}", (year,), published, "file name")


def _ucdp(name: str) -> Release | None:
    """`BattleDeaths_v25_1`, `GEDEvent_v23_1`, `GEDEvent_v25_0_9` (candidate), `ucdp-brd-dyadic-251`."""
    found = _UCDP_VERSION.search(name)
    parts = tuple(int(p) for p in found.groups() if p is not None) if found else None
    zipped = _UCDP_ZIP_VERSION.search(name)
    if parts is None and zipped:
        parts = (int(zipped[1]), int(zipped[2]))
    if parts is None:
        return None
    lowered = name.lower()
    dataset = "GED" if "ged" in lowered else "BRD" if ("battle" in lowered or "brd" in lowered) else None
    return ucdp_release(dataset, parts, "file name")


def ucdp_release(dataset: str | None, parts: tuple[int, ...], stated_by: str) -> Release:
    """"UCDP BRD 25.1"; a three-part GED version is a monthly candidate release ("UCDP GED Candidate 25.0.9")."""
    name = "GED Candidate" if dataset == "GED" and len(parts) == 3 else dataset
    number = ".".join(str(p) for p in parts)
    return Release(f"UCDP {name} {number}" if name else f"UCDP {number}", parts, None, stated_by)


def _vdem(name: str) -> Release | None:
    """`V-Dem-CY-Full+Others-v15.csv`, `vdem_v14_extract.csv`."""
    found = _VDEM_VERSION.search(name)
    return Release(f"V-Dem v{int(found[1])}", (int(found[1]),), None, "file name") if found else None


def record_release(connection: duckdb.DuckDBPyConnection, ingest_id: int, release: Release) -> None:
    run(connection, "write/add_ingest_release", {
        "ingest_id": ingest_id, "release": release.label,
        "version": list(release.version) if release.version else None,
        "published": release.published, "stated_by": release.stated_by})


def backfill_releases(connection: duckdb.DuckDBPyConnection) -> int:
    """Releases of loads recorded before releases were kept, from their file names; returns how many."""
    loads = run(connection, "read/loads_without_release")
    for load in loads.itertuples(index=False):
        record_release(connection, int(load.ingest_id), release_from_name(load.source_id, load.file_name) or UNKNOWN)
    return len(loads)
