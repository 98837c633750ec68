"""Trigger rules' track record: their reviews' fate, and the replay on history against onsets, on small frames."""

from __future__ import annotations

import pandas as pd
import pytest

from r2p.triggers.evaluate import rank_firings, tier_firings
from r2p.triggers.rules import Rule, rule_book
from r2p.triggers.track_record import BACKTESTED, MIN_ONSETS, backtest, history_firings, review_record, rule_backtests
from r2p.warehouse import Warehouse


def _rule(**fields: object) -> Rule:
    return Rule(**({"id": "r", "description": "d", "review_days": 7} | fields))


def test_reviews_are_counted_as_decided_on_time_late_escalated_or_undecided() -> None:
    reviews = pd.DataFrame({
        "review_id": [1, 2, 3, 4, 5],
        "rule_id": ["r", "r", "r", "r", "other"],
        "opened_at": pd.to_datetime(["2025-03-01", "2026-01-02", "2026-02-01", "2026-02-03", "2026-02-03"]),
        "due_date": pd.to_datetime(["2025-03-08", "2026-01-09", "2026-02-08", "2026-02-10", "2026-02-10"]),
        "decision": ["act", "defer", "act", None, None],
        "decided_at": pd.to_datetime(["2025-03-08 17:00", "2026-01-12 00:00", "2026-02-07 00:00", None, None]),
    })
    record = review_record(reviews, escalated_ids={3, 4}, rules=(_rule(kind="tier_rise", method="composite"),))
    assert record.to_dict("records") == [{
        "rule_id": "r", "opened_by_year": "2025: 1 · 2026: 3", "opened": 4,
        "decided_on_time": 1,  # #1 on its deadline day; #3 in time but only after an escalation
        "decided_late": 2, "escalated": 2, "undecided": 1}]


HISTORY = pd.DataFrame({
    "iso3": ["AAA"] * 4 + ["BBB"] * 4 + ["CCC"] * 3,
    "period": [2020, 2021, 2022, 2023] * 2 + [2021, 2022, 2023],
    "tier": ["Low", "High", "High", "Very high", "Moderate", "Elevated", "Moderate", "High",
             "High", "Low", "Very high"],
})


@pytest.mark.parametrize("rule", [_rule(kind="tier_rise", method="composite"),
                                  _rule(kind="tier_rise", method="composite", steps=2),
                                  _rule(kind="crosses_into", method="composite", tiers=("Very high", "High"))])
def test_the_replay_fires_exactly_where_the_live_rule_would_have(rule: Rule) -> None:
    replayed = history_firings(rule, HISTORY)
    for period in (2021, 2022, 2023):
        live = {f.iso3 for f in tier_firings(rule, HISTORY, "m", period)}
        assert set(replayed.loc[replayed["period"] == period, "iso3"]) == live
    assert (replayed["period"] > 2020).all()  # the first year has nothing before it


def test_the_rank_replay_matches_the_live_rule_year_by_year() -> None:
    values = pd.DataFrame({"iso3": list("ABCD") * 3, "period": [2020] * 4 + [2021] * 4 + [2022] * 4,
                           "value": [4, 3, 2, 1, 1, 4, 3, 2, 2, 1, 4, 3]})
    rule = _rule(kind="rank_enters_top", indicator="x", top=2)
    replayed = set(history_firings(rule, values).itertuples(index=False, name=None))
    live = {(f.iso3, int(f.evidence_key.rsplit(":", 1)[1])) for period in (2021, 2022)
            for f in rank_firings(rule, values[values["period"] <= period])}
    # 2021: C climbs from 3rd to 2nd (B was already in the top 2); 2022: D from 3rd to 2nd.
    assert replayed == live == {("C", 2021), ("D", 2022)}


def test_onsets_preceded_false_alarms_and_lead_time() -> None:
    firings = pd.DataFrame({"iso3": ["AAA", "AAA", "BBB", "CCC", "DDD"], "period": [2010, 2011, 2012, 2013, 2019]})
    onsets = pd.DataFrame({"iso3": ["AAA", "BBB", "EEE", "FFF", "GGG", "HHH"],
                           "period": [2012, 2015, 2014, 2016, 2017, 2018]})
    found = backtest(firings, onsets, (2009, 2019))
    # AAA 2012 is preceded (2010 and 2011 both in its window; lead from the earliest, 2 years); BBB's firing was
    # three years before: a miss and a false alarm. DDD 2019 is too late for its window to have closed (2018).
    assert (found["onsets"], found["preceded"], found["median_lead_years"]) == (6, 1, 2.0)
    assert found["share_preceded"] == pytest.approx(1 / 6) and found["onset_years"] == "2012–2018"
    assert (found["firings"], found["false_alarms"]) == (4, 2)  # BBB 2012 and CCC 2013 were followed by nothing
    assert found["firings_per_onset"] == pytest.approx(4 / 6) and found["note"] == ""


def test_too_little_history_states_no_share() -> None:
    firings = pd.DataFrame({"iso3": ["AAA"], "period": [2010]})
    onsets = pd.DataFrame({"iso3": ["AAA", "BBB"], "period": [2011, 2012]})
    found = backtest(firings, onsets, (2008, 2012))
    assert found["onsets"] == 2 < MIN_ONSETS and found["share_preceded"] is None and found["preceded"] == 1
    assert found["note"] == "Too little history: 2 onset(s) in 2011–2012; no share is stated."
    nothing = backtest(firings, onsets.iloc[:0], (2008, 2012))
    assert nothing["onsets"] == 0 and nothing["note"].startswith("No onset")


def test_every_backtestable_shipped_rule_is_replayed_on_the_demo(template_warehouse) -> None:  # noqa: ANN001
    table = rule_backtests(Warehouse(str(template_warehouse))).set_index("rule_id")
    assert list(table.index) == [rule.id for rule in rule_book().rules if rule.kind in BACKTESTED]
    assert (table["preceded"] <= table["onsets"]).all() and (table["onsets"] >= MIN_ONSETS).all()
    assert (table["false_alarms"] <= table["firings"]).all()
