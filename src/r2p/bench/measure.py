"""Timing and memory helpers: wall-clock repeats with percentiles, and peak resident memory."""

from __future__ import annotations

import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Progress = Callable[[str], None]


def stderr_progress(message: str) -> None:
    """Progress goes to stderr, so stdout carries only the JSON."""
    print(f"[r2p bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds one call took, and what it returned."""
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def repeat_ms(function: Callable[[], Any], runs: int, warm_up: int = 1) -> list[float]:
    """Milliseconds of `runs` calls after `warm_up` unmeasured ones (the first run pays for opening files)."""
    for _ in range(warm_up):
        function()
    return [timed(function)[0] * 1000 for _ in range(runs)]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 30 runs is the 29th fastest), so it is always a measured value."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]


def latency(values_ms: list[float]) -> dict[str, float]:
    return {"p50_ms": round(statistics.median(values_ms), 2), "p95_ms": round(percentile(values_ms, 0.95), 2),
            "runs": len(values_ms)}


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB.

    NOTE: Linux's VmHWM, not getrusage's ru_maxrss: ru_maxrss survives exec, so a child started by a large
    parent would report the parent's size as its own peak."""
    try:
        status = Path("/proc/self/status").read_text(encoding="utf-8").splitlines()
        return round(next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024, 1)
    except (OSError, StopIteration):
        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux
