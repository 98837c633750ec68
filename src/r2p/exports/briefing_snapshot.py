"""A briefing's risk snapshot: the method's current period, the model tier beside the analyst's, the score and
what makes it up, and how those parts moved since the year before."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from r2p.read import profile
from r2p.tiers.method import TierMethod


@dataclass(frozen=True, eq=False)
class Snapshot:
    """The method's current period: model tier beside the analyst's, score, reliability and what makes up the
    score."""

    period: int | None
    model_tier: str
    assessed_tier: str
    assessment: str
    score: float | None
    reliability: float | None
    stale_share: float | None
    parts_kind: str
    parts: pd.DataFrame  # name, part
    reason: str | None  # why the tier is Insufficient data (None otherwise)
    driver_moves: pd.DataFrame  # name, before, now, shift: the parts' change since the year before (largest first)


def snapshot(history: pd.DataFrame, chosen: TierMethod, names: dict[str, str], period: int | None) -> Snapshot:
    """The country in the method's current `period` (r2p.tiers.current_period; empty when it was not scored then)."""
    row = None if period is None else profile.period_row(history, period)
    if row is not None and pd.isna(row["tier"]):
        row = None  # only an assessment in that period: the model did not score the country
    kind, parts = profile.score_parts(row, names)
    reason = profile.insufficiency_reason(row, chosen, names)
    if row is None:
        return Snapshot(None, "not scored", "none", "", None, None, None, kind, parts, reason, _shifts(parts, parts))
    assessed = "none" if pd.isna(row["assessed_tier"]) else str(row["assessed_tier"])
    note = "" if assessed == "none" else (f"by {row['assessed_by']} on {str(row['assessed_at'])[:10]}: "
                                          f"{row['assessed_rationale']}")
    before = profile.period_row(history, period - 1)
    moves = _shifts(profile.score_parts(before, names)[1] if before is not None else parts.iloc[0:0], parts)
    return Snapshot(period, str(row["tier"]), assessed, note, _number(row["score"]), _number(row["coverage"]),
                    _number(row["stale_share"]), kind, parts, reason, moves)


def _shifts(before: pd.DataFrame, now: pd.DataFrame) -> pd.DataFrame:
    """name, before, now, shift of each part held in both years, the largest shift (either way) first."""
    joined = before[["name", "part"]].merge(now[["name", "part"]], on="name", suffixes=("_before", "_now"))
    joined = joined.rename(columns={"part_before": "before", "part_now": "now"})
    joined["shift"] = joined["now"] - joined["before"]
    return joined.reindex(joined["shift"].abs().sort_values(ascending=False).index).reset_index(drop=True)


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
