"""`r2p brief`: the pack from the command line, on a Typer app of its own (as cli.py registers it)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import typer
from pptx import Presentation
from pypdf import PdfReader
from typer.testing import CliRunner

from r2p.commands import brief
from r2p.warehouse import Warehouse


@pytest.fixture
def app() -> typer.Typer:
    application = typer.Typer(add_completion=False, pretty_exceptions_enable=False)  # as r2p.cli makes it
    brief.register(application)

    @application.callback()
    def main() -> None:
        """Stand-in for the r2p app."""

    return application


@pytest.fixture
def runner(briefed: Warehouse, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("R2P_DB", briefed.location)
    return CliRunner()


def test_brief_writes_the_pdf_and_says_where_and_how_long(app: typer.Typer, runner: CliRunner, tmp_path: Path,
                                                         marked: str, warm_renderer: None) -> None:
    out = tmp_path / "sudan.pdf"
    result = runner.invoke(app, ["brief", "sdn", "--out", str(out), "--since", "2024-01-01"])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(rf"Wrote {re.escape(str(out))} \(\d+ KB, pdf\) in \d+\.\d s \(charts \d+\.\d s\)\.\n",
                        result.output)
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Sudan (SDN)" in text and marked in text and "What changed since 2024-01-01" in text


def test_brief_writes_the_pptx_with_another_method(app: typer.Typer, runner: CliRunner, tmp_path: Path,
                                                  warm_renderer: None) -> None:
    out = tmp_path / "sudan.pptx"
    result = runner.invoke(app, ["brief", "SDN", "--format", "pptx", "--out", str(out), "--method", "ewp"])
    assert result.exit_code == 0, result.output
    deck = Presentation(io.BytesIO(out.read_bytes()))
    first = deck.slides[0]
    assert first.shapes.title.text == "Sudan (SDN): Bottom line"
    assert any("method version ewp-1" in shape.text_frame.text for shape in first.shapes if shape.has_text_frame)


@pytest.mark.parametrize(("arguments", "message"), [
    (["brief", "XXX", "--out", "{tmp}/x.pdf"], "Unknown country code 'XXX'"),
    (["brief", "SDN", "--out", "{tmp}/missing/x.pdf"], "does not exist"),
    (["brief", "SDN", "--out", "{tmp}/x.pdf", "--method", "nope"], "unknown tier method 'nope'"),
])
def test_brief_refuses_what_it_cannot_do_with_exit_2(app: typer.Typer, runner: CliRunner, tmp_path: Path,
                                                    arguments: list[str], message: str) -> None:
    result = runner.invoke(app, [a.replace("{tmp}", str(tmp_path)) for a in arguments])
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_a_bad_format_or_date_is_a_usage_error(app: typer.Typer, runner: CliRunner, tmp_path: Path) -> None:
    for extra in (["--format", "docx"], ["--since", "23/11/2025"]):
        result = runner.invoke(app, ["brief", "SDN", "--out", str(tmp_path / "x.pdf"), *extra])
        assert result.exit_code == 2
