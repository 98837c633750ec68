"""Permalinks: the full URL when the page knows it, else a link relative to the app."""

from __future__ import annotations

from r2p.exports.links import permalink


def test_the_view_keys_come_first_then_the_page_keys() -> None:
    link = permalink("http://localhost:8501/meeting-prep", "meeting-prep",
                     {"since": "2025-11-23", "method": "composite-1", "indicator": "ewp.risk_2yr", "period": "2025",
                      "country": "SDN"})
    assert link == ("http://localhost:8501/meeting-prep?country=SDN&period=2025&indicator=ewp.risk_2yr"
                    "&since=2025-11-23&method=composite-1")


def test_without_the_page_url_the_link_is_relative_and_values_are_encoded() -> None:
    link = permalink(None, "trends", {"countries": "SDN,MMR", "note": "a b&c"})
    assert link == "/trends?countries=SDN,MMR&note=a+b%26c"
    assert permalink("", "/", {}) == "/"


def test_a_query_or_fragment_already_in_the_page_url_is_replaced() -> None:
    assert permalink("https://r2p.example.org/country?x=1#top", "country", {"country": "MMR"}) == \
        "https://r2p.example.org/country?country=MMR"
