"""Browser test harness: a live Streamlit server on localhost and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

from tests.helpers.data import ROOT

CHROMIUM = Path(os.environ.get("R2P_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium itself tries to reach Google's hosts at start.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-default-apps"]
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")


@dataclass
class Server:
    url: str
    warehouse: Path


@dataclass
class OfflinePage:
    """A page whose every non-localhost request is blocked and remembered."""

    page: Page
    blocked: list[str] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not become healthy at {url} within {seconds} s")


@contextmanager
def running_server(template: Path, folder: Path, extra_env: dict[str, str] | None = None) -> Iterator[Server]:
    """A fresh `streamlit run app.py` on a free localhost port, on a private copy of the template warehouse."""
    warehouse = folder / "r2p.duckdb"
    shutil.copyfile(template, warehouse)
    port = _free_port()
    with (folder / "streamlit.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, env={**os.environ, "R2P_DB": str(warehouse), **(extra_env or {})}, stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, process)
            yield Server(url, warehouse)
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:  # a page run (a pack being built) outlasting the shutdown: stop it
                process.kill()
                process.wait(timeout=20)


@pytest.fixture(scope="session")
def server(template_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(template_warehouse, tmp_path_factory.mktemp("browser")) as started:
        yield started


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: browser tests need Debian's chromium (`make test` installs it)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def offline_page(browser: Browser) -> Iterator[OfflinePage]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = OfflinePage(context.new_page())

    def only_localhost(route: Route) -> None:
        host = route.request.url.split("/")[2].rsplit(":", 1)[0] if "://" in route.request.url else ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            page.blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_localhost)
    yield page
    context.close()
