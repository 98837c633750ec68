"""`r2p events export-parquet DIR`: the events land as partitioned Parquet that R2P_EVENTS_PARQUET reads back."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from r2p.read import profile
from r2p.warehouse import Warehouse
from r2p.warehouse.queries import query
from tests.helpers.cli import r2p


def events(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return r2p("events", *args, env=env)


def test_export_writes_one_folder_per_year_and_reads_back_the_same(warehouse: Warehouse, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    spikes, latest = query(warehouse, "read/event_deaths"), profile.latest_event_date(warehouse)
    held = int(warehouse.reader().cursor().execute("SELECT count(*) FROM event").fetchall()[0][0])
    result = events("export-parquet", str(tmp_path / "events"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (f"Wrote {held} events from {warehouse.path} to {tmp_path / 'events'}"
                                     " (partitioned by year).")
    years = {f"year={year}" for year in spikes["event_date"].dt.year.unique()}
    assert {folder.name for folder in (tmp_path / "events").iterdir()} == years
    monkeypatch.setenv("R2P_EVENTS_PARQUET", str(tmp_path / "events"))
    assert len(query(warehouse, "read/event_deaths")) == len(spikes)
    assert profile.latest_event_date(warehouse).equals(latest)
    status = r2p("status")
    assert status.returncode == 0, status.stderr
    assert f"Events: read from Parquet at {tmp_path / 'events'} (R2P_EVENTS_PARQUET)" in status.stdout.splitlines()
    assert f"{held} events" in status.stdout


def test_export_refuses_a_folder_that_is_not_empty_and_an_unknown_partition(warehouse: Warehouse,
                                                                           tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("keep me")
    refused = events("export-parquet", str(tmp_path / "busy"))
    assert refused.returncode == 2
    assert "is not empty; export events into a new or empty directory" in refused.stderr
    assert [p.name for p in (tmp_path / "busy").iterdir()] == ["notes.txt"]
    unknown = events("export-parquet", str(tmp_path / "new"), "--partition-by", "admin1")
    assert unknown.returncode == 2
    assert "Cannot partition events by 'admin1'; choose one of: year, iso3, source_id." in unknown.stderr
    assert not (tmp_path / "new").exists()
