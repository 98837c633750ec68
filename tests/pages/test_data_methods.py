"""Data & methods: coverage per source, blind spots, the tier methods and their evaluation against EWP."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from r2p.access.rights import command_line_user
from r2p.catalog import RISK_FACTORS
from r2p.ops.build import ingest_and_score, initialise
from r2p.read import explore
from r2p.warehouse import Warehouse
from tests.helpers.cli import r2p
from tests.helpers.data import EXAMPLES, ROOT, require_shared
from tests.helpers.ewp_releases import load_releases
from tests.helpers.headers import shown_headers
from tests.helpers.real_warehouse import real_warehouse


def _page() -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    return app.switch_page("pages/data_methods.py").run()


def _frames(app: AppTest) -> list:
    return [frame.value for frame in app.dataframe]


def test_without_epws_record_the_page_says_what_to_load_and_shows_the_methods(warehouse: Warehouse) -> None:
    app = _page()
    assert not app.exception
    assert any("Nothing to evaluate yet" in i.value and "FOOSforecasts" in i.value for i in app.info)
    titles = [e.label for e in app.expander]
    assert any("composite-1" in t for t in titles) and any("ewp-1" in t for t in titles)


@pytest.fixture(scope="module")
def real_ewp_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse with only EWP's real base data and out-of-sample (FOOS) forecasts (no demo)."""
    files = [require_shared(f"ewp/{name}") for name in ("basedata2025_4august2025.csv",
                                                         "FOOSforecasts_3Sep2025.csv")]
    path = tmp_path_factory.mktemp("evaluation") / "r2p.duckdb"
    warehouse = Warehouse(str(path))
    initialise(warehouse, want_demo=False)
    for file in files:
        assert ingest_and_score(warehouse, "ewp", file, user=command_line_user()).status == "loaded"
    return path


def test_the_evaluation_against_ewp_is_shown_with_counts_intervals_and_verdicts(
        real_ewp_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("R2P_DB", str(real_ewp_warehouse))
    monkeypatch.setenv("R2P_TIER_METHOD", "composite")
    app = _page()
    assert not app.exception
    tables = [f for f in _frames(app) if "Caught in top 30" in f.columns]
    assert len(tables) == 3  # all windows, none under way, already under way
    overall = tables[0].set_index(["Method", "Definition"])
    ewp = overall.loc[("ewp-foos", "forecast-year")]
    assert (ewp["Years"], ewp["Positives"], ewp["Caught in top 10"]) == ("1993–2022", 72, "20 (28%)")
    assert ewp["AUC [95% CI]"].startswith("0.832 [")
    assert overall.loc[("ewp-foos", "ewp-published"), "Caught in top 30"] == "27 (69%)"
    quiet = tables[1].set_index(["Method", "Definition"]).loc[("ewp-foos", "forecast-year")]
    assert (quiet["Positives"], quiet["Caught in top 10"]) == (35, "8 (23%)")
    said = re.sub(r"\\(.)", r"\1", " ".join(m.value for m in app.markdown))  # as rendered: no Markdown escapes
    assert "composite-1 trails EWP's out-of-sample forecasts on all 72 onset windows" in said
    assert "partly, not fully, out of sample" in " ".join(c.value for c in app.caption)
    # composite-1 is the default here (R2P_TIER_METHOD): the page says plainly which of its targets it misses.
    warned = re.sub(r"\\(.)", r"\1", " ".join(w.value for w in app.warning))
    assert "composite-1, the default, misses" in warned and "AUC at least 0.86" in warned
    targets = next(f for f in _frames(app) if "Target" in f.columns).set_index("Target")
    assert targets.at["AUC at least 0.86", "Met"] == "missed"


def test_coverage_blind_spots_and_rejected_rows(warehouse: Warehouse) -> None:
    assert r2p("ingest", "table", str(EXAMPLES / "table_long.csv")).returncode == 0
    app = _page()
    coverage = _frames(app)[0].set_index("source_id")
    assert coverage.at["demo", "countries"] == 198 and coverage.at["table", "countries"] == 4
    assert bool(coverage.at["table", "stale"]) is False
    blind = explore.risk_factor_coverage(warehouse).query("indicators == 0")
    warnings = " ".join(w.value for w in app.warning)
    assert 10 not in set(blind["factor"])  # the example table's indicator informs factor 10
    assert f"{len(blind)} of 14 risk factors have no data" in warnings
    assert all(f"{RISK_FACTORS[f]}" in warnings for f in blind["factor"])


def _said(app: AppTest) -> list:
    """The "What each EWP release said" tables: the one row per release, then the chosen release's list."""
    return [f for f in _frames(app) if "Top 10 with an onset" in f.columns or "What followed" in f.columns]


def test_what_each_ewp_release_said_and_what_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_releases(tmp_path / "r2p.duckdb", tmp_path)
    monkeypatch.setenv("R2P_DB", str(tmp_path / "r2p.duckdb"))
    app = _page()
    assert not app.exception
    summary, listed = _said(app)
    assert summary["Release"].tolist() == ["EWP 2025", "EWP 2024", "EWP 2023"]
    assert summary["Top 10 with an onset"].tolist() == ["not yet known", "0 of 10 so far", "1 of 10"]
    assert len(listed) == 30 and set(listed["What followed"]) == {"Not yet known (onset data end in 2024)"}
    app.selectbox(key="release_record_release").select("EWP 2023").run()
    listed = _said(app)[1]
    assert listed.loc[3, ["Rank", "Country", "What followed"]].tolist() == [4, "Sudan", "Onset in 2023"]
    assert any("EWP 2023: its top 30 of 168" in c.value for c in app.caption)


def test_one_release_is_shown_and_none_says_which_file_to_load(warehouse: Warehouse, tmp_path: Path) -> None:
    app = _page()
    assert any("final_forecasts_data_*.csv" in i.value for i in app.info) and not _said(app)
    assert r2p("ingest", "ewp", str(require_shared("ewp/final_forecasts_data_3Sep2025.csv"))).returncode == 0
    app = _page()
    summary, listed = _said(app)
    assert summary["Release"].tolist() == ["EWP 2025"] and listed.loc[0, "Country"] == "Myanmar"
    assert set(listed["What followed"]) == {"Not yet known (no onset data loaded)"}


def test_on_real_data_sources_have_as_of_dates_and_tables_headers_people_read(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("R2P_DB", str(real_warehouse()))
    app = _page()
    coverage = next(frame for frame in _frames(app) if "last_year" in frame.columns)
    assert {"vdem", "wdi"} <= set(coverage["source_id"])
    assert coverage["as_of"].notna().all(), coverage[["name", "as_of"]]  # V-Dem's and WDI's were NaT
    headers = [h for frame in shown_headers(app) for h in frame]
    assert {"Source", "Demo data", "Data as of", "Risk factor (UN Framework)"} <= set(headers)
    assert not {"source_id", "is_demo", "factor_name", "as_of", "iso3"} & set(headers)
