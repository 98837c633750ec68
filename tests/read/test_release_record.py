"""What each EWP release's list said and what followed: each release ranks its own values, onsets from base data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from r2p.read.release_record import release_list, release_lists, release_summary
from r2p.read.releases import release_values
from r2p.reference import iso3_for_ccode, load_ccode_crosswalk
from r2p.warehouse import Warehouse
from tests.helpers.cli import r2p
from tests.helpers.data import require_shared
from tests.helpers.ewp_releases import BASE_2025, WINDOW, load_releases

DATA_YEAR = {"EWP 2023": 2022, "EWP 2024": 2023, "EWP 2025": 2024}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Warehouse, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("release_record")
    files = load_releases(folder / "r2p.duckdb", folder)
    return Warehouse(str(folder / "r2p.duckdb")), files


@pytest.fixture(scope="module")
def lists(loaded: tuple[Warehouse, dict[str, Path]]) -> pd.DataFrame:
    return release_lists(loaded[0])


def _file_list(path: Path, data_year: int) -> pd.DataFrame:
    """The file's own two-year list for `data_year`: iso3, ccode, risk, and the rank its risk gives."""
    frame = pd.read_csv(path)
    column = next(c for c in frame.columns if (m := WINDOW.match(c)) and m["what"] == "risk"
                  and m["window"] == f"{data_year + 1}and{data_year + 2}")
    crosswalk = load_ccode_crosswalk()
    listed = pd.DataFrame({"iso3": [iso3_for_ccode(crosswalk, int(c), data_year) for c in frame["ccode"]],
                           "ccode": frame["ccode"], "risk": frame[column]})
    return listed.assign(rank=listed["risk"].rank(method="min", ascending=False).astype(int))


def _onsets() -> dict[int, list[int]]:
    """Base data: the years each ccode had a new mass-killing onset."""
    with require_shared(BASE_2025).open(newline="", encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["mk_onset"] == "1"]
    years: dict[int, list[int]] = {}
    for row in rows:
        years.setdefault(int(row["ccode"]), []).append(int(row["year"]))
    return years


def test_each_release_ranks_its_own_values(loaded: tuple[Warehouse, dict[str, Path]], lists: pd.DataFrame) -> None:
    warehouse, files = loaded
    assert list(dict.fromkeys(lists["release"])) == ["EWP 2025", "EWP 2024", "EWP 2023"]  # newest first
    for release, data_year in DATA_YEAR.items():
        said = lists[lists["release"] == release].set_index("iso3")
        expected = _file_list(files[release], data_year).set_index("iso3")
        assert set(said["data_year"]) == {data_year}
        assert len(said) == len(expected) == 168
        pd.testing.assert_series_equal(said.loc[expected.index, "risk"], expected["risk"], check_names=False)
        assert said.loc[expected.index, "rank"].tolist() == expected["rank"].tolist()
    older = lists[lists["release"] == "EWP 2023"].set_index("iso3")
    assert older.at["SDN", "rank"] == 4 and older.at["SDN", "followed"] == "Onset in 2023"
    assert older.at["MMR", "rank"] != lists[lists["release"] == "EWP 2025"].set_index("iso3").at["MMR", "rank"]
    # NOTE: EWP 2024 (loaded last) restates 2022 data, so EWP 2023's list survives only as a vintage.
    stated = release_values(warehouse, "ewp", "EWP 2023", indicator_ids=["ewp.risk_2yr"])
    assert not stated.loc[stated["period"] == 2022, "is_current"].any()


def test_what_followed_is_the_base_datas_first_onset_in_the_window(loaded: tuple[Warehouse, dict[str, Path]],
                                                                   lists: pd.DataFrame) -> None:
    onsets = _onsets()
    listed = _file_list(loaded[1]["EWP 2023"], 2022).set_index("iso3")
    said = lists[lists["release"] == "EWP 2023"].set_index("iso3")
    for iso3, row in listed.iterrows():
        within = sorted(y for y in onsets.get(int(row["ccode"]), []) if y in (2023, 2024))
        expected = f"Onset in {within[0]}" if within else "No onset in 2023–2024"
        assert (said.at[iso3, "followed"], said.at[iso3, "onset"]) == (expected, bool(within)), iso3
    assert said["onset"].sum() >= 1  # Sudan, 2023


def test_years_past_the_outcomes_are_not_yet_known(lists: pd.DataFrame) -> None:
    newest = lists[lists["release"] == "EWP 2025"]
    assert set(newest["followed"]) == {"Not yet known (onset data end in 2024)"} and newest["onset"].isna().all()
    middle = lists[lists["release"] == "EWP 2024"]
    assert set(middle["followed"]) <= {"No onset in 2024; 2025 not yet known", "Onset in 2024"}
    summary = release_summary(lists).set_index("Release")
    assert summary.loc["EWP 2025", ["Forecast years", "Outcomes known", "Top 10 with an onset"]].tolist() == [
        "2025–2026", "not yet", "not yet known"]
    assert summary.at["EWP 2024", "Outcomes known"] == "2024 only"
    assert summary.at["EWP 2024", "Top 30 with an onset"].endswith(" of 30 so far")
    assert summary.loc["EWP 2023", ["Made from data of", "Published", "Top 10 with an onset"]].tolist() == [
        2022, "2023-09-05", "1 of 10"]
    shown = release_list(lists, "EWP 2023")
    assert list(shown.columns) == ["Rank", "Country", "Two-year risk (%)", "What followed"] and len(shown) == 30
    assert shown.loc[3, ["Rank", "Country", "What followed"]].tolist() == [4, "Sudan", "Onset in 2023"]


def test_the_command_line_prints_each_release_and_one_releases_list(
        loaded: tuple[Warehouse, dict[str, Path]]) -> None:
    env = {"R2P_DB": loaded[0].location}
    summary = r2p("releases", "ewp", "--said", "--format", "json", env=env)
    assert summary.returncode == 0, summary.stderr
    rows = json.loads(summary.stdout.strip().splitlines()[-1])
    assert [(r["Release"], r["Forecast years"]) for r in rows] == [
        ("EWP 2025", "2025–2026"), ("EWP 2024", "2024–2025"), ("EWP 2023", "2023–2024")]
    listed = r2p("releases", "ewp", "--said", "--release", "EWP 2023", "--format", "csv", env=env)
    assert listed.returncode == 0 and "4,Sudan,7.52,Onset in 2023" in listed.stdout
    assert len(listed.stdout.strip().splitlines()) == 1 + 168
    unknown = r2p("releases", "ewp", "--said", "--release", "EWP 2019", env=env)
    assert unknown.returncode == 2 and "lists held: EWP 2025, EWP 2024, EWP 2023" in unknown.stderr


def test_without_a_forecast_file_there_is_no_list(warehouse: Warehouse) -> None:
    assert release_lists(warehouse).empty  # the demo warehouse: demo values are never a release's list
    assert release_summary(release_lists(warehouse)).empty
