"""Navigation → map drawn, in headless Chromium, for the Overview and Country pages, cold and warm; prints JSON.

Usage: .venv/bin/python scripts/browser_timing.py [--warehouse FILE] [--country ISO3] [--runs N]
Without --warehouse a demo warehouse is built in a temporary folder. For the benchmark's figures use the
bench warehouse: `r2p bench --keep DIR` then `--warehouse DIR/warehouse/r2p.duckdb` (country: the JSON's
view.country). Cold = a new browser context (empty HTTP cache) on the page's first visit since the server
started; warm = reloads of the same page (browser and server caches warm). Only localhost is reachable.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("R2P_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-default-apps"]
TIER_MAP = ".st-key-overview_tier_map .js-plotly-plot"
MAP_LOADED = """(selector) => { const g = document.querySelector(selector);
  return !!(g && g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot.map.loaded()
            && g._fullLayout.map._subplot.map.areTilesLoaded()); }"""
DECK_CANVAS = "[data-testid='stDeckGlJsonChart'] canvas"
TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"
TIMEOUT_MS = 120_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, help="a warehouse file (default: a new demo warehouse)")
    parser.add_argument("--country", default="SDN", help="the country both pages show (default SDN)")
    parser.add_argument("--runs", type=int, default=3, help="warm reloads per page; the median is reported")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="r2p-browser-") as folder:
        warehouse = _warehouse(options.warehouse, Path(folder))
        with _server(warehouse, Path(folder)) as (url, started_s), sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            query = f"?country={options.country}"
            result = {"server_start_s": round(started_s, 2), "country": options.country,
                      "overview": _timings(browser, f"{url}/{query}", _overview_drawn, options.runs),
                      "country_page": _timings(browser, f"{url}/country{query}", _country_drawn, options.runs)}
            browser.close()
    print(json.dumps(result, indent=2))


def _warehouse(given: Path | None, folder: Path) -> Path:
    target = folder / "r2p.duckdb"
    if given is not None:
        shutil.copyfile(given.resolve(), target)  # a private copy: the bench warehouse is a symlink to a version
        return target
    subprocess.run([sys.executable, "-m", "r2p.cli", "init", "--demo"], env={**os.environ, "R2P_DB": str(target)},
                   check=True, stdout=subprocess.DEVNULL)
    return target


@contextmanager
def _server(warehouse: Path, folder: Path) -> Iterator[tuple[str, float]]:
    """`streamlit run app.py` on a free localhost port, as tests/browser/conftest.py starts it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url, started = f"http://127.0.0.1:{port}", time.perf_counter()
    with (folder / "streamlit.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, env={**os.environ, "R2P_DB": str(warehouse)}, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_healthy(url, process)
            yield url, time.perf_counter() - started
        finally:
            process.terminate()
            process.wait(timeout=20)


def _wait_healthy(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"streamlit exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"streamlit did not become healthy at {url} within {seconds} s")


def _offline_context(browser: Browser) -> BrowserContext:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})

    def only_localhost(route: Route) -> None:
        host = route.request.url.split("/")[2].rsplit(":", 1)[0] if "://" in route.request.url else ""
        if route.request.url.startswith(("data:", "blob:")) or host in ("localhost", "127.0.0.1", "[::1]"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_localhost)
    return context


def _overview_drawn(page: Page) -> None:
    page.locator(TIER_MAP).first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function(MAP_LOADED, arg=TIER_MAP, timeout=TIMEOUT_MS, polling="raf")


def _country_drawn(page: Page) -> None:
    page.locator(DECK_CANVAS).first.wait_for(timeout=TIMEOUT_MS)
    page.evaluate(TWO_FRAMES)


def _timings(browser: Browser, url: str, drawn: object, runs: int) -> dict:
    """Milliseconds from navigation start to the map drawn: the first visit, then `runs` reloads."""
    context = _offline_context(browser)
    page = context.new_page()
    cold = _navigate(page, lambda: page.goto(url), drawn)
    warm = [_navigate(page, page.reload, drawn) for _ in range(runs)]
    context.close()
    return {"cold_ms": round(cold, 1), "warm_ms": round(statistics.median(warm), 1),
            "warm_runs_ms": [round(ms, 1) for ms in warm]}


def _navigate(page: Page, go: object, drawn: object) -> float:
    started = time.perf_counter()
    go()  # type: ignore[operator]
    drawn(page)  # type: ignore[operator]
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    main()
