"""Events from Parquet (R2P_EVENTS_PARQUET): every event query reads the files, and nothing writes events."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from r2p.access.rights import command_line_user
from r2p.convening.drafting import event_windows
from r2p.ops.build import ingest_and_score
from r2p.read import explore, profile
from r2p.warehouse import Warehouse, WarehouseError
from r2p.warehouse.parquet_events import export_events
from r2p.warehouse.queries import query
from tests.helpers.data import FIXED_TODAY, ROOT
from tests.helpers.warehouses import contents

SINCE = date(2024, 1, 1)
UCDP_SAMPLE = ROOT / "tests" / "fixtures" / "ucdp" / "GEDEvent_v23_1_CAR_sample.csv"


@pytest.fixture
def exported(warehouse: Warehouse, tmp_path: Path) -> Path:
    """The demo warehouse's events written as Parquet, one folder per year."""
    folder = tmp_path / "events"
    cursor = warehouse.reader().cursor()
    try:
        export_events(cursor, folder, "year")
    finally:
        cursor.close()
    return folder


def latest_event(warehouse: Warehouse) -> tuple[str, str]:
    """(iso3, event_id) of the newest event in the table: removing it must move every answer."""
    cursor = warehouse.reader().cursor()
    try:
        newest = "SELECT iso3, event_id FROM event ORDER BY event_date DESC, event_id LIMIT 1"
        return cursor.execute(newest).fetchall()[0]
    finally:
        cursor.close()


def without_event(exported: Path, event_id: str, out: Path) -> Path:
    """One Parquet file holding every exported event but one."""
    with duckdb.connect() as connection:
        connection.execute("COPY (SELECT * FROM read_parquet($files, hive_partitioning = true) WHERE event_id <> $id)"
                           " TO $out (FORMAT parquet)",
                           {"files": str(exported / "**" / "*.parquet"), "id": event_id, "out": str(out)})
    return out


def event_answers(warehouse: Warehouse, iso3: str) -> dict[str, pd.DataFrame]:
    """What the pages, the briefing pack, the trigger rules and the sidebar ask about events."""
    spikes = query(warehouse, "read/event_deaths")
    return {
        "recent_events": profile.recent_events(warehouse, iso3),
        "latest_event_date": profile.latest_event_date(warehouse),
        "brief_events": event_windows(warehouse, iso3, SINCE, FIXED_TODAY),
        "events_for_spikes": spikes.sort_values(list(spikes.columns)).reset_index(drop=True),
        "data_sources": explore.data_sources(warehouse),
        "source_coverage": explore.source_coverage(warehouse, FIXED_TODAY.year),
    }


def test_every_event_query_gives_the_same_frame_from_parquet_as_from_the_table(
        warehouse: Warehouse, exported: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    iso3, _ = latest_event(warehouse)
    from_table = event_answers(warehouse, iso3)
    assert len(from_table["recent_events"]) > 0 and from_table["brief_events"].at[0, "events"] > 0
    monkeypatch.setenv("R2P_EVENTS_PARQUET", str(exported))
    from_parquet = event_answers(warehouse, iso3)
    for name, frame in from_table.items():
        pd.testing.assert_frame_equal(from_parquet[name], frame, obj=name)


def test_the_parquet_is_what_is_read_an_event_left_out_there_is_gone_everywhere(
        warehouse: Warehouse, exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    iso3, removed = latest_event(warehouse)
    before = event_answers(warehouse, iso3)
    monkeypatch.setenv("R2P_EVENTS_PARQUET", str(without_event(exported, removed, tmp_path / "minus-one.parquet")))
    after = event_answers(warehouse, iso3)
    assert removed in set(before["recent_events"]["event_id"])
    assert set(after["recent_events"]["event_id"]) <= set(before["recent_events"]["event_id"]) - {removed}
    assert after["brief_events"].at[0, "events"] == before["brief_events"].at[0, "events"] - 1
    assert len(after["events_for_spikes"]) == len(before["events_for_spikes"]) - 1
    assert after["data_sources"]["events"].sum() == before["data_sources"]["events"].sum() - 1
    # The warehouse's own table still holds the event: only the reads moved.
    monkeypatch.delenv("R2P_EVENTS_PARQUET")
    assert removed in set(profile.recent_events(warehouse, iso3)["event_id"])


def test_changing_the_files_in_place_changes_the_version_token_and_the_answers(
        warehouse: Warehouse, exported: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("R2P_EVENTS_PARQUET", str(exported))
    token, spikes = warehouse.version_token(), query(warehouse, "read/event_deaths")
    first_year = sorted(exported.iterdir())[0]
    in_first_year = (spikes["event_date"].dt.year == int(first_year.name.split("=")[1])).sum()
    assert in_first_year > 0
    shutil.rmtree(first_year)
    assert warehouse.version_token() != token
    assert len(query(warehouse, "read/event_deaths")) == len(spikes) - in_first_year


def test_an_event_ingest_is_refused_while_events_are_read_from_parquet(
        warehouse: Warehouse, exported: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("R2P_EVENTS_PARQUET", str(exported))
    before = contents(warehouse.path)
    result = ingest_and_score(warehouse, "ucdp", UCDP_SAMPLE, user=command_line_user())
    assert result.status == "refused"
    assert [str(problem) for problem in result.errors] == [
        f"{UCDP_SAMPLE.name}: events are read from Parquet at {exported}; ingest them there or unset"
        " R2P_EVENTS_PARQUET"]
    assert contents(warehouse.path) == before


def test_missing_parquet_files_give_a_clear_error(warehouse: Warehouse, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("R2P_EVENTS_PARQUET", str(tmp_path / "nothing-here" / "*.parquet"))
    with pytest.raises(WarehouseError, match=r"Cannot read the events in R2P_EVENTS_PARQUET=.*nothing-here.*No files"):
        profile.latest_event_date(warehouse)


def test_object_storage_without_httpfs_says_how_to_install_it(warehouse: Warehouse,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("R2P_EVENTS_PARQUET", "s3://r2p-watch-test/events/*.parquet")
    with pytest.raises(WarehouseError, match="R2P_EVENTS_PARQUET=s3://r2p-watch-test/events") as raised:
        profile.latest_event_date(warehouse)
    with duckdb.connect() as probe:
        installed = probe.execute("SELECT installed FROM duckdb_extensions() WHERE extension_name = 'httpfs'")
        if not installed.fetchall()[0][0]:
            assert "`INSTALL httpfs`" in str(raised.value)


def test_export_partitions_by_country_and_refuses_a_folder_in_use(warehouse: Warehouse, tmp_path: Path) -> None:
    cursor = warehouse.reader().cursor()
    try:
        written = export_events(cursor, tmp_path / "by-country", "iso3")
        held = cursor.execute("SELECT count(*), count(DISTINCT iso3) FROM event").fetchall()[0]
        with pytest.raises(WarehouseError, match="not empty"):
            export_events(cursor, tmp_path / "by-country", "iso3")
        with pytest.raises(WarehouseError, match="Cannot partition events by 'admin1'"):
            export_events(cursor, tmp_path / "other", "admin1")
    finally:
        cursor.close()
    assert written == held[0]
    assert len(list((tmp_path / "by-country").glob("iso3=*"))) == held[1]


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/country.py"])
def test_pages_run_with_events_from_parquet(warehouse: Warehouse, exported: Path, page: str, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    iso3, removed = latest_event(warehouse)
    in_table = len(profile.recent_events(warehouse, iso3))
    monkeypatch.setenv("R2P_EVENTS_PARQUET", str(without_event(exported, removed, tmp_path / "minus-one.parquet")))
    in_parquet = len(profile.recent_events(warehouse, iso3))
    assert in_parquet < in_table
    # The Country page's window: the 12 months to the country's last event in or before the chosen year (2025)
    until = profile.last_country_event(warehouse, iso3, 2025)["last_date"].iloc[0]
    on_page = len(profile.country_events(warehouse, iso3, until))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update({"country": iso3, "period": "2025", "indicator": "ewp.risk_2yr"})
    app.run().switch_page(page).run()
    assert not app.exception, app.exception
    if page == "pages/country.py":  # the map shows the Parquet's events, not the table's
        figure = json.loads(next(c for c in app.get("plotly_chart") if c.key == "country_events").proto.spec)
        dots = [trace for trace in figure["data"] if trace["type"] == "scattermap"]
        assert sum(len(trace["customdata"]) for trace in dots) == on_page
