"""Password guessing is slowed: five failures in 15 minutes lock a name (known or not) until the window passes."""

from __future__ import annotations

import pytest

from r2p.access.accounts import SignInRefused
from r2p.access.throttle import Throttle


class Clock:
    """A clock the test moves by hand, so nothing depends on real time."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_fifth_failure_locks_the_name_until_the_window_passes() -> None:
    clock = Clock()
    throttle = Throttle(limit=5, window=900, clock=clock)
    for _ in range(4):
        throttle.check("ana")
        throttle.failed("ana")
    throttle.check("ana")  # four failures: still allowed
    throttle.failed("ANA ")  # names compare as people type them
    with pytest.raises(SignInRefused, match="too many failed attempts for this name; try again in 15 minute"):
        throttle.check("ana")
    throttle.check("ben")  # other names are not affected
    clock.now += 901
    throttle.check("ana")


def test_a_success_clears_the_count() -> None:
    throttle = Throttle(limit=2, window=900, clock=Clock())
    throttle.failed("ana")
    throttle.succeeded("ana")
    throttle.failed("ana")
    throttle.check("ana")
