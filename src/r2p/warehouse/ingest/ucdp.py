"""The `ucdp` source: GED events (CSV or GeoJSON) and Battle-Related Deaths, the file kind told from its contents;
a GED CSV named as a monthly candidate release (GEDEvent_v25_0_9.csv) loads as provisional (ucdp_candidate.py).

See ucdp_ged.py (events, one-sided and total deaths per country-year) and ucdp_brd.py (battle deaths and the
attribution rule) for what is loaded, rejected and refused.
"""

from __future__ import annotations

from pathlib import Path

from r2p.warehouse.ingest.reader import header
from r2p.warehouse.ingest.result import Staged
from r2p.warehouse.ingest.sniff import refuse_wrong_source
from r2p.warehouse.ingest.ucdp_brd import read_brd
from r2p.warehouse.ingest.ucdp_candidate import is_candidate_file, read_candidate_csv
from r2p.warehouse.ingest.ucdp_common import find_columns
from r2p.warehouse.ingest.ucdp_ged import ALIASES, read_ged_csv, read_ged_geojson
from r2p.warehouse.ingest.ucdp_ged import REQUIRED as GED_REQUIRED
from r2p.warehouse.ingest.validate import Reference

DESCRIPTION = ("UCDP: GED events (CSV or GeoJSON; GED Candidate monthly CSV, provisional) or Battle-Related Deaths "
               "(dyadic or conflict-level CSV)")
GED = "UCDP GED events"
GED_GEOJSON = "UCDP GED events (GeoJSON)"
BRD = "UCDP Battle-Related Deaths"
_BRD_SIGNATURE = ("bd_best", "gwno_loc", "type_of_conflict", "year")
_GEOJSON_SUFFIXES = (".geojson", ".json")
_PEEK_BYTES = 65536


def recognise(columns: list[str], path: Path) -> str | None:
    """GED (CSV or GeoJSON) or BRD, from the header or, for GeoJSON, the first feature's property names."""
    if path.suffix.lower() in _GEOJSON_SUFFIXES:
        return GED_GEOJSON if _looks_like_ged_geojson(path) else None
    if len(find_columns(columns, GED_REQUIRED, ALIASES)) == len(GED_REQUIRED):
        return GED
    if len(find_columns(columns, _BRD_SIGNATURE)) == len(_BRD_SIGNATURE):
        return BRD
    return None


def _looks_like_ged_geojson(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            start = handle.read(_PEEK_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return False
    return '"FeatureCollection"' in start and all(f'"{name}"' in start for name in ("type_of_violence", "country_id"))


def read(path: Path, reference: Reference) -> Staged:
    """Stage whichever UCDP file this is; refuse a file of another kind, saying what it looks like."""
    kind = recognise(header(path), path)
    if kind == GED_GEOJSON:
        return read_ged_geojson(path, reference)
    if kind == GED:
        return read_candidate_csv(path, reference) if is_candidate_file(path) else read_ged_csv(path, reference)
    if kind == BRD:
        return read_brd(path, reference)
    raise refuse_wrong_source(path, "ucdp", "a UCDP GED events or Battle-Related Deaths file")
