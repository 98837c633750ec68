"""The Reviews page's digests section: drafts listed and readable, approved by editors only, subscriptions managed
by admins only (r2p/ui/digests_view.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from r2p.access.rights import Role
from r2p.notify.drafts import draft_digests, list_drafts
from r2p.notify.subscriptions import subscriptions
from r2p.warehouse import Warehouse
from tests.helpers.data import FIXED_TODAY
from tests.helpers.digests import ADMIN, subscribe
from tests.helpers.pages import reviews_app, texts
from tests.helpers.signin import accounts_file, form, sign_in


@pytest.fixture
def drafted(with_reviews: Warehouse) -> Warehouse:
    subscribe(with_reviews, "ana@example.org", countries="MMR,SDN")
    assert draft_digests(with_reviews, ADMIN, FIXED_TODAY)
    return with_reviews


def _signed_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, role: Role) -> AppTest:
    accounts_file(tmp_path, monkeypatch, {"pat": role})
    return sign_in(reviews_app(), "pat")


def _drafts_table(app: AppTest) -> pd.DataFrame:
    return next(frame.value for frame in app.dataframe if "draft_id" in frame.value.columns)


def test_drafts_are_listed_and_readable_but_read_only_without_sign_in(drafted: Warehouse) -> None:
    app = reviews_app()
    stored = list_drafts(drafted)
    assert sorted(_drafts_table(app)["draft_id"]) == sorted(stored["draft_id"])
    shown = stored.set_index("draft_id").loc[int(app.selectbox(key="digest_chosen").value)]
    assert shown["body"].strip() in app.code[-1].value and shown["recipient"] in app.code[-1].value
    assert "Read-only: sign in as editor (or above) to approve a digest." in texts(app)
    assert "Read-only: sign in as admin (or above) to manage subscriptions." in texts(app)
    assert not [b for b in app.button if b.key == "digest_approve"]


def test_a_viewer_cannot_approve(drafted: Warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = _signed_in(tmp_path, monkeypatch, Role.VIEWER)
    assert "approve a digest needs the editor role; you are signed in as viewer" in texts(app)
    assert not [b for b in app.button if b.key == "digest_approve"]
    assert list_drafts(drafted)["approved_at"].isna().all()


def test_an_editor_approves_a_draft(drafted: Warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = _signed_in(tmp_path, monkeypatch, Role.EDITOR)
    ana = int(list_drafts(drafted).set_index("recipient").loc["ana@example.org", "draft_id"])
    app.selectbox(key="digest_chosen").set_value(ana).run()
    app.button(key="digest_approve").click().run()
    assert not app.exception, app.exception
    assert f"Approved digest #{ana} to ana@example.org" in texts(app)
    stored = list_drafts(drafted).set_index("draft_id").loc[ana]
    assert (stored["state"], stored["approved_by"]) == ("approved", "pat")
    assert _drafts_table(app).set_index("draft_id").loc[ana, "state"] == "approved"
    assert "manage subscriptions needs the admin role" in texts(app)


def test_an_admin_adds_and_removes_subscriptions(drafted: Warehouse, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    app = _signed_in(tmp_path, monkeypatch, Role.ADMIN)
    adding = form(app, "subscription_add_form")
    adding.text_input[0].input("not an address")
    adding.button[0].click().run()
    assert "is not an e-mail address" in "\n".join(e.value for e in app.error)
    adding = form(app, "subscription_add_form")
    adding.text_input[0].input("Bo@Example.org")
    adding.multiselect[0].set_value(["SDN"])
    adding.selectbox[0].set_value("High")
    adding.button[0].click().run()
    assert not app.exception, app.exception
    assert "Added subscription" in texts(app)
    added = [s for s in subscriptions(drafted) if s.address == "bo@example.org"]
    assert len(added) == 1 and (added[0].countries, added[0].min_tier) == (("SDN",), "High")
    removing = form(app, "subscription_remove_form")
    removing.selectbox[0].set_value(added[0].subscription_id)
    removing.button[0].click().run()
    assert "Removed subscription" in texts(app)
    assert [s.address for s in subscriptions(drafted)] == ["ana@example.org"]


def test_subscriptions_are_managed_before_the_first_review(warehouse: Warehouse, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    with warehouse.write() as connection:
        connection.execute("DELETE FROM review")  # NOTE: test set-up only; nothing in R2P Watch deletes a review
    app = _signed_in(tmp_path, monkeypatch, Role.ADMIN)
    assert "No review has been opened yet" in texts(app)
    adding = form(app, "subscription_add_form")
    adding.text_input[0].input("first@example.org")
    adding.button[0].click().run()
    assert not app.exception, app.exception
    assert [s.address for s in subscriptions(warehouse)] == ["first@example.org"]
