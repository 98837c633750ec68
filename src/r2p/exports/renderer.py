"""One warm kaleido renderer per process: Debian's Chromium started once, lazily, shared by every thread."""

from __future__ import annotations

import asyncio
import atexit
import threading
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

import kaleido

START_SECONDS = 60.0  # Chromium's first start on 2 cores takes ~5 s; a minute means it is not coming
RENDER_SECONDS = 90.0  # a world map takes ~7 s warm; the same limit kaleido applies per image


class RenderError(RuntimeError):
    """A chart could not be rendered; the message says what to do."""


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
                loop = asyncio.new_event_loop()
                threading.Thread(target=loop.run_forever, name="r2p-chart-renderer", daemon=True).start()
                try:
                    self._browser = _wait(asyncio.run_coroutine_threadsafe(_open(), loop), START_SECONDS)
                except Exception as error:
                    loop.call_soon_threadsafe(loop.stop)
                    raise RenderError(f"Chart export needs Chromium (install Debian's `chromium`, or set "
                                      f"BROWSER_PATH): {error}") from error
                self._loop = loop
            return self._loop, self._browser


async def _open() -> kaleido.Kaleido:
    browser = kaleido.Kaleido(n=1, mathjax=False, timeout=RENDER_SECONDS)
    await browser.open()
    return browser


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


def stop() -> None:
    """Close the browser (it starts again on the next export)."""
    _RENDERER.stop()
