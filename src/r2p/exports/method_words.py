"""A tier method in plain words for readers of the pack: its settings stated as what they mean, never as the
configuration keys they are stored under."""

from __future__ import annotations

import re

from r2p.tiers.method import TierMethod

_QUOTED_KEY = re.compile(r"`([a-z][a-z0-9_]*)`")


def method_in_words(method: TierMethod) -> tuple[str, ...]:
    """What the method does, where its tiers start, and when a country has too little recent data."""
    return (
        f"Tier method: {method.name} (version {method.label}). {_described(method)}",
        "Tiers start at these scores: "
        + "; ".join(f"{tier} from {bound:g}" for tier, bound in method.thresholds.items()) + ".",
        f"{_staleness(method.stale_after_years)} A country whose recent data "
        f"cover less than {method.coverage_floor:.0%} of what the method weighs is shown as Insufficient data "
        "rather than given a tier.",
        "The model tier is computed from the data; the analyst's tier is a person's judgement, recorded beside it "
        "and never overwriting it.",
    )


def _described(method: TierMethod) -> str:
    """The method's description with each quoted setting replaced by what it is set to, in words."""
    words = {"stale_after_years": _years(method.stale_after_years),
             "coverage_floor": f"{method.coverage_floor:.0%}",
             "reference_period": f"{method.reference_period[0]}–{method.reference_period[1]}"}
    return _QUOTED_KEY.sub(lambda found: words.get(found.group(1), found.group(1).replace("_", " ")),
                           " ".join(method.description.split()))


def _staleness(years: int) -> str:
    if years == 0:
        return "Only values for the scored year itself count."
    return f"A value more than {_years(years)} older than the scored year counts as missing."


def _years(count: int) -> str:
    return "one year" if count == 1 else f"{count} years"
