"""Engagements you can rely on: the shipped registry is sourced, and an unsourced engagement reads as unverified."""

from __future__ import annotations

import pandas as pd

from r2p.engagement.analysis import engagement_view, has_source, unsourced_share
from r2p.engagement.registry import Registry
from tests.helpers.engagement import make_registry

MAX_UNSOURCED = 0.10  # issue 15: at most 10 % of the shipped registry's engagements without a source


def test_at_most_a_tenth_of_the_shipped_engagements_lack_a_source(shipped: Registry) -> None:
    share = unsourced_share(shipped.engagements)
    assert 0 <= share <= MAX_UNSOURCED, f"{share:.1%} of the shipped engagements have no source URL"


def test_every_shipped_source_is_a_web_link(shipped: Registry) -> None:
    urls = shipped.engagements["source_url"].dropna()
    urls = urls[urls.str.strip() != ""]
    assert has_source(urls).all(), list(urls[~has_source(urls)])


def test_an_engagement_without_a_source_is_unverified_whatever_its_flag_says() -> None:
    engagements = """engagement_id,actor_id,situation_id,kind,title,started,ended,verified,source_url,note
1,un.pko,sdn,mandate,Sourced and checked,2010-07-01,,true,https://undocs.org/S/RES/1590(2005),
2,un.sc.1,sdn,sanctions,Checked but no source,2005-03-29,,true,,
3,un.srsg_caac,sdn,mandate,Sourced but not checked,2024-06-11,,false,https://childrenandarmedconflict.un.org/,
"""
    view = engagement_view(make_registry(engagements=engagements)).set_index("engagement_id")
    assert list(view["sourced"]) == [True, False, True]
    assert list(view["verified"]) == [True, False, False]


def test_has_source_rejects_blanks_and_non_links() -> None:
    assert list(has_source(pd.Series(["https://a.org/", "http://b.org", "", None, "see note", " "]))) == \
        [True, True, False, False, False, False]


def test_unsourced_share_of_an_empty_registry_is_zero() -> None:
    assert unsourced_share(pd.DataFrame({"source_url": []})) == 0.0
