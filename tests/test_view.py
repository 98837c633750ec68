"""The view a link encodes: valid parts kept, invalid parts replaced with a notice."""

from __future__ import annotations

import pandas as pd

from r2p.view import Options, ViewState, default_view, resolve_view

OPTIONS = Options(
    countries=pd.DataFrame({"iso3": ["MMR", "SDN"], "name": ["Myanmar", "Sudan"]}),
    indicators=pd.DataFrame({"indicator_id": ["ewp.risk_2yr", "wdi.infant_mortality"], "name": ["Risk", "IMR"],
                             "first_period": [1994, 1990], "last_period": [2025, 2024]}),
)
FALLBACK = ViewState("SDN", 2025, "ewp.risk_2yr")


def test_default_prefers_ewp_risk_in_its_latest_year() -> None:
    assert default_view(OPTIONS, "MMR") == ViewState("MMR", 2025, "ewp.risk_2yr")
    assert default_view(OPTIONS, "XXX").country == "MMR"


def test_a_valid_link_is_taken_as_is_and_case_is_forgiven() -> None:
    view, notices = resolve_view({"country": "mmr", "period": "1995", "indicator": "wdi.infant_mortality"},
                                 OPTIONS, FALLBACK)
    assert (view, notices) == (ViewState("MMR", 1995, "wdi.infant_mortality"), [])


def test_each_invalid_part_falls_back_with_its_own_notice() -> None:
    view, notices = resolve_view({"country": "ZZZ", "period": "abc", "indicator": "nope"}, OPTIONS, FALLBACK)
    assert view == FALLBACK
    assert len(notices) == 3
    assert "Unknown country 'ZZZ'" in notices[0] and "Unknown indicator 'nope'" in notices[1]
    assert "Year 'abc'" in notices[2]


def test_a_year_outside_the_indicators_span_falls_back_to_its_latest() -> None:
    view, notices = resolve_view({"indicator": "wdi.infant_mortality", "period": "2025"}, OPTIONS, FALLBACK)
    assert view.period == 2024 and "1990–2024" in notices[0]


def test_an_empty_link_is_the_fallback_without_notices() -> None:
    assert resolve_view({}, OPTIONS, FALLBACK) == (FALLBACK, [])
