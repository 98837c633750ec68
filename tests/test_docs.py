"""The README cannot drift from the code: every setting, command, indicator and page is documented."""

from __future__ import annotations

import re

import click
import typer.main

from r2p.catalog import indicators
from r2p.cli import COMMANDS, app, load_command
from r2p.config import SETTINGS
from tests.helpers.cli import r2p
from tests.helpers.data import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_opens_with_exactly_the_two_commands_ci_runs() -> None:
    first_block = re.search(r"```bash\n(.*?)```", README, re.S)
    assert first_block and README.index("```bash") < README.index("\n## ")
    commands = [line.split("#")[0].strip() for line in first_block[1].splitlines() if line.strip()]
    assert commands == ["make run", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_every_setting_is_documented_with_its_default() -> None:
    for setting in SETTINGS:
        assert f"`{setting.env}`" in README, setting.env
    assert "`data/r2p.duckdb`" in README


def test_every_cli_command_is_documented_and_has_help() -> None:
    group = typer.main.get_command(app)
    names = group.list_commands(click.Context(group))
    assert len(names) == len(COMMANDS) >= 19  # the lazy group lists every command without loading one
    for name in names:
        assert f"`r2p {name}" in README, name
        shown = r2p(name, "--help")
        assert shown.returncode == 0 and "Usage" in shown.stdout


def test_the_listed_line_of_each_command_is_its_own_help() -> None:
    # `r2p --help` lists commands from cli.COMMANDS without importing them: the line must not drift from the
    # command's own docstring.
    for name, (_, listed) in COMMANDS.items():
        loaded = load_command(name)
        assert " ".join((loaded.help or "").split("\n\n")[0].split()) == listed, name


def test_every_catalogued_indicator_is_in_the_readme_table() -> None:
    for indicator in indicators():
        assert f"| `{indicator.id}` | {indicator.name} |" in README, indicator.id


def test_every_page_is_described() -> None:
    titles = re.findall(r'st.Page\([^)]*title="([^"]+)"', (ROOT / "app.py").read_text())
    assert len(titles) == 8
    for title in titles:
        assert title in README, title


def test_the_refusal_shown_in_the_readme_is_what_the_command_prints(warehouse) -> None:  # noqa: ANN001
    shown = r2p("ingest", "table", str(ROOT / "data" / "examples" / "table_malformed.csv"))
    for line in shown.stderr.strip().splitlines():
        assert line in README, line
