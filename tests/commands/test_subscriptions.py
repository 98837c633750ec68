"""`r2p subscriptions`: add (every value checked, nothing written on a bad one), list, remove; each write audited."""

from __future__ import annotations

import json

import pytest

from r2p.notify.subscriptions import subscriptions
from r2p.warehouse import Warehouse
from tests.helpers.cli import r2p


def test_add_list_and_remove(warehouse: Warehouse) -> None:
    added = r2p("subscriptions", "add", " Ana@Example.org ", "--countries", "mmr,SDN", "--min-tier", "high",
                "--rules", "tier-rise,fatality-spike", "--level", "2")
    assert added.returncode == 0, added.stderr
    assert "ana@example.org (countries MMR, SDN; tier High or higher" in added.stdout
    assert r2p("subscriptions", "add", "bo@example.org").returncode == 0
    listed = json.loads(r2p("subscriptions", "list", "--format", "json").stdout)
    assert [(row["address"], row["countries"], row["min_tier"], row["rules"], row["min_level"]) for row in listed] == [
        ("ana@example.org", "MMR,SDN", "High", "tier-rise,fatality-spike", 2), ("bo@example.org", "ALL", "", "ALL", "")]
    removed = r2p("subscriptions", "remove", str(listed[0]["id"]))
    assert removed.returncode == 0 and "Removed subscription" in removed.stdout
    assert [s.address for s in subscriptions(warehouse)] == ["bo@example.org"]
    audit = json.loads(r2p("audit", "--format", "json").stdout)
    assert [row["action"] for row in audit if row["entity"] == "subscription"] == ["unsubscribe", "subscribe",
                                                                                   "subscribe"]


@pytest.mark.parametrize(("args", "says"), [
    (("Ana <ana@example.org>",), "is not an e-mail address"),
    (("ana@example.org", "--countries", "MMR,XXX"), "unknown ISO3 code(s) XXX"),
    (("ana@example.org", "--min-tier", "Severe"), "'Severe' is not a tier"),
    (("ana@example.org", "--rules", "no-such-rule"), "unknown rule(s) no-such-rule"),
    (("ana@example.org", "--level", "9"), "9 is not an escalation level"),
])
def test_a_bad_value_is_named_and_nothing_is_written(warehouse: Warehouse, args: tuple[str, ...], says: str) -> None:
    refused = r2p("subscriptions", "add", *args)
    assert refused.returncode == 2 and says in refused.stderr
    assert subscriptions(warehouse) == []


def test_removing_an_unknown_subscription_says_so(warehouse: Warehouse) -> None:
    refused = r2p("subscriptions", "remove", "42")
    assert refused.returncode == 2 and "no subscription #42" in refused.stderr
