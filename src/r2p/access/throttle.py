"""Slows password guessing: after a few failed sign-ins, a name is refused for a while, whether or not it exists."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from r2p.access.accounts import SignInRefused

LIMIT = 5
WINDOW_SECONDS = 15 * 60


class Throttle:
    """Failed sign-ins per name within a window; shared by every session of one dashboard process."""

    def __init__(self, limit: int = LIMIT, window: float = WINDOW_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._limit, self._window, self._clock = limit, window, clock
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def check(self, name: str) -> None:
        """Raise SignInRefused while the name has had `limit` failures within the window."""
        with self._lock:
            recent = self._recent(name.strip().casefold())
        if len(recent) >= self._limit:
            minutes = max(1, round((recent[0] + self._window - self._clock()) / 60))
            raise SignInRefused(f"Sign-in refused: too many failed attempts for this name; try again in {minutes} "
                                "minute(s).")

    def failed(self, name: str) -> None:
        with self._lock:
            key = name.strip().casefold()
            self._failures[key] = [*self._recent(key), self._clock()]

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(name.strip().casefold(), None)

    def _recent(self, key: str) -> list[float]:
        cutoff = self._clock() - self._window
        return [moment for moment in self._failures.get(key, []) if moment > cutoff]


SIGN_INS = Throttle()  # NOTE: per process on purpose: a new browser session must not reset the count
