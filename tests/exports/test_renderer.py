"""The chart renderer without a usable Chromium: one clear error that names what is missing and how to install
it, raised at once, said in one line by the CLI, and never a suggestion to download a browser."""

from __future__ import annotations

import json
import time
from pathlib import Path

import plotly.graph_objects as go
import pytest

from r2p import cli
from r2p.exports import renderer
from r2p.exports.renderer import Renderer, RenderUnavailable
from tests.helpers.cli import r2p

MISSING = "/nonexistent/chromium"
FIGURE = json.loads(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])).to_json())
OPTS = {"format": "png", "width": 300, "height": 200}


def _assert_says_how_to_install(message: str) -> None:
    assert "Chromium" in message and "make browser" in message and "apt-get install chromium" in message
    assert "get_chrome" not in message and "download" not in message.lower()


@pytest.fixture
def no_chromium(monkeypatch: pytest.MonkeyPatch) -> Renderer:
    """BROWSER_PATH pointing nowhere, and a fresh process renderer (a warm one from another test would hide it)."""
    monkeypatch.setenv("BROWSER_PATH", MISSING)
    alone = Renderer()
    monkeypatch.setattr(renderer, "_RENDERER", alone)
    return alone


def test_a_missing_chromium_is_named_with_how_to_install_it(no_chromium: Renderer) -> None:
    started = time.perf_counter()
    with pytest.raises(RenderUnavailable) as raised:
        no_chromium.render(FIGURE, OPTS)
    assert time.perf_counter() - started < 5 and not no_chromium.is_running()
    assert MISSING in str(raised.value)
    _assert_says_how_to_install(str(raised.value))


def test_the_page_can_ask_before_drawing_its_buttons(no_chromium: Renderer) -> None:
    reason = renderer.unavailable_reason()
    assert reason is not None and MISSING in reason and not no_chromium.is_running()
    _assert_says_how_to_install(reason)


@pytest.mark.skipif(not Path("/usr/bin/chromium").is_file(), reason="needs Debian's chromium")
def test_with_chromium_in_place_nothing_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/usr/bin/chromium")
    monkeypatch.setattr(renderer, "_RENDERER", Renderer())
    assert renderer.unavailable_reason() is None


def test_a_browser_that_will_not_start_is_reported_without_kaleidos_advice(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(broken))
    alone = Renderer()
    monkeypatch.setattr(renderer, "_RENDERER", alone)
    with pytest.raises(RenderUnavailable, match="did not start") as raised:
        alone.render(FIGURE, OPTS)
    _assert_says_how_to_install(str(raised.value))
    assert renderer.unavailable_reason() == str(raised.value)  # the page shows the same words at its buttons


def test_r2p_brief_without_chromium_says_so_in_one_line(no_chromium: Renderer, warehouse: Path,
                                                        tmp_path: Path) -> None:
    result = r2p("brief", "SDN", "--out", str(tmp_path / "pack.pdf"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and MISSING in result.stderr
    _assert_says_how_to_install(result.stderr)
    assert not (tmp_path / "pack.pdf").exists()


def test_any_command_whose_chart_cannot_render_ends_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def exporting() -> None:
        raise RenderUnavailable(f"Chart export needs Chromium, and there is none at {MISSING}: "
                                f"{renderer.INSTALL_HINT}.")

    monkeypatch.setattr(cli, "app", exporting)
    result = r2p("anything")
    assert result.returncode == 2 and result.stderr.startswith("Error: Chart export needs Chromium")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_the_browser_search_is_repeated_only_after_a_while_or_when_the_paths_change(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from choreographer.browsers.chromium import Chromium

    searches: list[str | None] = []

    def search(skip_local: bool) -> str | None:
        searches.append(renderer.os.environ.get("BROWSER_PATH"))
        return renderer.os.environ.get("BROWSER_PATH")

    clock = [1000.0]
    monkeypatch.setattr(Chromium, "find_browser", staticmethod(search))
    monkeypatch.setattr(renderer.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(renderer, "_FOUND", {})
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "a"))
    assert renderer.browser_path() == renderer.browser_path() == str(tmp_path / "a")
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "b"))  # another path: searched at once
    assert renderer.browser_path() == str(tmp_path / "b")
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "a"))
    clock[0] += renderer.FIND_SECONDS + 1  # a browser installed meanwhile is found
    assert renderer.browser_path() == str(tmp_path / "a")
    assert searches == [str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "a")]
