"""Tier methods are validated data; a changed definition under an old version is refused."""

from __future__ import annotations

import hashlib
import json

import pytest
from pydantic import ValidationError

from r2p.tiers.method import TierMethod, method, methods
from r2p.tiers.refresh import MethodChanged, refresh_scores
from r2p.warehouse import Warehouse


def test_at_least_a_composite_and_a_direct_ewp_method_ship() -> None:
    assert {(m.label, m.scoring) for m in methods()} >= {("composite-1", "composite"), ("ewp-1", "direct")}
    assert method("composite") == method("composite-1")


def test_thresholds_must_fall_and_name_every_tier() -> None:
    good = method("ewp").model_dump()
    with pytest.raises(ValidationError, match="fall strictly"):
        TierMethod(**good | {"thresholds": {"Very high": 0.01, "High": 0.04, "Elevated": 0.02, "Moderate": 0.005,
                                            "Low": 0.0}})
    with pytest.raises(ValidationError, match="must name"):
        TierMethod(**good | {"thresholds": {"High": 0.04, "Low": 0.0}})


def test_indicators_must_be_catalogued() -> None:
    with pytest.raises(ValidationError, match="not in the catalog"):
        TierMethod(**method("ewp").model_dump() | {"indicators": [{"id": "nope.nothing", "weight": 1}]})


def test_editing_a_method_without_a_new_version_is_refused(warehouse: Warehouse) -> None:
    edited = TierMethod(**method("ewp").model_dump() | {"coverage_floor": 0.5})
    assert edited.label == "ewp-1"
    with pytest.raises(MethodChanged, match="new version number"), warehouse.write() as connection:
        refresh_scores(connection, (edited,))
    bumped = TierMethod(**edited.model_dump() | {"version": 2})
    with warehouse.write() as connection:
        assert refresh_scores(connection, (bumped,))["ewp-2"] > 0


def test_a_forecast_method_declares_a_validated_model_block() -> None:
    shipped = method("forecast-1").model_dump()
    assert TierMethod(**shipped) == method("forecast-1")
    with pytest.raises(ValidationError, match="needed by, and only by"):
        TierMethod(**shipped | {"model": None})
    with pytest.raises(ValidationError, match="needed by, and only by"):
        TierMethod(**method("ewp").model_dump() | {"model": shipped["model"]})
    with pytest.raises(ValidationError, match="outcome nope.nothing is not in the catalog"):
        TierMethod(**shipped | {"model": shipped["model"] | {"outcome": "nope.nothing"}})
    with pytest.raises(ValidationError, match="cannot also be a predictor"):
        TierMethod(**shipped | {"model": shipped["model"] | {"outcome": shipped["indicators"][0]["id"]}})
    estimator = shipped["model"]["estimator"]
    for wrong in ({"early_stopping": True}, {"learning_rate": 0}, {"n_iter_no_change": 5}, {"kind": "xgboost"}):
        with pytest.raises(ValidationError):
            TierMethod(**shipped | {"model": shipped["model"] | {"estimator": estimator | wrong}})


def test_methods_without_a_model_keep_the_digest_they_were_stored_under() -> None:
    for unchanged in (method("composite-1"), method("ewp-1")):
        definition = {k: v for k, v in unchanged.model_dump(mode="json").items() if k != "model"}
        expected = hashlib.sha256(json.dumps(definition, sort_keys=True).encode()).hexdigest()
        assert unchanged.digest() == expected
    shipped = method("forecast-1").model_dump()
    retuned = shipped["model"] | {"estimator": shipped["model"]["estimator"] | {"learning_rate": 0.1}}
    assert TierMethod(**shipped | {"model": retuned}).digest() != method("forecast-1").digest()
