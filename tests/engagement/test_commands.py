"""The `engagement` command group, registered onto a bare typer app (the main CLI wires it the same way)."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from r2p.commands.engagement import register
from r2p.warehouse import Warehouse
from tests.helpers.engagement import empty_registry
from tests.helpers.warehouses import copy_of

runner = CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("noop")(lambda: None)  # a second command keeps `engagement` a sub-command, as in r2p
    register(app)
    return app


def test_export_and_import_round_trip_through_the_commands(seeded: Warehouse, empty_template_warehouse: Path,
                                                           tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    exported = runner.invoke(_app(), ["engagement", "export", str(tmp_path / "out")])
    assert exported.exit_code == 0, exported.output
    assert "actors.csv (" in exported.output and (tmp_path / "out" / "engagements.csv").is_file()
    fresh = empty_registry(copy_of(empty_template_warehouse, tmp_path / "fresh.duckdb"))
    monkeypatch.setenv("R2P_DB", fresh.location)
    imported = runner.invoke(_app(), ["engagement", "import", str(tmp_path / "out")])
    assert imported.exit_code == 0, imported.output
    assert imported.output.startswith("Loaded ")
    again = runner.invoke(_app(), ["engagement", "export", str(tmp_path / "again")])
    assert again.exit_code == 0
    for name in ("actors.csv", "situations.csv", "engagements.csv"):
        assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "out" / name).read_bytes()
    unchanged = runner.invoke(_app(), ["engagement", "import", str(tmp_path / "out")])
    assert unchanged.exit_code == 0 and "nothing to do" in unchanged.output


def test_a_refused_import_exits_1_and_lists_located_problems(seeded: Warehouse, tmp_path: Path) -> None:
    (tmp_path / "situations.csv").write_text("situation_id,name,scope,iso3,countries,note\n"
                                             "xx,Nowhere,country,XXX,XXX,\n", encoding="utf-8")
    before = seeded.current_file().read_bytes()
    result = runner.invoke(_app(), ["engagement", "import", str(tmp_path)])
    assert result.exit_code == 1
    assert "nothing was loaded" in result.output
    assert "situations.csv, row 2, column \"iso3\": 'XXX': is not a known country code" in result.output
    assert seeded.current_file().read_bytes() == before
