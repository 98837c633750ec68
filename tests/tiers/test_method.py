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
        definition = {k: v for k, v in unchanged.model_dump(mode="json").items()
                      if k not in ("model", "profile", "ensemble")}
        expected = hashlib.sha256(json.dumps(definition, sort_keys=True).encode()).hexdigest()
        assert unchanged.digest() == expected
    # NOTE: the digests warehouses store: adding a block to TierMethod must not change them.
    assert method("composite-1").digest() == "db0bbe18958dd49edf6966a018cd7b3e52961f6f80f6eedd8cdb41b091ae581c"
    assert method("ewp-1").digest() == "6a20dd4423d907a1d101109354dbcd55147a59ee0de219de67ca8f935528a965"
    assert method("forecast-1").digest() == "ed58890593b8757dac0e33ae05a49b1da1db44015b9de7d664ae0347f6dd8bc7"


def test_the_profile_and_ensemble_methods_declare_validated_blocks() -> None:
    profile, ensemble = method("composite-2").model_dump(), method("ensemble-1").model_dump()
    assert TierMethod(**profile) == method("composite-2") and TierMethod(**ensemble) == method("ensemble-1")
    assert method("composite") == method("composite-1")  # the id still opens the first version
    for wrong in ({"profile": None}, {"scoring": "composite"}, {"ensemble": ensemble["ensemble"]}):
        with pytest.raises(ValidationError, match="needed by, and only by"):
            TierMethod(**profile | wrong)
    with pytest.raises(ValidationError, match="flags must be"):
        TierMethod(**profile | {"profile": profile["profile"] | {"flags": ["ucdp.battle_deaths"]}})
    with pytest.raises(ValidationError):
        TierMethod(**profile | {"profile": profile["profile"] | {"min_country_share": 1.5}})
    with pytest.raises(ValidationError, match="needed by, and only by"):
        TierMethod(**ensemble | {"ensemble": None})
    for wrong in ({"parts": ensemble["ensemble"]["parts"][:1]}, {"missing_part": "rank_what_it_has"},
                  {"parts": [{"method": "ewp", "past_years": "ewp-foos"}, {"method": "forecast-1"}]}):
        with pytest.raises(ValidationError):
            TierMethod(**ensemble | {"ensemble": ensemble["ensemble"] | wrong})
    shipped = method("forecast-1").model_dump()
    retuned = shipped["model"] | {"estimator": shipped["model"]["estimator"] | {"learning_rate": 0.1}}
    assert TierMethod(**shipped | {"model": retuned}).digest() != method("forecast-1").digest()
