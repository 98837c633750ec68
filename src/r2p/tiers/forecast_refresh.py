"""A forecast method's refresh: retrain only when its inputs changed; without them, store no scores."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import duckdb
import pandas as pd

from r2p.tiers.forecast import REVISION, estimator_version, forecast_scores, input_ids, missing_inputs
from r2p.tiers.forecast_drivers import explainer_version
from r2p.tiers.method import TierMethod
from r2p.tiers.scoring import SCORE_COLUMNS
from r2p.warehouse.queries import run


def inputs_digest(method: TierMethod, checksums: pd.DataFrame) -> str:
    """What the scores would be computed from: the definition, the code's revision, scikit-learn's and shap's
    versions and every input's checksum (checksums: indicator_id, observations, checksum)."""
    parts = {"method": method.digest(), "revision": REVISION, "estimator": estimator_version(),
             "explainer": explainer_version(),
             "inputs": checksums.astype(str).sort_values("indicator_id").to_numpy().tolist()}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def forecast_refresh(connection: duckdb.DuckDBPyConnection, method: TierMethod) -> pd.DataFrame | None:
    """The forecast's scores to store now, or None when its inputs are unchanged since the scores stored (keep
    them: no retraining). With a predictor or the outcome absent, an empty frame: it stores no scores."""
    ids = input_ids(method)
    checksums = run(connection, "read/observation_checksums", {"indicator_ids": ids})
    if missing_inputs(set(checksums["indicator_id"]), method):
        run(connection, "write/drop_score_inputs", {"method_version": method.label})
        return pd.DataFrame(columns=SCORE_COLUMNS)
    digest = inputs_digest(method, checksums)
    stored = run(connection, "read/score_inputs", {"method_version": method.label})
    if len(stored) and stored["inputs_digest"].iloc[0] == digest:
        return None
    scores = forecast_scores(run(connection, "read/observations_of_indicators", {"indicator_ids": ids}), method)
    run(connection, "write/set_score_inputs",
        {"method_version": method.label, "inputs_digest": digest, "scored_at": datetime.now(UTC)})
    return scores


def kept_scores(connection: duckdb.DuckDBPyConnection, method: TierMethod) -> int:
    """How many scores a forecast method keeps from an earlier refresh."""
    stored = run(connection, "read/score_inputs", {"method_version": method.label})
    return int(stored["scores"].iloc[0]) if len(stored) else 0
