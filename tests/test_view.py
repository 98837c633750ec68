"""The view a link encodes: valid parts kept, invalid parts replaced with a notice, echoed back as link params."""

from __future__ import annotations

import dataclasses
from datetime import date

import pandas as pd
import pytest

from r2p.tiers.method import resolve_method
from r2p.view import Options, ViewState, default_view, parse_codes, resolve_view

OPTIONS = Options(
    countries=pd.DataFrame({"iso3": ["MMR", "SDN", "ETH"], "name": ["Myanmar", "Sudan", "Ethiopia"]}),
    indicators=pd.DataFrame({"indicator_id": ["ewp.risk_2yr", "wdi.infant_mortality"], "name": ["Risk", "IMR"],
                             "first_period": [1994, 1990], "last_period": [2025, 2024]}),
)
FALLBACK = ViewState("SDN", 2025, "ewp.risk_2yr")


def test_default_prefers_ewp_risk_in_its_latest_year() -> None:
    assert default_view(OPTIONS, "MMR") == ViewState("MMR", 2025, "ewp.risk_2yr")
    assert default_view(OPTIONS, "XXX").country == "MMR"


def test_the_default_year_is_the_tier_methods_current_period_when_the_indicator_spans_it() -> None:
    assert default_view(OPTIONS, "MMR", 2020).period == 2020
    assert default_view(OPTIONS, "MMR", 2031).period == 2025  # outside the span: the indicator's latest year
    assert resolve_view({}, OPTIONS, ViewState("SDN", 2020, "ewp.risk_2yr"))[0].period == 2020
    view, notices = resolve_view({"period": "1066"}, OPTIONS, ViewState("SDN", 2020, "ewp.risk_2yr"))
    assert view.period == 2020 and "showing 2020" in notices["period"][0]


def test_a_valid_link_is_taken_as_is_and_case_is_forgiven() -> None:
    view, notices = resolve_view({"country": "mmr", "period": "1995", "indicator": "wdi.infant_mortality"},
                                 OPTIONS, FALLBACK)
    assert (view, notices) == (ViewState("MMR", 1995, "wdi.infant_mortality"), {})


def test_each_invalid_part_falls_back_with_its_own_notice() -> None:
    view, notices = resolve_view({"country": "ZZZ", "period": "abc", "indicator": "nope"}, OPTIONS, FALLBACK)
    assert view == FALLBACK
    assert list(notices) == ["country", "indicator", "period"]
    assert "Unknown country 'ZZZ'" in notices["country"][0] and "Unknown indicator 'nope'" in notices["indicator"][0]
    assert "Year 'abc'" in notices["period"][0]


def test_a_year_outside_the_indicators_span_falls_back_to_its_latest() -> None:
    view, notices = resolve_view({"indicator": "wdi.infant_mortality", "period": "2025"}, OPTIONS, FALLBACK)
    assert view.period == 2024 and "1990–2024" in notices["period"][0]


def test_an_empty_link_is_the_fallback_without_notices() -> None:
    assert resolve_view({}, OPTIONS, FALLBACK) == (FALLBACK, {})


def test_the_comparison_and_the_date_round_trip_through_the_params() -> None:
    view = ViewState("SDN", 2020, "ewp.risk_2yr", "ewp-1", ("SDN", "MMR"), ("wdi.infant_mortality",),
                     date(2024, 1, 1))
    assert view.as_params() == {"country": "SDN", "period": "2020", "indicator": "ewp.risk_2yr", "method": "ewp-1",
                                "countries": "SDN,MMR", "indicators": "wdi.infant_mortality", "since": "2024-01-01"}
    # the method is left to the one door for it, r2p.tiers.method.resolve_method
    assert resolve_view(view.as_params(), OPTIONS, FALLBACK) == (dataclasses.replace(view, method=""), {})
    assert FALLBACK.as_params() == {"country": "SDN", "period": "2025", "indicator": "ewp.risk_2yr"}


def test_codes_are_kept_in_order_once_and_unknown_ones_are_dropped() -> None:
    kept, dropped = parse_codes(" sdn,MMR,,XXX,sdn,<script>", ["SDN", "MMR", "ETH"], limit=8, upper=True)
    assert kept == ["SDN", "MMR"] and dropped == ["XXX", "<SCRIPT>"]


def test_codes_beyond_the_limit_are_dropped() -> None:
    assert parse_codes("a,b,c", ["a", "b", "c"], limit=2) == (["a", "b"], ["c"])
    assert parse_codes(None, ["a"], limit=2) == ([], [])


def test_dropped_comparison_codes_are_named_and_a_link_of_only_bad_codes_keeps_the_fallback() -> None:
    view, notices = resolve_view({"countries": "sdn,XXX", "indicators": "no.such"}, OPTIONS, FALLBACK)
    assert view.countries == ("SDN",) and view.indicators is None
    assert "Country code(s) 'XXX' in the link are unknown" in notices["countries"][0]
    assert "Indicator(s) 'no.such' in the link are unknown (or too many, at most 6)" in notices["indicators"][0]


def test_an_emptied_comparison_stays_empty() -> None:
    view, notices = resolve_view({"countries": "", "indicators": "ewp.risk_2yr"}, OPTIONS, FALLBACK)
    assert (view.countries, view.indicators, notices) == ((), ("ewp.risk_2yr",), {})


@pytest.mark.parametrize("value", ["last tuesday", "2024-02-30", "20240101", "２０２４-01-01", "2024-W01-1"])
def test_a_since_that_is_not_an_ascii_date_is_refused_with_a_notice(value: str) -> None:
    view, notices = resolve_view({"since": value}, OPTIONS, FALLBACK)
    assert view.since is None and "is not a date (YYYY-MM-DD); using a year ago" in notices["since"][0]
    assert resolve_view({"since": " 2001-02-03 "}, OPTIONS, FALLBACK)[0].since == date(2001, 2, 3)


def test_a_method_comes_from_the_request_then_the_first_preferred_with_scores_then_a_shipped_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert [resolve_method("ewp-1")[0].label, resolve_method("ewp")[0].label] == ["ewp-1", "ewp-1"]
    # R2P_TIER_METHOD's default order of preference: ensemble, forecast, composite; the first with scores.
    assert resolve_method(None) == (resolve_method("ensemble")[0], [])  # scores not known: the first preferred
    assert resolve_method(None, scored=["composite-1", "ewp-1"])[0].label == "composite-1"  # no forecast scores
    assert resolve_method(None, scored=["forecast-1", "composite-1"])[0].label == "forecast-1"
    assert resolve_method(None, scored=["ewp-1"])[0].label == "ewp-1"  # no preferred one scored: a scored one
    assert resolve_method(None, scored=[])[0].label == "composite-1"  # nothing scored: the first shipped
    assert resolve_method("ewp", scored=[])[0].label == "ewp-1"  # what is asked for is given, scored or not
    chosen, notices = resolve_method("nope-9", scored=["composite-1"])
    assert chosen.label == "composite-1" and "'nope-9' in the link" in notices[0]
    monkeypatch.setenv("R2P_TIER_METHOD", "also-wrong")
    chosen, notices = resolve_method(None)
    assert chosen.label and "'also-wrong' in R2P_TIER_METHOD" in notices[0]
    with pytest.raises(KeyError, match="unknown tier method 'also-wrong'"):
        resolve_method(None, strict=True)


NO_DATA = Options(countries=OPTIONS.countries, indicators=OPTIONS.indicators.iloc[0:0])  # before any ingest


def test_with_no_indicator_data_the_view_has_no_indicator_and_keeps_its_year() -> None:
    assert default_view(NO_DATA, "SDN", 2024) == ViewState("SDN", 2024, "")
    assert default_view(NO_DATA, None, None) == ViewState("MMR", date.today().year, "")
    assert "indicator" not in ViewState("SDN", 2024, "").as_params()


def test_with_no_indicator_data_a_link_keeps_its_country_and_nothing_else_is_corrected() -> None:
    fallback = default_view(NO_DATA, "MMR", 2024)
    view, notices = resolve_view({"country": "sdn", "indicator": "ewp.risk_2yr", "period": "1990"}, NO_DATA, fallback)
    assert (view, notices) == (ViewState("SDN", 2024, ""), {})
