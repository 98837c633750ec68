"""The indicator catalog and source list validate, and every indicator maps to UN Framework factors."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from r2p.catalog import RISK_FACTORS, Indicator, indicators, indicators_frame, sources


def test_catalog_loads_and_every_indicator_names_a_known_source_and_factor() -> None:
    known = {s.id for s in sources()}
    for indicator in indicators():
        assert indicator.source in known
        assert set(indicator.risk_factors) <= set(RISK_FACTORS)
        assert indicator.valid_min < indicator.valid_max
    assert indicators_frame()["id"].is_unique


def test_exactly_one_demo_source() -> None:
    assert [s.id for s in sources() if s.demo] == ["demo"]


def test_the_schema_refuses_a_factor_outside_1_to_14() -> None:
    with pytest.raises(ValidationError, match="risk factor"):
        Indicator(id="x.y", name="n", unit="u", higher_is_worse=True, risk_factors=(15,), source="table",
                  valid_min=0, valid_max=1, description="")
