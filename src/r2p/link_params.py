"""Values a link may carry beyond the shared view (tier method, Trends comparison): validated, never trusted."""

from __future__ import annotations

from collections.abc import Sequence

from r2p.tiers.method import method, methods

MAX_ECHO = 80  # how much of a bad link value a notice repeats: enough to recognise it, not a page of it
MAX_LISTED = 5  # dropped codes named in one notice; the rest are counted


def parse_codes(raw: str | None, allowed: Sequence[str], limit: int,
                upper: bool = False) -> tuple[list[str], list[str]]:
    """Split a comma-separated link value into known codes (in order, once each, at most `limit`) and the
    dropped ones (unknown, or beyond the limit)."""
    known = set(allowed)
    kept: list[str] = []
    dropped: list[str] = []
    for part in (raw or "").split(","):
        code = part.strip().upper() if upper else part.strip()
        if not code or code in kept or code in dropped:
            continue
        (kept if code in known and len(kept) < limit else dropped).append(code)
    return kept, dropped


def resolve_method(requested: str | None, default: str) -> tuple[str, list[str]]:
    """The tier-method version label a link asks for, else the configured default, else the first shipped
    method — with a notice for each value that could not be used."""
    notices: list[str] = []
    for candidate, origin in ((requested, "in the link"), (default, "in R2P_TIER_METHOD")):
        if not candidate:
            continue
        try:
            return method(candidate).label, notices
        except KeyError:
            notices.append(f"Unknown tier method {echoed(candidate)} {origin}; it was ignored.")
    return methods()[0].label, notices


def echoed(value: object) -> str:
    """A value from a link, quoted for a notice and cut to MAX_ECHO characters (a link may hold anything)."""
    text = repr(value)
    return text if len(text) <= MAX_ECHO else f"{text[:MAX_ECHO]}… ({len(text)} characters)"


def listed(codes: Sequence[str]) -> str:
    """Dropped link codes for one notice: the first MAX_LISTED quoted, the rest counted."""
    named = ", ".join(echoed(code) for code in codes[:MAX_LISTED])
    return named + (f" and {len(codes) - MAX_LISTED} more" if len(codes) > MAX_LISTED else "")
