"""Release vintages: which releases each source holds, and what one release said ("what did EWP 2023 say?")."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from r2p.tiers.dispatch import score_method
from r2p.tiers.method import TierMethod
from r2p.warehouse.queries import Readable, query


def releases_held(warehouse: Readable, source_id: str | None = None) -> pd.DataFrame:
    """source_id, release, published, loads, current_values, vintage_values, in_force: newest release first.

    A release is in force when it holds any current value; the others are vintages."""
    held = query(warehouse, "read/source_releases")
    return held if source_id is None else held[held["source_id"] == source_id].reset_index(drop=True)


def release_values(warehouse: Readable, source_id: str, release: str, iso3: str | None = None,
                   indicator_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Every value one release of a source stated, current or not: iso3, indicator_id, period, value,
    is_current (False: a newer release replaced it), release, published, ingest_id."""
    return query(warehouse, "read/release_values", {
        "source_id": source_id, "release": release, "iso3": iso3,
        "indicator_ids": list(indicator_ids) if indicator_ids else None})


def release_tiers(warehouse: Readable, method: TierMethod, source_id: str, release: str,
                  period: int | None = None) -> pd.DataFrame:
    """The tiers a method gives when one release's values stand in for the current values of every indicator that
    release states (other indicators as they are now): iso3, period, method_version, score, tier, coverage.

    NOTE: recomputed on the fly, not stored: a vintage's tiers are an answer to a question, never current data.
    Model-based (forecast) methods are trained once per load and are not recomputed here."""
    if method.scoring == "forecast":
        raise ValueError(f"{method.label} is a trained forecast: its tiers are not recomputed for a past release")
    wanted = [spec.id for spec in method.indicators]
    said = release_values(warehouse, source_id, release, indicator_ids=wanted)
    if said.empty:
        raise ValueError(f"{source_id} release {release!r} states none of the indicators {method.label} uses")
    now = query(warehouse, "read/observations_of_indicators", {"indicator_ids": wanted})
    values = pd.concat([now[~now["indicator_id"].isin(said["indicator_id"])],
                        said[["iso3", "indicator_id", "period", "value"]]], ignore_index=True)
    if values.empty:
        return pd.DataFrame(columns=["iso3", "period", "method_version", "score", "tier", "coverage"])
    periods = list(range(int(values["period"].min()), int(values["period"].max()) + 1))
    scores = score_method(values, method, query(warehouse, "read/indicator_directions"), periods)
    shown = scores[["iso3", "period", "method_version", "score", "tier", "coverage"]]
    return shown[shown["period"] == (period or int(said["period"].max()))].reset_index(drop=True)
