"""The `table` source: long and wide layouts, the indicator sheet, and precise refusals."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from r2p.warehouse import Warehouse
from r2p.warehouse.ingest import ingest
from r2p.warehouse.queries import query
from tests.helpers.data import EXAMPLES
from tests.helpers.ingest import values_of
from tests.helpers.warehouses import contents

META = (EXAMPLES / "table_long.indicators.csv").read_text()


def _write(tmp_path: Path, name: str, text: str, meta: str | None = META) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    if meta is not None:
        path.with_name(f"{path.stem}.indicators.csv").write_text(meta, encoding="utf-8")
    return path


def test_the_long_example_loads_with_names_resolved_and_blanks_skipped(warehouse: Warehouse) -> None:
    result = ingest(warehouse, "table", EXAMPLES / "table_long.csv")
    assert (result.status, result.kind, result.rows_read, result.rows_loaded) == ("loaded", "table-long", 16, 15)
    assert values_of(warehouse, "table.hate_rhetoric", 2024) == {"SDN": 57.0, "ETH": 15.0}  # MMR 2024 is NA
    assert values_of(warehouse, "table.idp_share", 2023) == {"SDN": 0.19, "SSD": 0.14}


def test_the_wide_workbook_example_loads_from_its_data_and_indicators_sheets(warehouse: Warehouse) -> None:
    result = ingest(warehouse, "table", EXAMPLES / "table_wide.xlsx")
    assert (result.status, result.kind, result.rows_read, result.rows_loaded) == (
        "loaded", "table-wide-years", 4, 19)
    assert values_of(warehouse, "table.idp_share", 2024) == {"SDN": 0.24, "SSD": 0.15, "CAF": 0.09}
    catalog = query(warehouse, "read/indicators_with_data").set_index("indicator_id")
    assert catalog.at["table.idp_share", "source_id"] == "table"


def test_wide_by_indicator_layout_for_catalogued_indicators(warehouse: Warehouse, tmp_path: Path) -> None:
    path = _write(tmp_path, "wide.csv", "country;year;wdi.infant_mortality;vdem.v2x_polyarchy\n"
                  "SDN;2024;39.5;0.12\nTCD;2024;64;\n", meta=None)
    result = ingest(warehouse, "table", path)
    assert (result.status, result.kind, result.rows_loaded) == ("loaded", "table-wide-indicators", 3)
    assert values_of(warehouse, "wdi.infant_mortality", 2024)["SDN"] == 39.5


def test_the_malformed_example_is_refused_with_every_problem_located(warehouse: Warehouse) -> None:
    before = warehouse.path.read_bytes()
    result = ingest(warehouse, "table", EXAMPLES / "table_malformed.csv")
    assert result.status == "refused"
    found = {(p.row, p.column, p.value) for p in result.errors}
    assert found == {
        (3, "country", "Sudann"),
        (4, "year", "20x3"),
        (5, "value", "1,200"),
        (6, "value", "-3"),
        (7, None, "SDN table.hate_rhetoric 2023"),
        (8, "indicator", "table.unknown_indicator"),
    }
    messages = {p.row: str(p) for p in result.errors}
    assert messages[3] == ("table_malformed.csv, row 3, column \"country\": 'Sudann': is not a known country"
                           " code or name (use ISO 3166 alpha-3, e.g. SDN); did you mean SDN (Sudan)?")
    assert "outside the valid range 0 to 10000" in messages[6]
    assert "duplicates row 2" in messages[7]
    assert warehouse.path.read_bytes() == before


def test_loading_the_same_file_twice_is_a_no_op(warehouse: Warehouse) -> None:
    first = ingest(warehouse, "table", EXAMPLES / "table_long.csv")
    after_first = contents(warehouse.path)
    second = ingest(warehouse, "table", EXAMPLES / "table_long.csv")
    assert (second.status, second.ingest_id, second.rows_loaded) == ("unchanged", first.ingest_id, 0)
    assert contents(warehouse.path) == after_first


def test_a_newer_file_replaces_the_same_keys_and_real_data_replaces_demo(warehouse: Warehouse,
                                                                         tmp_path: Path) -> None:
    demo_before = values_of(warehouse, "wdi.infant_mortality", 2024)
    assert len(demo_before) > 150
    path = _write(tmp_path, "imr.csv", "country,indicator,year,value\nSDN,wdi.infant_mortality,2024,39.5\n", None)
    ingest(warehouse, "table", path)
    assert values_of(warehouse, "wdi.infant_mortality", 2024) == {"SDN": 39.5}
    path.write_text("country,indicator,year,value\nSDN,wdi.infant_mortality,2024,40.1\n")
    ingest(warehouse, "table", path)
    assert values_of(warehouse, "wdi.infant_mortality", 2024) == {"SDN": 40.1}


@pytest.mark.parametrize(
    ("text", "meta", "expected"),
    [
        ("", META, "is empty"),
        ("country,indicator,year,value,value\nSDN,table.idp_share,2024,0.2,0.3\n", META,
         "appears twice in the header row"),
        ("place,what,when\nSDN,x,2024\n", META, "cannot tell the layout"),
        ("country,indicator,year,value,unit\nSDN,table.idp_share,2024,0.2,percent\n", META,
         "does not match the indicator's unit 'share of population'"),
        ("country,indicator,year,value\nSDN,table.new,2024,1\n",
         "id,name,unit,higher_is_worse,risk_factors,valid_min,valid_max\ntable.new,New,count,maybe,1,0,10\n",
         "must be true or false"),
        ("country,indicator,year,value\nSDN,table.new,2024,1\n",
         "id,name,unit,higher_is_worse,risk_factors,valid_min,valid_max\ntable.new,New,count,true,15,0,10\n",
         "unknown UN Framework risk factor"),
        ("country,indicator,year,value\nSDN,wdi.infant_mortality,2024,1\n",
         "id,name,unit,higher_is_worse,risk_factors,valid_min,valid_max\nwdi.infant_mortality,X,c,true,1,0,9\n",
         "already in the indicator catalog"),
    ],
)
def test_bad_tables_are_refused_and_change_nothing(warehouse: Warehouse, tmp_path: Path, text: str, meta: str,
                                                   expected: str) -> None:
    before = warehouse.path.read_bytes()
    result = ingest(warehouse, "table", _write(tmp_path, "bad.csv", text, meta))
    assert result.status == "refused"
    assert any(expected in str(p) for p in result.errors), [str(p) for p in result.errors]
    assert warehouse.path.read_bytes() == before


def test_non_utf8_and_damaged_workbooks_are_refused(warehouse: Warehouse, tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("country,indicator,year,value\nCôte,table.idp_share,2024,0.1\n".encode("latin-1"))
    assert "is not UTF-8 text" in str(ingest(warehouse, "table", latin).errors[0])
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes((EXAMPLES / "table_wide.xlsx").read_bytes()[:2000])
    result = ingest(warehouse, "table", broken)
    assert result.status == "refused" and "broken.xlsx" in str(result.errors[0])


def test_problems_are_all_reported_even_when_there_are_many(warehouse: Warehouse, tmp_path: Path) -> None:
    rows = "\n".join(f"XXX{i},table.idp_share,2024,0.1" for i in range(120))
    result = ingest(warehouse, "table", _write(tmp_path, "many.csv", "country,indicator,year,value\n" + rows))
    assert result.errors_total == 120
    assert [p.row for p in result.errors] == list(range(2, 122))
    assert pd.Series([p.value for p in result.errors]).str.startswith("XXX").all()
