"""The `ewp` source: every real EWP file loads with counts matching the file; other releases and damage too."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from r2p.warehouse import Warehouse
from r2p.warehouse.ingest import ingest
from r2p.warehouse.ingest.ewp import recognise
from r2p.warehouse.ingest.reader import header
from r2p.warehouse.queries import query
from tests.helpers.data import require_shared
from tests.helpers.ingest import rejects_of, values_of

BASE = "ewp/basedata2025_4august2025.csv"
FORECASTS = "ewp/final_forecasts_data_3Sep2025.csv"
COMPACT = "ewp/forecasts3Sep2025.csv"
PANEL = "ewp/prepared2024predictors-2025-09-03.csv"
FOOS = "ewp/FOOSforecasts_3Sep2025.csv"
EVENTS = "ewp/EWP mass killing events master list_2025.xlsx"


def _variant(source: str, tmp_path: Path, change: Callable[[pd.DataFrame], pd.DataFrame]) -> Path:
    """A copy of a real file, changed with pandas and written back as text (the R row index kept as "")."""
    frame = pd.read_csv(require_shared(source), dtype=str, keep_default_na=False)
    frame = change(frame.rename(columns={"Unnamed: 0": ""}))
    path = tmp_path / "variant.csv"
    frame.to_csv(path, index=False)
    return path


def test_base_data_loads_every_country_year_and_rejects_the_colliding_historical_units(warehouse: Warehouse) -> None:
    result = ingest(warehouse, "ewp", require_shared(BASE))
    # 11,313 rows; East Germany (41), South Yemen (23) and South Vietnam (22) share a year with the primary
    # unit of DEU / YEM / VNM and are rejected: 86. The other 11,227 rows give 12 indicators each.
    assert (result.status, result.kind, result.rows_read, result.rows_rejected) == ("loaded", "ewp-base", 11313, 86)
    assert result.rows_loaded == 11227 * 12
    rejects = rejects_of(warehouse, result.ingest_id)
    assert rejects["value"].value_counts().to_dict() == {"265": 41, "680": 23, "817": 22}
    south_yemen_1980 = rejects[(rejects["value"] == "680") & rejects["message"].str.contains("1980")]
    assert south_yemen_1980["message"].iloc[0] == (
        "ccode 680 (People's Democratic Republic of Yemen (South Yemen)) is a historical unit folded into YEM,"
        " which has its own row (ccode 678) for 1980; row left out")
    assert values_of(warehouse, "ewp.mk_onset", 2021)["MMR"] == 1.0
    assert values_of(warehouse, "ewp.mk_ongoing_state_led", 2024)["MMR"] == 3.0  # mmr1948s1; mmr2016s1; mmr2021s1
    assert values_of(warehouse, "ewp.mk_ongoing_nonstate_led", 2024)["SDN"] == 1.0  # sdn2023ns1
    assert values_of(warehouse, "ewp.mk_onset", 1945)["CZE"] == 1.0  # Czechoslovakia, no rival unit: kept as CZE


def test_forecasts_give_the_latest_risk_list_of_168_real_countries(warehouse: Warehouse) -> None:
    result = ingest(warehouse, "ewp", require_shared(FORECASTS))
    # 168 countries x 6 risk/rank columns (two-year, one-year, previous two-year), no missing values.
    assert (result.status, result.kind, result.rows_read, result.rows_loaded, result.rows_rejected) == (
        "loaded", "ewp-forecasts", 168, 168 * 6, 0)
    latest = query(warehouse, "read/indicator_values", {"indicator_id": "ewp.risk_2yr", "period": 2024})
    assert len(latest) == 168 and not latest["is_demo"].any()
    assert latest.iloc[0]["iso3"] == "MMR" and latest.iloc[0]["value"] == pytest.approx(0.1041)
    assert values_of(warehouse, "ewp.risk_2yr", 2024)["TCD"] == pytest.approx(0.08121)
    assert values_of(warehouse, "ewp.rank_2yr", 2024)["MMR"] == 1.0  # from the typo'd rank.2025and2026.from2025
    assert values_of(warehouse, "ewp.risk_1yr", 2024)["MMR"] == pytest.approx(0.06319)
    assert values_of(warehouse, "ewp.risk_2yr", 2023)["TCD"] == pytest.approx(0.1277)  # re-estimated 2023 column
    assert values_of(warehouse, "ewp.risk_2yr", 2020) == {}  # real data replaced the indicator's demo series
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        as_of = connection.execute("SELECT as_of FROM ingest WHERE ingest_id = ?", [result.ingest_id]).fetchone()
    assert as_of[0] == date(2025, 9, 3)


def test_the_compact_list_has_no_codes_and_is_joined_by_name_as_the_last_resort(warehouse: Warehouse) -> None:
    result = ingest(warehouse, "ewp", require_shared(COMPACT))
    assert (result.status, result.kind, result.rows_read, result.rows_loaded) == (
        "loaded", "ewp-forecasts-compact", 168, 168 * 2)
    assert values_of(warehouse, "ewp.risk_2yr", 2024)["TCD"] == pytest.approx(0.0812)  # rounded to 4 dp
    assert values_of(warehouse, "ewp.rank_2yr", 2024)["MMR"] == 1.0


def test_the_predictor_panel_loads_one_indicator_per_predictor(warehouse: Warehouse) -> None:
    result = ingest(warehouse, "ewp", require_shared(PANEL))
    # 9,463 rows; East Germany 1960-89 (30), South Yemen 1967-89 (23), South Vietnam 1960-75 (16) rejected.
    # The other 9,394 rows x 31 predictors, less the 86 empty cells of popsize/gdppcgrowth/un_imr_sqrt in them.
    assert (result.status, result.kind, result.rows_read, result.rows_rejected) == (
        "loaded", "ewp-predictors", 9463, 69)
    assert result.rows_loaded == 9394 * 31 - 86
    assert values_of(warehouse, "ewp.popsize_log2", 1960)["USA"] == pytest.approx(27.4287897129285)
    assert values_of(warehouse, "ewp.partyban_new_2", 1960)["USA"] == 1.0
    assert "ewp.reg_na" not in set(query(warehouse, "read/indicators_with_data")["indicator_id"])


def test_out_of_sample_forecasts_are_filed_under_the_outcome_year(warehouse: Warehouse) -> None:
    result = ingest(warehouse, "ewp", require_shared(FOOS))
    # 5,047 rows: maxrisk2, minrank2 and risk_prev are NA in 15 rows, risk_two_years_prior in 183.
    assert (result.status, result.kind, result.rows_read, result.rows_rejected) == ("loaded", "ewp-foos", 5047, 0)
    assert result.rows_loaded == 3 * (5047 - 15) + (5047 - 183)
    assert values_of(warehouse, "ewp.foos_risk_2yr", 1994)["USA"] == pytest.approx(0.0245385212417953)
    # Burma/Myanmar 2024: risk_prev 0.10695 (from 2023 data), risk_two_years_prior 0.16339 (from 2022) = maxrisk2
    assert values_of(warehouse, "ewp.foos_risk_from_prev_year", 2024)["MMR"] == pytest.approx(0.106953890275501)
    assert values_of(warehouse, "ewp.foos_risk_2yr", 2024)["MMR"] == pytest.approx(0.163393, rel=1e-4)


def test_the_events_workbook_counts_episodes_per_country_and_start_year(warehouse: Warehouse) -> None:
    result = ingest(warehouse, "ewp", require_shared(EVENTS))
    # 157 episodes; Zanzibar (511, 1964) and Serbia as 340 in 1998 have no crosswalk country then (rejected for
    # location and responsible state), and bfa2022s1 is state-led without a responsible state: 5 rejects.
    assert (result.status, result.kind, result.rows_read, result.rows_rejected) == (
        "loaded", "ewp-mk-events", 157, 5)
    rejects = rejects_of(warehouse, result.ingest_id)
    assert sorted(zip(rejects["row_number"], rejects["value"], strict=True)) == [
        (38, "511"), (38, "511"), (128, "340"), (128, "340"), (157, "")]
    assert values_of(warehouse, "ewp.mk_episodes_started", 2021)["MMR"] == 1.0
    assert values_of(warehouse, "ewp.mk_episodes_started", 1954)["VNM"] == 2.0  # North and South Vietnam
    assert values_of(warehouse, "ewp.mk_episodes_started_nonstate", 2023)["SDN"] == 1.0
    assert values_of(warehouse, "ewp.mk_responsible_started", 1971)["PAK"] == 1.0  # pak1971s1, in Bangladesh:
    assert values_of(warehouse, "ewp.mk_episodes_started", 1971)["BGD"] == 1.0


@pytest.mark.parametrize("source", [BASE, FORECASTS, COMPACT, PANEL, FOOS, EVENTS])
def test_each_file_kind_is_recognised_from_its_header(source: str) -> None:
    path = require_shared(source)
    assert recognise(header(path), path) is not None


@pytest.mark.parametrize(("source", "looks_like"), [("ewp/inputs/wdi.csv", "wdi"),
                                                    ("ucdp/BattleDeaths_v25_1.csv", "ucdp")])
def test_other_sources_files_are_refused_saying_what_they_look_like(
    warehouse: Warehouse, source: str, looks_like: str
) -> None:
    before = warehouse.path.read_bytes()
    result = ingest(warehouse, "ewp", require_shared(source))
    assert result.status == "refused" and len(result.errors) == 1
    assert looks_like in str(result.errors[0]).lower() and "not an early warning project file" in str(
        result.errors[0]).lower()
    assert recognise(header(require_shared(source)), require_shared(source)) is None
    assert warehouse.path.read_bytes() == before


def _shift_years(name: str) -> str:
    """risk.2025and2026.from2024 -> risk.2024and2025.from2023: the same columns one release earlier."""
    return re.sub(r"\d{4}", lambda m: str(int(m[0]) - 1), name) if re.match(r"(risk|rank)", name) else name


def _risk_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c.startswith("risk.")]


def test_an_earlier_release_loads_under_its_own_years(warehouse: Warehouse, tmp_path: Path) -> None:
    path = _variant(FORECASTS, tmp_path, lambda f: f.rename(columns=_shift_years))
    result = ingest(warehouse, "ewp", path)
    assert (result.status, result.rows_loaded) == ("loaded", 168 * 6)
    assert values_of(warehouse, "ewp.risk_2yr", 2023)["MMR"] == pytest.approx(0.1041)  # headline from2023
    assert values_of(warehouse, "ewp.risk_2yr", 2022)["TCD"] == pytest.approx(0.1277)
    assert values_of(warehouse, "ewp.risk_2yr", 2024) == {}


@pytest.mark.parametrize("change", [
    pytest.param(lambda f: f[list(reversed(f.columns))], id="reordered-columns"),
    pytest.param(lambda f: f.rename(columns={"ewp_name": "country_name"}), id="renamed-name-column"),
    pytest.param(lambda f: f.assign(**{c: f[c].astype(float).map("{:.6e}".format) for c in _risk_columns(f)}),
                 id="scientific-notation"),
])
def test_other_layouts_of_the_forecasts_load_the_same_values(
    warehouse: Warehouse, tmp_path: Path, change: Callable[[pd.DataFrame], pd.DataFrame]
) -> None:
    result = ingest(warehouse, "ewp", _variant(FORECASTS, tmp_path, change))
    assert (result.status, result.rows_loaded) == ("loaded", 168 * 6)
    risks = values_of(warehouse, "ewp.risk_2yr", 2024)
    assert len(risks) == 168 and risks["MMR"] == pytest.approx(0.1041) and risks["TCD"] == pytest.approx(0.08121)


def test_the_one_year_risk_is_optional(warehouse: Warehouse, tmp_path: Path) -> None:
    path = _variant(FORECASTS, tmp_path, lambda f: f.drop(columns=[c for c in f.columns if "only" in c]))
    result = ingest(warehouse, "ewp", path)
    assert (result.status, result.rows_loaded) == ("loaded", 168 * 4)
    assert query(warehouse, "read/indicator_values", {"indicator_id": "ewp.risk_1yr", "period": 2024})["is_demo"].all()


def test_the_compact_list_accepts_another_name_column(warehouse: Warehouse, tmp_path: Path) -> None:
    path = _variant(COMPACT, tmp_path, lambda f: f.rename(columns={"ewp_name": "country_name"}))
    assert (ingest(warehouse, "ewp", path).rows_loaded, values_of(warehouse, "ewp.rank_2yr", 2024)["TCD"]) == (336, 2)


@pytest.mark.parametrize(("change", "message", "column"), [
    (lambda f: f.drop(columns=["ccode"]), "lacks the required column ccode", "ccode"),
    (lambda f: f.drop(columns=_risk_columns(f)), "has no risk column", None),
])
def test_forecasts_missing_a_required_column_are_refused_saying_which(
    warehouse: Warehouse, tmp_path: Path, change: Callable[[pd.DataFrame], pd.DataFrame], message: str,
    column: str | None,
) -> None:
    before = warehouse.path.read_bytes()
    result = ingest(warehouse, "ewp", _variant(FORECASTS, tmp_path, change))
    assert result.status == "refused" and [(p.row, p.column) for p in result.errors] == [(1, column)]
    assert message in result.errors[0].message
    assert warehouse.path.read_bytes() == before


def test_a_panel_without_ccode_is_refused(warehouse: Warehouse, tmp_path: Path) -> None:
    result = ingest(warehouse, "ewp", _variant(PANEL, tmp_path, lambda f: f.head(50).drop(columns=["ccode"])))
    assert result.status == "refused" and "lacks the required column(s) ccode" in str(result.errors[0])


def test_fwrite_style_out_of_sample_forecasts_load_like_the_original(warehouse: Warehouse, tmp_path: Path) -> None:
    """No row-index column, missing values as empty fields instead of NA, columns in another order."""
    def fwrite(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.drop(columns=[""]).replace("NA", "")[["ccode", "year", *frame.columns[5:], "ewp_name"]]

    result = ingest(warehouse, "ewp", _variant(FOOS, tmp_path, fwrite))
    assert (result.status, result.rows_loaded) == ("loaded", 3 * (5047 - 15) + (5047 - 183))


def test_unreadable_and_out_of_range_risks_refuse_the_file_with_their_cells(
    warehouse: Warehouse, tmp_path: Path
) -> None:
    def spoil(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[1, "risk.2025and2026.from2024"] = "high"
        frame.loc[2, "risk.2025only.from2024"] = "1.5"
        return frame

    result = ingest(warehouse, "ewp", _variant(FORECASTS, tmp_path, spoil))
    assert result.status == "refused"
    assert {(p.row, p.column, p.value) for p in result.errors} == {
        (3, "risk.2025and2026.from2024", "high"), (4, "risk.2025only.from2024", "1.5")}


@pytest.mark.parametrize("source", [BASE, FORECASTS, COMPACT, PANEL, FOOS])
def test_a_file_cut_mid_line_is_refused_whole(warehouse: Warehouse, tmp_path: Path, source: str) -> None:
    data = require_shared(source).read_bytes()
    cut = data.rindex(b"\n", 0, len(data) * 2 // 3) + 12  # a dozen bytes into a line
    path = tmp_path / Path(source).name
    path.write_bytes(data[:cut])
    before = warehouse.path.read_bytes()
    result = ingest(warehouse, "ewp", path)
    assert result.status == "refused"
    assert re.search(r"cut short|truncated|well-formed", str(result.errors[0]))
    assert result.errors[0].row == data[:cut].count(b"\n") + 1  # the last, partial line
    assert warehouse.path.read_bytes() == before


def test_a_truncated_workbook_is_refused_whole(warehouse: Warehouse, tmp_path: Path) -> None:
    data = require_shared(EVENTS).read_bytes()
    path = tmp_path / "events.xlsx"
    path.write_bytes(data[: len(data) // 2])
    before = warehouse.path.read_bytes()
    result = ingest(warehouse, "ewp", path)
    assert result.status == "refused" and "not a readable .xlsx workbook" in str(result.errors[0])
    assert warehouse.path.read_bytes() == before


def _workbook_variant(tmp_path: Path, cells: dict[str, str]) -> Path:
    """The real workbook with the episode sheet moved off the front and some cells changed."""
    book = openpyxl.load_workbook(require_shared(EVENTS))
    for cell, value in cells.items():
        book["mk_events"][cell] = value
    book.move_sheet("mk_events", offset=3)
    path = tmp_path / "events.xlsx"
    book.save(path)
    return path


def test_the_episode_sheet_is_found_by_name_and_its_headers_by_meaning(warehouse: Warehouse, tmp_path: Path) -> None:
    result = ingest(warehouse, "ewp", _workbook_variant(tmp_path, {"D1": "Start Year "}))
    assert (result.status, result.rows_read, result.rows_loaded, result.rows_rejected) == ("loaded", 157, 290, 5)


def test_damaged_episodes_refuse_the_workbook_with_each_cell_located(warehouse: Warehouse, tmp_path: Path) -> None:
    path = _workbook_variant(tmp_path, {"G3": "State led", "F4": "pol1945ns3", "E5": "1900", "D6": "19x5",
                                        "F7": "pol1945s1"})
    result = ingest(warehouse, "ewp", path)
    assert result.status == "refused"
    assert [(p.row, p.column, p.value) for p in result.errors] == [
        (3, "State-Led or Non-State-Led", "State led"), (4, "mk_event_code", "pol1945ns3"), (5, "endyear", "1900"),
        (6, "startyear", "19x5"), (7, "mk_event_code", "pol1945s1")]


@pytest.mark.parametrize(("name", "published"), [(BASE, date(2025, 8, 4)), (FOOS, date(2025, 9, 3)),
                                                 (EVENTS, None)])
def test_the_release_and_its_publication_date_come_from_ewps_file_names(warehouse: Warehouse, name: str,
                                                                        published: date | None) -> None:
    result = ingest(warehouse, "ewp", require_shared(name))
    assert (result.release, result.published) == ("EWP 2025", published)
