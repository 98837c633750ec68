"""Table export: the CSV is the frame and nothing else; the XLSX adds an About sheet; names say DEMO."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pandas as pd
from openpyxl import load_workbook

from r2p.exports.files import filename, slug
from r2p.exports.tables import ABOUT_SHEET, DATA_SHEET, TableMeta, table_csv, table_xlsx
from r2p.provenance import Provenance

SHOWN = pd.DataFrame({"iso3": ["SDN", "CIV"], "name": ["Sudan", "Côte d'Ivoire"], "score": [6.25, None],
                      "tier": ["Very high", "Insufficient data"], "risk_factors": [[1, 2], [7]],
                      "rank": [1, 2]})
HEADERS = ["ISO3", "Name", "Score", "Model tier", "Risk factors", "Rank"]  # r2p.exports.labels.header of each
META = TableMeta(title="Top risk, 2025 (composite-1)",
                 provenance=Provenance("R2P Watch demo data", "2025-12-31", "composite-1", is_demo=True),
                 filters={"period": 2025, "tiers": ["Very high", "Insufficient data"]}, marking="OFFICIAL USE ONLY",
                 generated_at=datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


def test_the_csv_is_only_the_table_and_reads_back_as_shown() -> None:
    data = table_csv(SHOWN)
    lines = data.decode("utf-8").splitlines()
    assert lines[0] == ",".join(HEADERS)  # headed for people; no comment or marking line before the header
    assert len(lines) == 1 + len(SHOWN) and "DEMO" not in data.decode() and "OFFICIAL" not in data.decode()
    back = pd.read_csv(io.BytesIO(data)).set_axis(SHOWN.columns, axis=1)
    assert back["name"].tolist() == ["Sudan", "Côte d'Ivoire"] and back["risk_factors"].tolist() == ["1; 2", "7"]
    assert back["score"].iloc[0] == 6.25 and pd.isna(back["score"].iloc[1])


def test_the_xlsx_data_sheet_is_the_shown_frame_and_about_says_where_it_comes_from() -> None:
    workbook = load_workbook(io.BytesIO(table_xlsx(SHOWN, META)))
    assert workbook.sheetnames == [DATA_SHEET, ABOUT_SHEET]
    rows = list(workbook[DATA_SHEET].iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert [list(r) for r in rows[1:]] == [["SDN", "Sudan", 6.25, "Very high", "1; 2", 1],
                                           ["CIV", "Côte d'Ivoire", None, "Insufficient data", "7", 2]]
    about = dict(list(workbook[ABOUT_SHEET].iter_rows(values_only=True))[1:])
    assert about["Title"] == "Top risk, 2025 (composite-1)" and about["Sources"] == "R2P Watch demo data"
    assert about["Data as of"] == "2025-12-31" and about["Tier method"] == "composite-1"
    assert about["Filter: period"] == "2025" and about["Filter: tiers"] == "Very high; Insufficient data"
    assert about["Handling marking"] == "OFFICIAL USE ONLY" and about["DEMO"].startswith("DEMO — synthetic data")
    assert about["Generated at"] == "2026-11-23 09:00 UTC" and about["Rows"] == "2"
    assert workbook[DATA_SHEET].oddHeader.center.text == "OFFICIAL USE ONLY"


def test_read_back_with_pandas_the_data_sheet_equals_the_frame() -> None:
    plain = SHOWN.assign(risk_factors=["1; 2", "7"]).set_axis(HEADERS, axis=1)
    back = pd.read_excel(io.BytesIO(table_xlsx(SHOWN, META)), sheet_name=DATA_SHEET)
    pd.testing.assert_frame_equal(back, plain, check_dtype=False)


def test_real_data_says_so_and_no_filters_is_stated() -> None:
    meta = TableMeta(title="Loads", marking="UNCLASSIFIED")
    about = dict(list(load_workbook(io.BytesIO(table_xlsx(SHOWN, meta)))[ABOUT_SHEET].iter_rows(values_only=True)))
    assert about["DEMO"] == "No: no demo data in this table" and about["Filters"] == "none"


def test_times_with_a_zone_are_written_in_utc() -> None:
    loads = pd.DataFrame({"loaded": pd.to_datetime(["2026-11-23 10:00"]).tz_localize("Europe/Paris")})
    assert table_csv(loads).decode().splitlines()[1] == "2026-11-23 09:00:00"
    cell = load_workbook(io.BytesIO(table_xlsx(loads, META)))[DATA_SHEET]["A2"].value
    assert cell == datetime(2026, 11, 23, 9, 0)


def test_file_names_say_demo_and_are_plain_ascii() -> None:
    assert filename("r2p-Top risk, 2025 (composite-1)", "csv", True) == "r2p-top-risk-2025-composite-1-DEMO.csv"
    assert filename("Côte d'Ivoire → tiers", "xlsx", False) == "cote-d-ivoire-tiers.xlsx"
    assert slug("—") == "export"


def test_headers_people_read_replace_raw_ids_and_names_already_for_people_stay() -> None:
    shown = pd.DataFrame({"source_id": ["ucdp"], "is_demo": [False], "factor_name": ["x"], "method_version": ["c-1"],
                          "stale_share": [0.5], "rows_read": [3], "Suggested invitee": ["UN Security Council"]})
    header = table_csv(shown).decode("utf-8").splitlines()[0]
    assert header == ("Source,Demo data,Risk factor (UN Framework),Tier method,Stale share,Rows read,"
                      "Suggested invitee")
