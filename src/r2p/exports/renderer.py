"""One warm kaleido renderer per process: Debian's Chromium started once, lazily, shared by every thread."""

from __future__ import annotations

import asyncio
import atexit
import os
import threading
import time
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import kaleido

START_SECONDS = 60.0  # Chromium's first start on 2 cores takes ~5 s; a minute means it is not coming
RENDER_SECONDS = 90.0  # a world map takes ~7 s warm; the same limit kaleido applies per image
FIND_SECONDS = 30.0  # a browser installed while the server runs is found within this
_FOUND: dict[tuple[str | None, str | None], tuple[float, str | None]] = {}  # (BROWSER_PATH, PATH) -> (when, path)


INSTALL_HINT = ("install Debian's Chromium with `make browser` (or `sudo apt-get install chromium`), "
                "or set BROWSER_PATH to a Chromium executable")


class RenderError(RuntimeError):
    """A chart could not be rendered; the message says what to do."""


class RenderUnavailable(RenderError):
    """No browser to render with on this machine: the message names what is missing and how to install it."""


def browser_path() -> str | None:
    """The Chromium kaleido would start: BROWSER_PATH if set, else the first Chromium-like browser on PATH. Looked
    up again at most every FIND_SECONDS for the same BROWSER_PATH and PATH: the search costs ~8 ms, and every
    chart's download popover asks on every run of its page."""
    from choreographer.browsers.chromium import Chromium  # noqa: PLC0415 (imported when a chart is exported)

    key, now = (os.environ.get("BROWSER_PATH"), os.environ.get("PATH")), time.monotonic()
    found = _FOUND.get(key)
    if found is None or now - found[0] > FIND_SECONDS:
        found = _FOUND[key] = (now, Chromium.find_browser(skip_local=False))
    return found[1]


def missing_browser() -> str | None:
    """Why no browser can be started here (without starting one), or None when an executable is in place."""
    path = browser_path()
    if path is None:
        return f"Chart export needs Chromium, and none was found on this machine: {INSTALL_HINT}."
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        return f"Chart export needs Chromium, and there is none at {path}: {INSTALL_HINT}."
    return None


# NOTE: not kaleido.start_sync_server. Its sync server shares one result queue between callers (two threads
# exporting at once can swap images) and, when Chromium fails to start, every later call blocks forever
# (measured here with BROWSER_PATH=/nonexistent). A private event loop holding one `kaleido.Kaleido` gives
# the same single warm browser, with errors and timeouts reaching the caller. mathjax=False: otherwise
# kaleido loads MathJax from a CDN (shared/reference/offline-stack.md); plotly.js comes from the plotly package.
class Renderer:
    """A kaleido browser on its own event loop thread; any thread may call `render`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._browser: kaleido.Kaleido | None = None
        self.failure: str | None = None  # why the last start failed, until one succeeds

    def render(self, figure: dict[str, Any], opts: dict[str, Any], topojson: str | None = None) -> bytes:
        loop, browser = self.started()
        future = asyncio.run_coroutine_threadsafe(browser.calc_fig(figure, opts=opts, topojson=topojson), loop)
        try:
            # kaleido's own per-image timeout fires first; this one catches a browser that stopped answering
            return bytes(future.result(RENDER_SECONDS + 15))
        except FutureTimeout:
            future.cancel()
            self.stop()  # a browser that hung once is not trusted with the next chart
            raise RenderError(f"Rendering the chart took longer than {RENDER_SECONDS:.0f} s; try again.") from None

    def is_running(self) -> bool:
        return self._browser is not None

    def stop(self) -> None:
        with self._lock:
            loop, browser, self._loop, self._browser = self._loop, self._browser, None, None
        if loop is None:
            return
        if browser is not None:
            _wait(asyncio.run_coroutine_threadsafe(browser.close(), loop), 20)
        loop.call_soon_threadsafe(loop.stop)

    def started(self) -> tuple[asyncio.AbstractEventLoop, kaleido.Kaleido]:
        with self._lock:
            if self._loop is None or self._browser is None:
                self._loop, self._browser = self._start()
            return self._loop, self._browser

    def _start(self) -> tuple[asyncio.AbstractEventLoop, kaleido.Kaleido]:
        if missing := missing_browser():
            self.failure = missing
            raise RenderUnavailable(missing)
        path = browser_path()
        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, name="r2p-chart-renderer", daemon=True).start()
        try:
            browser = _wait(asyncio.run_coroutine_threadsafe(_open(path), loop), START_SECONDS)
        except Exception as error:
            loop.call_soon_threadsafe(loop.stop)
            self.failure = (f"Chart export needs Chromium, and the one at {path} did not start "
                            f"({_first_line(error)}): {INSTALL_HINT}.")
            raise RenderUnavailable(self.failure) from None
        self.failure = None
        return loop, browser


async def _open(path: str | None) -> kaleido.Kaleido:
    import kaleido  # noqa: PLC0415 NOTE: a third of a second; `r2p` imports this module only for its errors

    browser = kaleido.Kaleido(n=1, mathjax=False, timeout=RENDER_SECONDS, path=path)
    await browser.open()
    return browser


def _first_line(error: BaseException) -> str:
    """The start error in a few words; never kaleido's advice to download a browser (this machine is offline)."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return type(error).__name__ if "get_chrome" in text else text[:200]


def _wait(future: Future, seconds: float) -> Any:
    try:
        return future.result(seconds)
    except FutureTimeout:
        future.cancel()
        raise TimeoutError(f"no answer within {seconds:.0f} s") from None


_RENDERER = Renderer()
atexit.register(_RENDERER.stop)


def render(figure: dict[str, Any], fmt: str, width: int, height: int, scale: float = 1,
           topojson: str | None = None) -> bytes:
    """PNG, SVG or PDF bytes of a plotly figure (as a dict), through the process's one warm browser.
    `topojson`: where geo maps find their outlines (local files only; see charts._offline_topojson)."""
    return _RENDERER.render(figure, {"format": fmt, "width": width, "height": height, "scale": scale}, topojson)


def warm_up() -> None:
    """Start the browser now rather than on the first export (a page or test can pay the ~5 s up front)."""
    _RENDERER.started()


def is_running() -> bool:
    return _RENDERER.is_running()


def unavailable_reason() -> str | None:
    """Why charts cannot be exported in this process (no browser, or it would not start), else None. Cheap:
    it starts nothing, so a page can ask before drawing its download buttons."""
    return missing_browser() or (None if _RENDERER.is_running() else _RENDERER.failure)


def stop() -> None:
    """Close the browser (it starts again on the next export)."""
    _RENDERER.stop()
