"""Untrusted values (from a link, a setting) quoted for a notice: enough to recognise them, never a page of them."""

from __future__ import annotations

from collections.abc import Sequence

MAX_ECHO = 80  # how much of a bad link value a notice repeats: enough to recognise it, not a page of it
MAX_LISTED = 5  # dropped codes named in one notice; the rest are counted


def echoed(value: object) -> str:
    """A value from a link, quoted for a notice and cut to MAX_ECHO characters (a link may hold anything)."""
    text = repr(value)
    return text if len(text) <= MAX_ECHO else f"{text[:MAX_ECHO]}… ({len(text)} characters)"


def listed(codes: Sequence[str]) -> str:
    """Dropped link codes for one notice: the first MAX_LISTED quoted, the rest counted."""
    named = ", ".join(echoed(code) for code in codes[:MAX_LISTED])
    return named + (f" and {len(codes) - MAX_LISTED} more" if len(codes) > MAX_LISTED else "")
