"""Inputs the importer fuzz found crashing an importer, kept as plain tests: each is now a located refusal.

The year tests pin a defensive fix rather than replay a crash: the fuzz once hit pandas' "cannot safely cast
non-equivalent float64 to int64" casting a V-Dem year of 3e300, which depends on the dtype the reader produced.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from r2p.warehouse import Warehouse
from r2p.warehouse.ingest import SOURCE_NAMES
from tests.helpers.data import EXAMPLES
from tests.helpers.ingest import refusal
from tests.helpers.mutations import FIXTURES

GED = FIXTURES / "ucdp" / "GEDEvent_v23_1_CAR_sample.csv"
VDEM = FIXTURES / "vdem" / "V-Dem-CY-Full+Others-v15.subset.csv"


@pytest.mark.parametrize("source", SOURCE_NAMES)
def test_a_damaged_workbook_is_refused_by_every_source(warehouse: Warehouse, tmp_path: Path, source: str) -> None:
    """Was: zipfile.BadZipFile escaping the header sniffer that names what a wrong file looks like."""
    path = tmp_path / "cut.xlsx"
    path.write_bytes((EXAMPLES / "table_wide.xlsx").read_bytes()[:1000])
    problems = refusal(warehouse, source, path)
    assert problems and all(p.startswith("cut.xlsx") for p in problems)


def test_a_csv_with_a_huge_field_and_a_damaged_row_is_refused_on_its_row(warehouse: Warehouse, tmp_path: Path) -> None:
    """Was: the csv module's 128 kB field limit raised while locating the damaged row."""
    lines = GED.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("Central African Republic", "9" * (1 << 20), 1)
    lines[3] += ",extra"
    path = tmp_path / "ged.csv"
    path.write_text("\n".join(lines[:6]) + "\n", encoding="utf-8")
    problems = refusal(warehouse, "ucdp", path)
    assert problems[0].startswith("ged.csv, row ")


@pytest.mark.parametrize("year", ["3e300", "1e20", "-9223372036854775809"])
def test_a_year_too_big_for_an_integer_is_not_a_year(warehouse: Warehouse, tmp_path: Path, year: str) -> None:
    """Every reader judges years with the same test: whole and within int64, or 'is not a year'."""
    frame = pd.read_csv(VDEM, dtype=str, keep_default_na=False)
    frame.loc[1, "year"] = year
    frame.to_csv(tmp_path / "vdem.csv", index=False)
    assert f"vdem.csv, row 3, column \"year\": '{year}': is not a year (e.g. 2024)" in refusal(
        warehouse, "vdem", tmp_path / "vdem.csv")
    (tmp_path / "table.csv").write_text(f"country,indicator,year,value\nSDN,wdi.gdp_pc,{year},5\n", encoding="utf-8")
    assert refusal(warehouse, "table", tmp_path / "table.csv") == [
        f"table.csv, row 2, column \"year\": '{year}': is not a year (e.g. 2024)"]


def test_a_wdi_year_too_big_for_an_integer_is_not_a_year(warehouse: Warehouse, tmp_path: Path) -> None:
    """A cell without a value is skipped whatever its year; a value's year of 1e20 is refused, not cast."""
    text = (FIXTURES / "wdi" / "wdi_api_v2.csv").read_text(encoding="utf-8").splitlines()
    text.append("NAM,2.5,,,,1,NY.GDP.PCAP.KD.ZG,GDP per capita growth (annual %),NA,Namibia")
    text.append("NAM,1e20,3,,,1,NY.GDP.PCAP.KD.ZG,GDP per capita growth (annual %),NA,Namibia")
    (tmp_path / "api.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    assert refusal(warehouse, "wdi", tmp_path / "api.csv") == [
        f"api.csv, row {len(text)}, column \"date\": '1e20': is not a year (e.g. 2024)"]


def _geojson(tmp_path: Path, change: dict[str, object], extra: dict[str, object] | None = None) -> Path:
    """Three GED events as a GeoJSON FeatureCollection, the first feature's properties changed."""
    rows = pd.read_csv(GED, keep_default_na=False).head(3).to_dict("records")
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                 "properties": row} for row in rows]
    features[0]["properties"] = features[0]["properties"] | change
    features[1]["properties"] = features[1]["properties"] | (extra or {})
    path = tmp_path / "ged.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def test_a_geojson_property_holding_an_object_is_not_a_number(warehouse: Warehouse, tmp_path: Path) -> None:
    """Was: pyarrow's ArrowTypeError ('Expected bytes, got a dict object') escaping the number parser."""
    problems = refusal(warehouse, "ucdp", _geojson(tmp_path, {"best": {"nested": 1}}))
    assert problems[0].startswith('ged.geojson, row 1, column "best"') and "is not a number" in problems[0]


def test_a_geojson_with_two_spellings_of_one_column_is_read(warehouse: Warehouse, tmp_path: Path) -> None:
    """Was: KeyError 0: both spellings were renamed to 'best', and a two-column 'best' reached the parser."""
    path = _geojson(tmp_path, {"best": "x"}, {"BEST": 3})
    problems = refusal(warehouse, "ucdp", path)
    assert problems and all(p.startswith("ged.geojson") for p in problems)
