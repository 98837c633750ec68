"""The sidebar names each source's releases (in force, then older ones kept as vintages) beside its as-of date."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from r2p.warehouse import Warehouse
from tests.helpers.cli import r2p
from tests.helpers.data import ROOT
from tests.helpers.warehouses import copy_of

VDEM = ROOT / "tests" / "fixtures" / "vdem" / "V-Dem-CY-Full+Others-v15.subset.csv"


@pytest.fixture
def two_vdem_releases(empty_template_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Warehouse:
    """V-Dem v14, then v15 (one value changed, so it is a new file): v15 in force, v14 kept as a vintage."""
    copied = copy_of(empty_template_warehouse, tmp_path / "r2p.duckdb")
    monkeypatch.setenv("R2P_DB", copied.location)
    text = VDEM.read_text(encoding="utf-8")
    for version, body in (("v14", text), ("v15", text.replace(",0.032,", ",0.033,", 1))):
        path = tmp_path / f"V-Dem-CY-Full+Others-{version}.csv"
        path.write_text(body, encoding="utf-8")
        loaded = r2p("ingest", "vdem", str(path))
        said = loaded.stdout + loaded.stderr
        assert loaded.returncode == 0 and f"Release: V-Dem {version}." in said, said
    return copied


def _sidebar_notes(app: AppTest) -> list[str]:
    return [caption.value for caption in app.sidebar.caption]


def test_the_sidebar_names_the_release_in_force_and_the_older_ones(two_vdem_releases: Warehouse) -> None:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not app.exception, app.exception
    vdem = [note for note in _sidebar_notes(app) if note.startswith("Varieties of Democracy (V-Dem):")]
    assert len(vdem) == 1 and vdem[0].startswith("Varieties of Democracy (V-Dem): V-Dem v15 (earlier: V-Dem v14) · "
                                                 "as of "), vdem


def test_demo_data_has_no_release_and_stays_marked_demo(warehouse: Warehouse) -> None:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    notes = [note for note in _sidebar_notes(app) if " · loaded " in note]
    assert notes == [note for note in notes if " — **DEMO**: as of " in note] != [], notes


def test_an_empty_warehouse_says_no_data_is_shown(empty_template_warehouse: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("R2P_DB", copy_of(empty_template_warehouse, tmp_path / "r2p.duckdb").location)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert "None yet." in _sidebar_notes(app)
