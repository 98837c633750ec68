"""Release vintages: an older release loaded after a newer one changes no current value and is kept to query."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from r2p.access.rights import command_line_user
from r2p.ops.build import ingest_and_score, initialise
from r2p.read.releases import release_values, releases_held
from r2p.warehouse import Warehouse
from r2p.warehouse.ingest import ingest
from r2p.warehouse.releases import UNKNOWN, release_from_name, stated_release
from tests.helpers.cli import r2p
from tests.helpers.data import FIXED_TODAY, require_shared
from tests.helpers.ingest import refusal, sql_rows, values_of
from tests.helpers.warehouses import copy_of, old_warehouse

BASE_2025 = "ewp/basedata2025_4august2025.csv"
IN_FORCE = "EWP 2025, published 2025-08-04"
# NOTE: rounded: every ingest recomputes the scores, and the order DuckDB reads values in moves the last bits.
SCORES = ("SELECT iso3, period, method_version, round(score, 9), tier, round(coverage, 9) FROM risk_score"
          " ORDER BY ALL")
# What the tester's older release said: Sudan's mass killing "ongoing" in 2020 and 2022 (EWP 2025 says not).
CHANGED = {("Sudan", "2020"), ("Sudan", "2022")}


@pytest.fixture(scope="module")
def template_with_2025(template_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo warehouse with EWP's real 2025 base data loaded, built once for this file. Copy it to write."""
    built = copy_of(template_warehouse, tmp_path_factory.mktemp("with-2025") / "r2p.duckdb")
    assert ingest_and_score(built, "ewp", require_shared(BASE_2025), user=command_line_user()).status == "loaded"
    return Path(built.location)


@pytest.fixture
def warehouse_2025(template_with_2025: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Warehouse:
    """A private copy of the demo warehouse with EWP's 2025 base data loaded, set as R2P_DB for the test."""
    copied = copy_of(template_with_2025, tmp_path / "r2p.duckdb")
    monkeypatch.setenv("R2P_DB", copied.location)
    return copied


def _older_release(tmp_path: Path, name: str = "basedata2023_10august2023.csv") -> Path:
    """The real 2025 base data under a 2023 release's name, with Sudan's 2020 and 2022 changed."""
    with require_shared(BASE_2025).open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    for row in rows[1:]:
        if (row[header.index("country")], row[header.index("year")]) in CHANGED:
            row[header.index("mk_ongoing")] = "1"
            row[header.index("mk_ongoing_count")] = "1"
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return path


def _ingest(path: Path, *options: str) -> tuple[dict, str]:
    result = r2p("ingest", "ewp", str(path), "--json", *options)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


def _sudan(warehouse: Warehouse) -> list[float]:
    return [values_of(warehouse, "ewp.mk_ongoing", year)["SDN"] for year in (2020, 2021, 2022)]


@pytest.mark.parametrize(("source", "name", "label", "version", "published"), [
    ("ewp", "basedata2025_4august2025.csv", "EWP 2025", (2025,), date(2025, 8, 4)),
    ("ewp", "FOOSforecasts_3Sep2025.csv", "EWP 2025", (2025,), date(2025, 9, 3)),
    ("ewp", "final_forecasts_data_3Sep2025.csv", "EWP 2025", (2025,), date(2025, 9, 3)),
    ("ewp", "prepared2024predictors-2025-09-03.csv", "EWP 2025", (2025,), date(2025, 9, 3)),
    ("ewp", "prepared2023predictors.csv", "EWP 2024", (2024,), None),  # 2023 data, 2024 assessment
    ("ewp", "EWP mass killing events master list_2025.xlsx", "EWP 2025", (2025,), None),
    ("ucdp", "BattleDeaths_v25_1.csv", "UCDP BRD 25.1", (25, 1), None),
    ("ucdp", "ucdp-brd-dyadic-251.csv", "UCDP BRD 25.1", (25, 1), None),
    ("ucdp", "GEDEvent_v23_1_CAR.geojson", "UCDP GED 23.1", (23, 1), None),
    ("ucdp", "GEDEvent_v25_0_9.csv", "UCDP GED Candidate 25.0.9", (25, 0, 9), None),
    ("vdem", "V-Dem-CY-Full+Others-v15.csv", "V-Dem v15", (15,), None),
])
def test_the_release_is_read_from_the_publishers_file_names(source: str, name: str, label: str,
                                                            version: tuple[int, ...], published: date | None) -> None:
    found = release_from_name(source, name)
    assert (found.label, found.version, found.published, found.stated_by) == (label, version, published, "file name")


@pytest.mark.parametrize(("source", "name"), [("ewp", "basedata.csv"), ("vdem", "ert.csv"), ("wdi", "WDICSV.csv"),
                                              ("table", "my_2023_data.csv"), ("acled", "acled_export.csv")])
def test_a_name_that_does_not_say_gives_no_release(source: str, name: str) -> None:
    assert release_from_name(source, name) is None
    assert str(UNKNOWN) == "unknown release"


def test_a_stated_release_is_ordered_by_its_numbers() -> None:
    stated = stated_release("UCDP BRD 24.1", date(2024, 6, 1))
    assert (stated.version, str(stated), stated.stated_by) == ((24, 1), "UCDP BRD 24.1, published 2024-06-01", "user")
    with pytest.raises(ValueError, match="cannot be empty"):
        stated_release("  ")


def test_an_older_release_after_a_newer_one_changes_no_current_value(warehouse_2025: Warehouse, tmp_path: Path) -> None:
    sudan, scores = _sudan(warehouse_2025), sql_rows(warehouse_2025, SCORES)
    assert sudan == [0.0, 0.0, 0.0]

    outcome, message = _ingest(_older_release(tmp_path))

    assert outcome["status"] == "loaded" and outcome["release"] == "EWP 2023"
    assert outcome["published"] == "2023-08-10" and outcome["release_in_force"] == IN_FORCE
    assert outcome["held_back"] == outcome["rows_loaded"] > 0
    assert "Release: EWP 2023, published 2023-08-10." in message
    assert (f"Kept as a vintage only: {outcome['held_back']} value(s); the newer release {IN_FORCE} is in force,"
            " so their current values are unchanged.") in message
    assert _sudan(warehouse_2025) == sudan
    assert sql_rows(warehouse_2025, SCORES) == scores  # no tier score moved either
    said = release_values(warehouse_2025, "ewp", "EWP 2023", "SDN", ["ewp.mk_ongoing"]).set_index("period")
    assert said.loc[[2020, 2021, 2022], "value"].tolist() == [1.0, 0.0, 1.0]
    assert not said["is_current"].any()


def test_a_newer_release_after_an_older_one_replaces_current_values(warehouse: Warehouse, tmp_path: Path) -> None:
    _ingest(_older_release(tmp_path))
    assert _sudan(warehouse) == [1.0, 0.0, 1.0]
    older_scores = sql_rows(warehouse, SCORES)

    outcome, message = _ingest(require_shared(BASE_2025))

    assert outcome["held_back"] == 0 and outcome["release_in_force"] is None
    assert "Kept as a vintage" not in message
    assert _sudan(warehouse) == [0.0, 0.0, 0.0]
    assert sql_rows(warehouse, SCORES) != older_scores  # the tiers follow the release in force
    said = release_values(warehouse, "ewp", "EWP 2023", "SDN", ["ewp.mk_ongoing"]).set_index("period")
    assert said.loc[[2020, 2022], "value"].tolist() == [1.0, 1.0]  # the replaced values stay as a vintage
    held = releases_held(warehouse, "ewp")
    assert held["release"].tolist() == ["EWP 2025", "EWP 2023"] and held["in_force"].tolist() == [True, False]


def test_an_unknown_release_never_replaces_a_known_one_until_it_is_stated(warehouse_2025: Warehouse,
                                                                          tmp_path: Path) -> None:
    unnamed = _older_release(tmp_path, "basedata.csv")

    outcome, message = _ingest(unnamed)
    assert outcome["release"] is None and outcome["release_in_force"] == IN_FORCE
    assert "Release: unknown (state it with --release)." in message
    assert _sudan(warehouse_2025) == [0.0, 0.0, 0.0]

    outcome, _ = _ingest(unnamed, "--release", "EWP 2026", "--published", "2026-08-01")  # the same file, stated
    assert (outcome["release"], outcome["published"], outcome["held_back"]) == ("EWP 2026", "2026-08-01", 0)
    assert _sudan(warehouse_2025) == [1.0, 0.0, 1.0]


def test_status_lists_each_sources_releases_and_dates_from_the_release_in_force(warehouse_2025: Warehouse,
                                                                                tmp_path: Path) -> None:
    _ingest(_older_release(tmp_path))

    shown = r2p("status")
    report = json.loads(r2p("status", "--json").stdout)

    assert shown.returncode == 0, shown.stderr
    assert "releases: EWP 2025, published 2025-08-04 (in force: " in shown.stdout
    assert "; EWP 2023, published 2023-08-10 (vintage: 0 current, " in shown.stdout
    (ewp,) = [row for row in report["sources"] if row["source_id"] == "ewp"]
    assert [(r["release"], r["in_force"]) for r in ewp["releases"]] == [("EWP 2025", True), ("EWP 2023", False)]
    assert ewp["as_of"] == "2025-08-04"
    assert "  as of 2025-08-04  loaded " in shown.stdout  # a date, not a midnight timestamp


def test_the_releases_command_shows_what_a_vintage_said(warehouse_2025: Warehouse, tmp_path: Path) -> None:
    _ingest(_older_release(tmp_path))

    listed = r2p("releases", "ewp", "--format", "json")
    said = r2p("releases", "ewp", "--release", "EWP 2023", "--country", "sdn", "--indicator", "ewp.mk_ongoing",
               "--format", "json")
    missing = r2p("releases", "ewp", "--release", "EWP 1999")

    assert [row["release"] for row in json.loads(listed.stdout)] == ["EWP 2025", "EWP 2023"]
    values = {row["period"]: row["value"] for row in json.loads(said.stdout)}
    assert (values[2020], values[2021], values[2022]) == (1.0, 0.0, 1.0)
    assert missing.returncode == 2
    assert "ewp holds no values of release 'EWP 1999' (releases held: EWP 2025, EWP 2023)" in missing.stderr


def test_a_refused_older_release_leaves_the_warehouse_as_it_was(warehouse_2025: Warehouse, tmp_path: Path) -> None:
    damaged = _older_release(tmp_path)
    damaged.write_text(damaged.read_text(encoding="utf-8")[:-40], encoding="utf-8")  # cut mid-row

    (problem,) = refusal(warehouse_2025, "ewp", damaged)  # and the warehouse_2025 is byte for byte as before
    assert "file cut short or damaged?" in problem


def test_an_older_ucdp_ged_release_keeps_the_newer_events(warehouse: Warehouse, tmp_path: Path) -> None:
    newer = require_shared("ucdp/GEDEvent_v23_1_CAR.geojson")
    older = tmp_path / "GEDEvent_v22_1_CAR.geojson"
    collection = json.loads(newer.read_text(encoding="utf-8"))
    collection["features"][0]["properties"]["best"] += 100  # what the older release said of one event
    older.write_text(json.dumps(collection), encoding="utf-8")
    assert r2p("ingest", "ucdp", str(newer)).returncode == 0
    events = sql_rows(warehouse, "SELECT * FROM event ORDER BY event_id")

    outcome = json.loads(r2p("ingest", "ucdp", str(older), "--json").stdout.strip().splitlines()[-1])

    assert outcome["release"] == "UCDP GED 22.1" and outcome["release_in_force"] == "UCDP GED 23.1"
    assert sql_rows(warehouse, "SELECT * FROM event ORDER BY event_id") == events
    assert sql_rows(warehouse, "SELECT count(*) FROM event_vintage")[0][0] == len(events)
    first = collection["features"][0]["properties"]
    assert sql_rows(warehouse, f"SELECT deaths_best FROM event_vintage WHERE event_id = 'ucdp-ged-{first['id']}'") == [
        (first["best"],)]


def test_an_older_warehouse_upgrades_and_learns_its_loads_releases(tmp_path: Path) -> None:
    path = old_warehouse(tmp_path / "old.duckdb", 6, "ewp", "ewp-base", "basedata2025_4august2025.csv",
                         ("SDN", "ewp.mk_ongoing", 2020, 0.0))

    upgraded = Warehouse(str(path))
    initialise(upgraded, today=FIXED_TODAY)

    with duckdb.connect(str(upgraded.current_file()), read_only=True) as connection:
        assert connection.execute("SELECT release, version, published, stated_by FROM ingest_release").fetchall() == [
            ("EWP 2025", [2025], date(2025, 8, 4), "file name")]
    # So the tester's older release, loaded into the upgraded warehouse, changes nothing the old version loaded.
    assert ingest(upgraded, "ewp", _older_release(tmp_path)).release_in_force == IN_FORCE
    assert values_of(upgraded, "ewp.mk_ongoing", 2020)["SDN"] == 0.0


def test_a_vintages_tiers_are_recomputed_from_its_values_without_touching_the_stored_ones(
        warehouse_2025: Warehouse, tmp_path: Path) -> None:
    _ingest(_older_release(tmp_path))
    scores = sql_rows(warehouse_2025, SCORES)
    now = dict(sql_rows(warehouse_2025, "SELECT period, score FROM risk_score"
                                   " WHERE iso3 = 'SDN' AND method_version = 'composite-1' AND period = 2022"))

    shown = r2p("releases", "ewp", "--release", "EWP 2023", "--tiers", "--method", "composite", "--period", "2022",
                "--format", "json")

    assert shown.returncode == 0, shown.stderr
    then = {row["iso3"]: row for row in json.loads(shown.stdout)}
    assert then["SDN"]["period"] == 2022 and then["SDN"]["score"] > now[2022]  # the 2023 release had it ongoing
    assert sql_rows(warehouse_2025, SCORES) == scores
