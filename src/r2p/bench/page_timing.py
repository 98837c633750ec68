"""`r2p bench` page runs: each page of app.py's navigation under AppTest, cold (empty data cache) and warm (rerun)."""

from __future__ import annotations

import os
import re
import statistics
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, redirect_stdout
from pathlib import Path

import streamlit as st
from streamlit import config
from streamlit.testing.v1 import AppTest

from r2p.bench.measure import Progress, timed
from r2p.ui.navigation import production_navigation

_PAGE = re.compile(r"""st\.Page\(\s*["']pages/(\w+)\.py["']""")
WARM_RUNS = 3
TIMEOUT = 300


def navigation_pages(app_path: Path) -> list[str]:
    """The page stems app.py's st.navigation lists, in order (the first is the default page)."""
    return _PAGE.findall(app_path.read_text(encoding="utf-8"))


def time_pages(app_path: Path, location: str, params: Mapping[str, str], progress: Progress) -> dict[str, dict]:
    """{page: {cold_ms, warm_ms}}: cold = the page's first run after the data and figure caches are cleared (as
    after an ingest); warm = the median of WARM_RUNS reruns of the same view, as when someone clicks on the page."""
    results = {}
    # NOTE: Streamlit prints a page's traceback on stdout, which carries the bench's JSON: send it to stderr.
    with production_navigation(), _environment("R2P_DB", location), _error_details(), redirect_stdout(sys.stderr):
        for page in navigation_pages(app_path):
            progress(f"page {page}: cold and warm runs")
            results[page] = _time_page(app_path, page, params)
    return results


def _time_page(app_path: Path, page: str, params: Mapping[str, str]) -> dict:
    app = AppTest.from_file(str(app_path), default_timeout=TIMEOUT)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()  # the default page: the session and its sidebar exist before the page is opened
    st.cache_data.clear()
    st.cache_resource.clear()  # the figures kept per warehouse version (r2p.ui.cache.built) go too, as after an ingest
    cold, _ = timed(lambda: app.switch_page(f"pages/{page}.py").run())
    warm = [timed(app.run)[0] for _ in range(WARM_RUNS)]
    timing = {"cold_ms": round(cold * 1000, 1), "warm_ms": round(statistics.median(warm) * 1000, 1),
              "warm_runs_ms": [round(seconds * 1000, 1) for seconds in warm]}
    # A page that raised is timed to its error, not to its end: the figure is reported, flagged, never hidden.
    return timing | ({"error": _error(app)} if app.exception else {})


def _error(app: AppTest) -> str:
    error = app.exception[0]
    return " | ".join([error.message, *error.stack_trace[-2:]])


@contextmanager
def _error_details() -> Iterator[None]:
    """The page's own error message in the result (the app's config hides it from browsers)."""
    before = config.get_option("client.showErrorDetails")
    config.set_option("client.showErrorDetails", "full")
    try:
        yield
    finally:
        config.set_option("client.showErrorDetails", before)


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before
