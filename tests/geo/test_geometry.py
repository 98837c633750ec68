"""Tests for r2p.geo: the packaged 1:110m country shapes and small-state markers."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

import geopandas
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point, shape

from r2p.geo import country_geometries, load_country_shapes, load_small_states
from r2p.reference import load_countries
from tests.helpers.data import ROOT as REPO_ROOT

GEOJSON = Path(str(files("r2p.geo").joinpath("countries_110m.geojson")))


@pytest.fixture(scope="module")
def features() -> list[dict[str, Any]]:
    return load_country_shapes()["features"]


@pytest.fixture(scope="module")
def by_iso3(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {f["properties"]["iso3"]: shape(f["geometry"]) for f in features}


def test_features_have_codes_and_valid_geometry(features: list[dict[str, Any]]) -> None:
    codes = [f["properties"]["iso3"] for f in features]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    for feature in features:
        iso3 = feature["properties"]["iso3"]
        assert len(iso3) == 3 and iso3.isalpha() and iso3.isupper()
        assert feature["id"] == iso3 and feature["properties"]["name"]
        geom = shape(feature["geometry"])
        assert geom.geom_type == "MultiPolygon" and not geom.is_empty, iso3
        assert geom.is_valid, (iso3, shapely.is_valid_reason(geom))


def test_every_country_has_polygon_or_marker(by_iso3: dict[str, Any]) -> None:
    countries = set(load_countries()["iso3"])
    markers = set(load_small_states()["iso3"])
    assert countries <= set(by_iso3) | markers
    assert not markers & set(by_iso3)  # a marker only where there is no polygon
    assert {"BHR", "CPV", "COM", "MDV", "MLT", "MUS", "SGP"} <= markers


def test_natural_earth_code_traps(by_iso3: dict[str, Any], features: list[dict[str, Any]]) -> None:
    assert {"FRA", "NOR", "XKX", "SSD", "ESH", "PSE", "TWN", "ATA", "GRL"} <= set(by_iso3)
    assert not {"KOS", "SDS", "SAH", "PSX", "SOL", "CYN", "-99"} & set(by_iso3)
    assert "Somaliland" not in {f["properties"]["name"] for f in features}
    # Somaliland and Northern Cyprus are folded into Somalia and Cyprus (UN practice).
    assert by_iso3["SOM"].contains(Point(44.06, 9.56))  # Hargeisa
    assert by_iso3["CYP"].contains(Point(33.4, 35.3))  # north of the Green Line


def test_exterior_rings_are_clockwise(by_iso3: dict[str, Any]) -> None:
    ccw = [iso3 for iso3, geom in by_iso3.items() for p in geom.geoms if shapely.is_ccw(p.exterior)]
    assert ccw == []


def test_antimeridian_is_split(by_iso3: dict[str, Any]) -> None:
    for iso3, geom in by_iso3.items():
        if iso3 == "ATA":  # Antarctica encloses the South Pole, so its ring must span all longitudes
            continue
        for part in geom.geoms:
            minx, _, maxx, _ = part.bounds
            assert maxx - minx <= 180, iso3
    for iso3 in ("FJI", "RUS"):  # both sides of ±180° are present as separate parts
        bounds = [p.bounds for p in by_iso3[iso3].geoms]
        assert min(b[0] for b in bounds) == -180 and max(b[2] for b in bounds) == 180


def test_file_is_compact() -> None:
    assert GEOJSON.stat().st_size < 800_000
    assert b"\n " not in GEOJSON.read_bytes()  # no indentation
    coords = shapely.get_coordinates(shapely.from_geojson(GEOJSON.read_text(encoding="utf-8")))
    assert (abs(coords * 1000 - (coords * 1000).round()) < 1e-6).all()  # 3 decimals


def test_small_state_markers() -> None:
    markers = load_small_states().set_index("iso3")
    assert list(markers.columns) == ["name", "lon", "lat"]
    assert markers["lon"].between(-180, 180).all() and markers["lat"].between(-90, 90).all()
    for iso3, lon, lat in [("SGP", 103.8, 1.35), ("MLT", 14.4, 35.9), ("BHR", 50.55, 26.05),
                           ("VAT", 12.45, 41.90), ("MDV", 73.5, 4.2), ("TUV", 179.2, -8.5)]:
        assert abs(markers.loc[iso3, "lon"] - lon) < 0.5 and abs(markers.loc[iso3, "lat"] - lat) < 0.5, iso3


def test_loader_is_cached() -> None:
    assert load_country_shapes() is load_country_shapes()


def test_country_geometries_point_in_polygon() -> None:
    gdf = country_geometries()
    assert list(gdf.columns) == ["iso3", "name", "geometry"] and gdf.crs.to_epsg() == 4326
    # Paris, Kyiv, Pristina, Viti Levu (Fiji, east of the split), central Nigeria.
    points = pd.DataFrame({"lon": [2.35, 30.52, 21.17, 178.0, 7.0],
                           "lat": [48.85, 50.45, 42.67, -17.8, 10.0]})
    pts = geopandas.GeoDataFrame(points, geometry=geopandas.points_from_xy(points.lon, points.lat), crs=4326)
    joined = geopandas.sjoin(pts, gdf, predicate="within", how="left")
    assert joined["iso3"].tolist() == ["FRA", "UKR", "XKX", "FJI", "NGA"]


@pytest.mark.skipif(os.environ.get("R2P_REBUILD_GEOMETRY") != "1",
                    reason="needs npm and the npm registry; set R2P_REBUILD_GEOMETRY=1 to run")
def test_build_geometry_reproduces_committed_files(tmp_path: Path) -> None:
    script = REPO_ROOT / "scripts" / "build_geometry.py"
    subprocess.run([sys.executable, str(script), "--out-dir", str(tmp_path)], check=True, capture_output=True)
    for name in ("countries_110m.geojson", "small_states.csv"):
        assert (tmp_path / name).read_bytes() == (GEOJSON.parent / name).read_bytes(), name
