"""Hostile link values (markup, SQL, 10 kB, odd Unicode) fall back to defaults with short notices."""

from __future__ import annotations

import pandas as pd
import pytest

from r2p.quoting import MAX_ECHO, echoed, listed
from r2p.tiers.method import resolve_method
from r2p.view import Options, ViewState, parse_codes, resolve_view

OPTIONS = Options(
    countries=pd.DataFrame({"iso3": ["MMR", "SDN"], "name": ["Myanmar", "Sudan"]}),
    indicators=pd.DataFrame({"indicator_id": ["ewp.risk_2yr"], "name": ["Risk"], "first_period": [1994],
                             "last_period": [2025]}),
)
FALLBACK = ViewState("SDN", 2025, "ewp.risk_2yr")
HOSTILE = ["<script>window.__xss=1</script>", "' OR 1=1 --", "x" * 10_000, "２０２５", "1_995", "SDN\u200b",
           "ＳＤＮ", "ewp.risk_2yr\x00", "![x](http://127.0.0.1:1/x.png)", "9" * 5000]


@pytest.mark.parametrize("value", HOSTILE)
def test_every_part_falls_back_with_a_short_notice(value: str) -> None:
    view, by_key = resolve_view({"country": value, "period": value, "indicator": value}, OPTIONS, FALLBACK)
    notices = [notice for key in by_key for notice in by_key[key]]
    assert view == FALLBACK
    assert len(notices) == 3 and all(len(notice) < 3 * MAX_ECHO + 100 for notice in notices)


def test_a_long_value_is_echoed_cut_and_counted() -> None:
    assert echoed("x" * 10_000).endswith("… (10002 characters)") and len(echoed("x" * 10_000)) < MAX_ECHO + 25
    assert echoed("<b>") == "'<b>'"


def test_ten_thousand_bad_codes_make_one_bounded_notice() -> None:
    kept, dropped = parse_codes(",".join(f"X{n}" for n in range(10_000)) + ",SDN", ["SDN"], limit=8, upper=True)
    assert kept == ["SDN"] and len(dropped) == 10_000
    assert listed(dropped) == "'X0', 'X1', 'X2', 'X3', 'X4' and 9995 more"


@pytest.mark.parametrize("value", HOSTILE)
def test_an_unknown_method_falls_back_to_the_default(value: str) -> None:
    chosen, notices = resolve_method(value, scored=["composite-1"])  # the preferred methods have none here
    assert chosen.label == "composite-1" and len(notices) == 1 and len(notices[0]) < MAX_ECHO + 100
