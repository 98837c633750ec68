"""Recompute and store every method's scores inside a warehouse write (after init and every ingest)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import duckdb
import pandas as pd

from r2p.tiers.dispatch import score_method
from r2p.tiers.ensemble import ensemble_refresh
from r2p.tiers.forecast_refresh import forecast_refresh, kept_scores
from r2p.tiers.method import TierMethod, methods
from r2p.warehouse.queries import run, staged


class MethodChanged(RuntimeError):
    """A method's definition changed but its version number did not."""


def refresh_scores(connection: duckdb.DuckDBPyConnection, chosen: tuple[TierMethod, ...] | None = None) -> dict:
    """Replace the stored scores of each method version; returns {version label: rows stored}."""
    catalog = run(connection, "read/indicator_directions")
    stored = {}
    # NOTE: an ensemble ranks other methods' stored scores, so it is refreshed after them (sorted() is stable).
    for method in sorted(chosen or methods(), key=lambda m: m.scoring == "ensemble"):
        _check_unchanged(connection, method)
        if method.scoring == "forecast":
            scores = forecast_refresh(connection, method)
            if scores is None:  # its inputs are unchanged since its stored scores: keep them, no retraining
                stored[method.label] = kept_scores(connection, method)
                continue
        elif method.scoring == "ensemble":
            scores = ensemble_refresh(connection, method)
        else:
            flags = list(method.profile.flags) if method.profile is not None else []  # shown beside, not scored
            observations = run(connection, "read/observations_of_indicators",
                               {"indicator_ids": [i.id for i in method.indicators] + flags})
            scores = _scores(observations, method, catalog)
        run(connection, "write/drop_scores", {"method_version": method.label})
        if not scores.empty:
            with staged(connection, staged_score=scores):
                run(connection, "write/add_scores")
        stored[method.label] = len(scores)
    return stored


def _scores(observations: pd.DataFrame, method: TierMethod, catalog: pd.DataFrame) -> pd.DataFrame:
    if observations.empty:
        return pd.DataFrame()
    periods = list(range(int(observations["period"].min()), int(observations["period"].max()) + 1))
    return score_method(observations, method, catalog, periods)


def _check_unchanged(connection: duckdb.DuckDBPyConnection, method: TierMethod) -> None:
    previous = run(connection, "read/tier_method_digest", {"version": method.label})
    if len(previous) and previous.iloc[0, 0] not in (None, method.digest()):
        raise MethodChanged(
            f"Tier method {method.label} was edited but keeps version {method.version}: scores are stored per "
            f"version, so give the edited method a new version number in r2p/catalog/methods/{method.id}.yml."
        )
    if not len(previous):
        run(connection, "write/add_tier_method", {
            "version": method.label, "name": method.name, "created_at": datetime.now(UTC),
            "definition": json.dumps(method.model_dump(mode="json")), "digest": method.digest()})
