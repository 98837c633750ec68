"""Navigation → map drawn, in headless Chromium: the Overview and Country pages beside two floors; prints JSON.

Usage: .venv/bin/python scripts/browser_timing.py [--warehouse FILE] [--country ISO3] [--runs N]
Without --warehouse a demo warehouse is built in a temporary folder. For the benchmark's figures use the
bench warehouse: `r2p bench --keep DIR` then `--warehouse DIR/warehouse/r2p.duckdb` (country: the JSON's
view.country). In the same run and harness it times two floors: an empty Streamlit page, and a page with one
Plotly map on the shipped shapes (the issue's targets are ratios to this one-map floor).
Every server starts as `make run` starts the dashboard: `streamlit run LAUNCHER`, a launcher holding st.App. The
dashboard's is serve.py (it runs the Overview once before it answers); each floor's serves its app alone.
first visit = the page's first navigation after its server became healthy; cold = a new browser context (empty
HTTP cache) afterwards; warm = the median of reloads of the same page, with the HTTP cache a browser keeps. Only
localhost is reachable (a dead proxy takes everything else); stderr counts any request that tried to leave.
Stdout holds one JSON object, in seconds: {"floors": {"blank", "one_map"}, "pages": {"overview", "country"},
"ratios"}; progress goes to stderr.
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

from playwright.sync_api import Browser, BrowserContext, Page, Request, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("R2P_CHROMIUM", "/usr/bin/chromium"))
# Offline: every request not to localhost goes to a proxy at the discard port, where nothing listens (Chromium
# sends loopback requests direct); blocked, yet the HTTP cache stays on. Each attempt is counted (stderr).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-default-apps", "--proxy-server=http://127.0.0.1:9"]
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")
OUTSIDE: list[str] = []
TIER_MAP = ".st-key-overview_tier_map .js-plotly-plot"
MAP_LOADED = """(selector) => { const g = document.querySelector(selector);
  return !!(g && g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot.map.loaded()
            && g._fullLayout.map._subplot.map.areTilesLoaded()); }"""
EVENTS_MAP = ".st-key-country_events .js-plotly-plot"  # the Country page's events map (Plotly's MapLibre map)
TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"
TIMEOUT_MS = 120_000


FLOOR_MAP = ".st-key-floor_map .js-plotly-plot"
DASHBOARD = ROOT / "serve.py"  # what `make run` starts
# The floors: Streamlit apps written to the run's folder, served like app.py (same config, same static shapes,
# the same st.App launcher, less serve.py's warm-up of the dashboard's data).
FLOOR_LAUNCHER = 'import streamlit as st\n\napp = st.App("{app}")\n'
BLANK_APP = 'import streamlit as st\n\nst.write("R2P Watch")\n'
ONE_MAP_APP = """import pandas as pd
import streamlit as st

from r2p import geo
from r2p.figures.maps import SHAPES_URL, world_choropleth

shapes = geo.load_country_shapes()
iso3 = [feature["properties"]["iso3"] for feature in shapes["features"]]
values = pd.DataFrame({"iso3": iso3, "name": iso3, "value": [float(i % 5) for i in range(len(iso3))]})
markers = pd.DataFrame(columns=["iso3", "name", "lon", "lat"])
figure = world_choropleth(values, shapes, markers, "One map", "score", True, geojson_url=SHAPES_URL)
st.plotly_chart(figure, key="floor_map")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, help="a warehouse file (default: a new demo warehouse)")
    parser.add_argument("--country", default="SDN", help="the country both pages show (default SDN)")
    parser.add_argument("--runs", type=int, default=3, help="warm reloads per page; the median is reported")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="r2p-browser-") as folder:
        warehouse = _warehouse(options.warehouse, Path(folder))
        blank, one_map = _floor_apps(Path(folder))
        query = f"?country={options.country}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            pages = [("floor blank", blank, "/", _blank_drawn), ("floor one_map", one_map, "/", _floor_map_drawn),
                     ("overview", DASHBOARD, f"/{query}", _overview_drawn),
                     ("country", DASHBOARD, f"/country{query}", _country_drawn)]
            timed = {}
            for name, app, path, drawn in pages:
                _progress(f"{name}: starting its server")
                with _server(app, warehouse, Path(folder)) as (url, started_s):
                    _progress(f"{name}: healthy after {started_s:.1f} s")
                    timed[name] = _timings(browser, f"{url}{path}", drawn, options.runs)
                _progress(f"{name}: {timed[name]}")
            browser.close()
    _progress(f"requests beyond localhost (blocked): {len(OUTSIDE)}" + (f", first {OUTSIDE[0]}" if OUTSIDE else ""))
    print(json.dumps(summary(timed["floor blank"], timed["floor one_map"], timed["overview"], timed["country"])))


def summary(blank: dict, one_map: dict, overview: dict, country: dict) -> dict:
    """The issue's JSON: floors and pages in seconds, and each page's time as a ratio to the one-map floor."""
    def ratio(value: float, floor: float) -> float:
        return round(value / floor, 2)

    return {
        "floors": {"blank": _floor(blank), "one_map": _floor(one_map)},
        "pages": {"overview": overview, "country": country},
        "ratios": {"overview_warm": ratio(overview["warm_s"], one_map["warm_s"]),
                   "overview_cold": ratio(overview["cold_s"], one_map["cold_s"]),
                   "country_warm": ratio(country["warm_s"], one_map["warm_s"]),
                   "country_cold": ratio(country["cold_s"], one_map["cold_s"]),
                   "overview_first_visit": ratio(overview["first_visit_s"], one_map["cold_s"])},
    }


def _floor(timed: dict) -> dict:
    return {"cold_s": timed["cold_s"], "warm_s": timed["warm_s"]}


def _floor_apps(folder: Path) -> tuple[Path, Path]:
    """The two floor apps' launchers, beside a link to the shipped static/ folder (the one-map page reads its
    shapes there)."""
    floors = folder / "floors"
    floors.mkdir()
    (floors / "static").symlink_to(ROOT / "static", target_is_directory=True)
    for name, text in (("blank", BLANK_APP), ("one_map", ONE_MAP_APP)):
        (floors / f"{name}.py").write_text(text, encoding="utf-8")
        (floors / f"serve_{name}.py").write_text(FLOOR_LAUNCHER.format(app=f"{name}.py"), encoding="utf-8")
    return floors / "serve_blank.py", floors / "serve_one_map.py"


def _progress(message: str) -> None:
    print(f"[browser_timing {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _warehouse(given: Path | None, folder: Path) -> Path:
    target = folder / "r2p.duckdb"
    if given is not None:
        shutil.copyfile(given.resolve(), target)  # a private copy: the bench warehouse is a symlink to a version
        return target
    subprocess.run([sys.executable, "-m", "r2p.cli", "init", "--demo"], env={**os.environ, "R2P_DB": str(target)},
                   check=True, stdout=subprocess.DEVNULL)
    return target


@contextmanager
def _server(launcher: Path, warehouse: Path, folder: Path) -> Iterator[tuple[str, float]]:
    """`streamlit run LAUNCHER` on a free localhost port, as `make run` starts serve.py (from the checkout, so its
    .streamlit/config.toml applies); with the seconds until it answered its health check."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url, started = f"http://127.0.0.1:{port}", time.perf_counter()
    with (folder / "streamlit.log").open("a") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(launcher), "--server.port", str(port),
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
    """A context that reaches only localhost (CHROMIUM_ARGS' dead proxy) and keeps its HTTP cache, as a user's
    browser does: Playwright's request routing would turn the cache off and refetch every script on a reload."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})

    def note_outside(request: Request) -> None:
        host = request.url.split("/")[2].rsplit(":", 1)[0] if "://" in request.url else ""
        if not request.url.startswith(("data:", "blob:")) and host not in LOCAL_HOSTS:
            OUTSIDE.append(request.url)

    context.on("request", note_outside)
    return context


def _blank_drawn(page: Page) -> None:
    page.get_by_text("R2P Watch").first.wait_for(timeout=TIMEOUT_MS)
    page.evaluate(TWO_FRAMES)


def _floor_map_drawn(page: Page) -> None:
    page.locator(FLOOR_MAP).first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function(MAP_LOADED, arg=FLOOR_MAP, timeout=TIMEOUT_MS, polling="raf")


def _overview_drawn(page: Page) -> None:
    page.locator(TIER_MAP).first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function(MAP_LOADED, arg=TIER_MAP, timeout=TIMEOUT_MS, polling="raf")


def _country_drawn(page: Page) -> None:
    page.locator(EVENTS_MAP).first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function(MAP_LOADED, arg=EVENTS_MAP, timeout=TIMEOUT_MS, polling="raf")


def _timings(browser: Browser, url: str, drawn: object, runs: int) -> dict:
    """Seconds from navigation start to the map drawn: the first visit since the server started, a first visit
    in a new browser context (cold), then the median of `runs` reloads (warm)."""
    first = _visit(browser, url, drawn, 0)[0]
    cold, warm = _visit(browser, url, drawn, runs)
    return {"cold_s": round(cold, 3), "warm_s": round(statistics.median(warm), 3), "first_visit_s": round(first, 3)}


def _visit(browser: Browser, url: str, drawn: object, reloads: int) -> tuple[float, list[float]]:
    context = _offline_context(browser)
    page = context.new_page()
    first = _navigate(page, lambda: page.goto(url), drawn)
    again = [_navigate(page, page.reload, drawn) for _ in range(reloads)]
    context.close()
    return first, again


def _navigate(page: Page, go: object, drawn: object) -> float:
    started = time.perf_counter()
    go()  # type: ignore[operator]
    drawn(page)  # type: ignore[operator]
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
