"""Permalinks: the view's own keys, as the full URL when the page knows it, else a link relative to the app."""

from __future__ import annotations

from datetime import date

from r2p.exports.links import permalink
from r2p.view import ViewState

VIEW = ViewState("SDN", 2025, "ewp.risk_2yr", "composite-1", since=date(2025, 11, 23))


def test_the_link_holds_the_views_params_in_their_order() -> None:
    link = permalink("http://localhost:8501/meeting-prep", "meeting-prep", VIEW)
    assert link == ("http://localhost:8501/meeting-prep?country=SDN&period=2025&indicator=ewp.risk_2yr"
                    "&method=composite-1&since=2025-11-23")


def test_without_the_page_url_the_link_is_relative_and_values_are_encoded() -> None:
    link = permalink(None, "trends", ViewState("SDN", 2025, "a b&c", countries=("SDN", "MMR"), indicators=()))
    assert link == "/trends?country=SDN&period=2025&indicator=a+b%26c&countries=SDN,MMR&indicators="
    assert permalink("", "/", VIEW).startswith("/?country=SDN&")


def test_a_query_or_fragment_already_in_the_page_url_is_replaced() -> None:
    assert permalink("https://r2p.example.org/country?x=1#top", "country", ViewState("MMR", 2020, "i")) == \
        "https://r2p.example.org/country?country=MMR&period=2020&indicator=i"
