"""Key judgements: the product's draft cites the facts it is built from (tier moves, driver shifts, surges, where
the data end), on the demo and on the real shared data; an editor edits and approves it, each a version, audited."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest

from r2p.access.rights import ANONYMOUS, PermissionDenied, Role, User, command_line_user
from r2p.convening.judgements import (
    DRAFT_LABEL,
    JudgementError,
    approve_judgements,
    draft_judgements,
    pack_judgements,
    save_judgements,
)
from r2p.ops.build import ingest_and_score, initialise
from r2p.read import profile
from r2p.reviews.records import decide
from r2p.tiers import current_period, scored_methods, tier_table
from r2p.tiers.method import resolve_method
from r2p.triggers.rules import rule_book
from r2p.warehouse import Warehouse
from r2p.warehouse.queries import query
from tests.helpers.data import FIXED_TODAY, require_shared
from tests.helpers.pages import opened_reviews
from tests.helpers.warehouses import contents, copy_of

EDITOR = User("ed@example.org", Role.EDITOR, "local account")


def _last_two(warehouse: Warehouse, moved: bool) -> tuple[str, pd.DataFrame]:
    """A country whose model tier moved (or held) between its last two scored years up to the current period,
    and those two rows; found in the data, not named in advance."""
    chosen = resolve_method(None, scored=scored_methods(warehouse))[0]
    period = current_period(warehouse, chosen)
    for iso3 in tier_table(warehouse, chosen.label)["iso3"]:
        history = profile.tier_history(warehouse, iso3, chosen.label)
        scored = history[history["tier"].notna() & (history["period"] <= period)].sort_values("period").tail(2)
        if len(scored) == 2 and (scored["tier"].iloc[0] != scored["tier"].iloc[1]) == moved:
            return iso3, scored
    raise AssertionError(f"no country's tier {'moved' if moved else 'held'} in {chosen.label}")


def _score(value: float) -> str:
    return f"{value:.3g}"


def _every_sentence_cites_a_number(sentences: tuple[str, ...]) -> None:
    assert 3 <= len(sentences) <= 5
    assert all(re.search(r"\d", sentence) for sentence in sentences), sentences


def test_a_tier_move_is_drafted_naming_both_tiers_their_years_and_scores(warehouse: Warehouse) -> None:
    iso3, rows = _last_two(warehouse, moved=True)
    before, after = rows.iloc[0], rows.iloc[1]
    draft = draft_judgements(warehouse, iso3, FIXED_TODAY)
    expected = (f"moved from {before['tier']} in {before['period']} to {after['tier']} in {after['period']} "
                f"(score {_score(before['score'])} in {before['period']}, {_score(after['score'])} in "
                f"{after['period']})")
    assert any(expected in sentence for sentence in draft.key_judgements), draft.key_judgements
    assert f"moved from {before['tier']} in {before['period']} to {after['tier']} in {after['period']}" in \
        draft.what_changed
    assert any(sentence.startswith(f"From {before['period']} to {after['period']}, among ")
               for sentence in draft.key_judgements)  # the driver shift behind the move
    _every_sentence_cites_a_number(draft.key_judgements)
    assert (draft.version, draft.approved, draft.label) == (0, False, DRAFT_LABEL)


def test_a_held_tier_says_since_when(warehouse: Warehouse) -> None:
    iso3, rows = _last_two(warehouse, moved=False)
    draft = draft_judgements(warehouse, iso3, FIXED_TODAY)
    assert any(f"has held at {rows['tier'].iloc[1]} since " in sentence for sentence in draft.key_judgements)
    assert f"did not move in the scored year {rows['period'].iloc[1]}" in draft.what_changed


def test_when_the_data_end_the_draft_says_so_and_not_that_nothing_changed(warehouse: Warehouse) -> None:
    last = pd.Timestamp(profile.latest_event_date(warehouse)["last_date"].iloc[0]).date()
    assert FIXED_TODAY - last > timedelta(days=90)  # the demo's events end the year before the tests' today
    old = draft_judgements(warehouse, "SDN", FIXED_TODAY)
    assert any(f"There are no data newer than {last}" in s for s in old.key_judgements), old.key_judgements
    assert f"There are no data newer than {last}" in old.what_changed
    fresh = draft_judgements(warehouse, "SDN", last + timedelta(days=10))
    assert "no data newer than" not in " ".join(fresh.key_judgements) + fresh.what_changed
    assert any(sentence.startswith("The newest data held: ") and f"the event data held end on {last}" in sentence
               for sentence in fresh.key_judgements), fresh.key_judgements


def test_surge_reviews_are_cited_with_their_date_and_evidence(warehouse: Warehouse) -> None:
    opened_reviews(warehouse)
    surge_rules = [rule.id for rule in rule_book().rules if rule.kind == "event_spike" or "surge" in rule.kind]
    reviews = query(warehouse, "read/reviews")
    surge = reviews[reviews["rule_id"].isin(surge_rules)].iloc[0]
    draft = draft_judgements(warehouse, surge["iso3"], FIXED_TODAY)
    cited = next(s for s in draft.key_judgements if "followed a surge in deaths" in s)
    assert f"opened for {surge['name']} from {FIXED_TODAY - timedelta(days=365)} to {FIXED_TODAY}" in cited
    mine = reviews[(reviews["iso3"] == surge["iso3"]) & reviews["rule_id"].isin(surge_rules)]
    latest = mine.sort_values("opened_at").iloc[-1]
    assert f"on {pd.Timestamp(latest['opened_at']):%Y-%m-%d}: {latest['evidence'][:40]}" in cited


def test_a_draft_after_a_write_cites_what_the_write_changed(warehouse: Warehouse) -> None:
    # What every draft reads alike (reviews among them) is held per warehouse version (r2p.read.held): the draft
    # made before a review is decided must not hand its reviews on to the draft after.
    opened_reviews(warehouse)
    reviews = query(warehouse, "read/reviews")
    recent = pd.to_datetime(reviews["opened_at"]).dt.date >= FIXED_TODAY - timedelta(days=365)
    review = reviews[reviews["decided_at"].isna() & recent].sort_values("opened_at").iloc[-1]
    before = draft_judgements(warehouse, review["iso3"], FIXED_TODAY)
    decide(warehouse, int(review["review_id"]), "act", "Confirmed by the panel of experts.", EDITOR)
    after = draft_judgements(warehouse, review["iso3"], FIXED_TODAY)
    waiting = [int(re.search(r"(\d+) not yet decided", " ".join(draft.key_judgements)).group(1))
               for draft in (before, after)]
    assert waiting[1] == waiting[0] - 1


def test_the_pack_shows_the_draft_until_an_editor_saves_and_approves(warehouse: Warehouse) -> None:
    fresh = pack_judgements(warehouse, "SDN", FIXED_TODAY)
    assert fresh.version == 0 and fresh.label == DRAFT_LABEL and fresh.approved_by is None
    edited = [*fresh.key_judgements[:2], "  An analyst's own judgement on 2025.  ", ""]
    assert save_judgements(warehouse, "SDN", edited, "Nothing new since 2025.", EDITOR) == 1
    saved = pack_judgements(warehouse, "SDN")
    assert saved.key_judgements == (*fresh.key_judgements[:2], "An analyst's own judgement on 2025.")
    assert (saved.version, saved.approved, saved.label, saved.edited_by) == (1, False, DRAFT_LABEL, EDITOR.name)
    assert approve_judgements(warehouse, "SDN", EDITOR) == 2
    approved = pack_judgements(warehouse, "SDN")
    assert approved.approved and approved.approved_by == EDITOR.name and approved.version == 2
    assert approved.key_judgements == saved.key_judgements and approved.what_changed == "Nothing new since 2025."
    assert approved.label == f"Approved by {EDITOR.name} on {approved.approved_at:%Y-%m-%d}"
    with pytest.raises(JudgementError, match="Version 2 of SDN's judgements is already approved"):
        approve_judgements(warehouse, "SDN", EDITOR)
    assert save_judgements(warehouse, "SDN", ["A changed judgement, 2025."], "Edited.", EDITOR) == 3
    assert pack_judgements(warehouse, "SDN").label == DRAFT_LABEL  # an edit after approval is a draft again
    logged = query(warehouse, "read/audit_entries", {"since": None, "until": None, "who": EDITOR.name,
                                                     "action": None, "entity": "judgement", "entity_id": None,
                                                     "text": None, "limit": 10})
    assert sorted(zip(logged["entity_id"], logged["action"], strict=True)) == [
        ("SDN v1", "edit"), ("SDN v2", "approve"), ("SDN v3", "edit")]


def test_approving_with_nothing_saved_approves_the_fresh_draft(warehouse: Warehouse) -> None:
    fresh = draft_judgements(warehouse, "MMR", FIXED_TODAY)
    assert approve_judgements(warehouse, "MMR", EDITOR, FIXED_TODAY) == 1
    approved = pack_judgements(warehouse, "MMR")
    assert approved.approved and approved.key_judgements == fresh.key_judgements


@pytest.mark.parametrize(("sentences", "changed", "message"), [
    ([], "Something changed.", "between 1 and 5 are needed"),
    (["one", "two", "three", "four", "five", "six"], "Something changed.", "there are 6"),
    (["x" * 1001], "Something changed.", "Key judgement 1: at most 1000 characters"),
    (["A judgement."], "   ", "What changed and why: say what changed"),
])
def test_bad_judgements_are_refused_and_nothing_changes(warehouse: Warehouse, sentences: list[str], changed: str,
                                                        message: str) -> None:
    before = contents(warehouse.current_file())
    with pytest.raises(JudgementError, match=message):
        save_judgements(warehouse, "SDN", sentences, changed, EDITOR)
    assert contents(warehouse.current_file()) == before


@pytest.mark.parametrize("user", [ANONYMOUS, User("v@example.org", Role.VIEWER, "oidc")])
def test_viewers_can_neither_edit_nor_approve(warehouse: Warehouse, user: User) -> None:
    before = contents(warehouse.current_file())
    with pytest.raises(PermissionDenied, match="editor"):
        save_judgements(warehouse, "SDN", ["A judgement."], "Changed.", user)
    with pytest.raises(PermissionDenied, match="approve judgements"):
        approve_judgements(warehouse, "SDN", user, FIXED_TODAY)
    assert contents(warehouse.current_file()) == before


@pytest.fixture(scope="module")
def real_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    """EWP's real base data and 2025 forecasts (the ewp method tiers them) and UCDP's real GED events for the
    Central African Republic (no demo)."""
    files = [("ewp", require_shared("ewp/basedata2025_4august2025.csv")),
             ("ewp", require_shared("ewp/final_forecasts_data_3Sep2025.csv")),
             ("ucdp", require_shared("ucdp/GEDEvent_v23_1_CAR.geojson"))]
    warehouse = Warehouse(str(tmp_path_factory.mktemp("real") / "r2p.duckdb"))
    initialise(warehouse, want_demo=False)
    for source, file in files:
        assert ingest_and_score(warehouse, source, file, user=command_line_user()).status == "loaded"
    return warehouse


def test_real_data_a_tier_move_and_where_the_data_end(real_warehouse: Warehouse,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("R2P_TIER_METHOD", "ewp")
    iso3, rows = _last_two(real_warehouse, moved=True)
    before, after = rows.iloc[0], rows.iloc[1]
    draft = draft_judgements(real_warehouse, iso3, FIXED_TODAY)
    assert any(f"moved from {before['tier']} in {before['period']} to {after['tier']} in {after['period']}" in s
               for s in draft.key_judgements), draft.key_judgements
    _every_sentence_cites_a_number(draft.key_judgements)
    # The real events end years before the tests' today: the draft says so instead of "nothing changed".
    last = pd.Timestamp(profile.latest_event_date(real_warehouse)["last_date"].iloc[0]).date()
    newest = str(last) if last.year >= after["period"] else str(after["period"])
    car = draft_judgements(real_warehouse, "CAF", FIXED_TODAY)
    said = f"There are no data newer than {newest}"
    assert any(said in sentence for sentence in car.key_judgements) and said in car.what_changed
    assert f"the event data held end on {last} (for Central African Republic: {last})" in car.what_changed


def test_with_no_data_the_draft_says_there_is_none(empty_template_warehouse: Path, tmp_path: Path) -> None:
    draft = draft_judgements(copy_of(empty_template_warehouse, tmp_path / "r2p.duckdb"), "SDN", FIXED_TODAY)
    label = resolve_method(None, scored=[])[0].label
    assert draft.key_judgements == (
        f"No tier method has scored Sudan yet ({label} holds no scores).",
        f"No review was opened for Sudan from {FIXED_TODAY - timedelta(days=365)} to {FIXED_TODAY}.",
        "No data are held yet: no tier method has scored any year, and no event data are loaded.")
