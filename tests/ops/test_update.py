"""`r2p update`: downloads from a local mirror of ../shared/data, ingests, and says so in one line when offline."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from r2p.ops.update import releases
from r2p.warehouse import Warehouse
from tests.helpers.cli import r2p
from tests.helpers.data import SHARED_DATA, require_shared


@pytest.fixture
def mirror() -> Iterator[str]:
    """An HTTP server on localhost serving ../shared/data the way a mirror would."""
    require_shared("ewp/final_forecasts_data_3Sep2025.csv")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(SHARED_DATA))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_every_release_names_an_official_https_url_and_a_mirror_path() -> None:
    for source, files in releases().items():
        for release in files:
            assert release.url.startswith("https://") and release.path.startswith(f"{source}/")


@pytest.mark.slow  # downloads and ingests the whole real EWP release, twice
def test_update_downloads_into_the_cache_and_ingests(warehouse: Warehouse, mirror: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("R2P_UPDATE_MIRROR", mirror)
    monkeypatch.setenv("R2P_CACHE_DIR", str(tmp_path / "cache"))
    result = r2p("update", "ewp")
    assert result.returncode == 0, result.stderr
    cached = sorted(p.name for p in (tmp_path / "cache" / "ewp").iterdir())
    assert cached == sorted(r.name for r in releases()["ewp"])
    assert (tmp_path / "cache" / "ewp" / "final_forecasts.csv").read_bytes() == (
        SHARED_DATA / "ewp" / "final_forecasts_data_3Sep2025.csv").read_bytes()
    assert result.stderr.count(": loaded") == len(cached)
    again = r2p("update", "ewp")
    assert again.stderr.count(": unchanged") == len(cached)


def test_without_network_one_line_and_no_change(warehouse: Warehouse, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("R2P_UPDATE_MIRROR", "http://127.0.0.1:9")  # nothing listens on the discard port
    monkeypatch.setenv("R2P_CACHE_DIR", str(tmp_path / "cache"))
    before = warehouse.path.read_bytes()
    result = r2p("update")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        line for line in result.stderr.strip().splitlines() if line.startswith(("acled", "No network"))]
    assert result.stderr.strip().splitlines()[-1].startswith("No network: cannot reach 127.0.0.1:9")
    assert warehouse.path.read_bytes() == before
    assert not any((tmp_path / "cache").rglob("*.csv"))


def test_acled_is_not_downloadable_and_says_why(warehouse: Warehouse) -> None:
    assert "registered account" in r2p("update", "acled").stderr
