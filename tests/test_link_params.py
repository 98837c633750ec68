"""Values carried in a link are checked against what exists; nothing from the URL is trusted."""

from __future__ import annotations

from r2p.link_params import parse_codes, resolve_method


def test_codes_are_kept_in_order_once_and_unknown_ones_are_dropped() -> None:
    kept, dropped = parse_codes(" sdn,MMR,,XXX,sdn,<script>", ["SDN", "MMR", "ETH"], limit=8, upper=True)
    assert kept == ["SDN", "MMR"] and dropped == ["XXX", "<SCRIPT>"]


def test_codes_beyond_the_limit_are_dropped() -> None:
    assert parse_codes("a,b,c", ["a", "b", "c"], limit=2) == (["a", "b"], ["c"])
    assert parse_codes(None, ["a"], limit=2) == ([], [])


def test_a_method_comes_from_the_link_then_the_setting_then_the_first_shipped() -> None:
    assert resolve_method("ewp-1", "composite") == ("ewp-1", [])
    assert resolve_method(None, "composite") == ("composite-1", [])
    label, notices = resolve_method("nope-9", "composite")
    assert label == "composite-1" and "'nope-9'" in notices[0]
    label, notices = resolve_method(None, "also-wrong")
    assert label and "R2P_TIER_METHOD" in notices[0]
