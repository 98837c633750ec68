"""Editing engagements: add, end and correct with a reason, by editors only; every write lands in the audit log."""

from __future__ import annotations

import json
from datetime import date

import pytest

from r2p.access.rights import ANONYMOUS, PermissionDenied, Role, User
from r2p.engagement.edits import EditRefused, add_engagement, correct_engagement, end_engagement
from r2p.engagement.registry import load_registry
from r2p.engagement.seed import SEED_RANGE
from r2p.warehouse import Warehouse
from tests.helpers.warehouses import contents

NEW = {"actor_id": "un.dppa", "situation_id": "bfa", "kind": "briefing", "title": "Briefing on Burkina Faso",
       "started": "2026-11-02", "verified": "false"}
ANA = User("Ana", Role.EDITOR, "local account")
VIEWER = User("vic@example.org", Role.VIEWER, "oidc")


def _audit(warehouse: Warehouse, who: str) -> list[tuple]:
    return sorted((row for row in contents(warehouse.current_file())["audit_log"] if row[2] == who),
                  key=lambda row: row[0])


@pytest.mark.parametrize("user", [ANONYMOUS, VIEWER], ids=["anonymous", "viewer"])
def test_nobody_below_editor_can_add_end_or_correct(seeded: Warehouse, user: User) -> None:
    before = contents(seeded.current_file())
    with pytest.raises(PermissionDenied, match="editor"):
        add_engagement(seeded, NEW, "Council briefing requested by the A3+", user)
    with pytest.raises(PermissionDenied, match="editor"):
        end_engagement(seeded, 1, date(2026, 11, 2), "a one-day briefing", user)
    with pytest.raises(PermissionDenied, match="editor"):
        correct_engagement(seeded, 1, {"note": "changed"}, "a good reason", user)
    assert contents(seeded.current_file()) == before


def test_add_end_and_correct_are_written_and_audited(seeded: Warehouse) -> None:
    new_id = add_engagement(seeded, NEW, "Council briefing requested by the A3+", ANA)
    assert new_id == SEED_RANGE + 1
    end_engagement(seeded, new_id, date(2026, 11, 2), "a one-day briefing", ANA)
    correct_engagement(seeded, new_id, {"verified": "true", "source_url": "https://press.un.org/"}, "checked", ANA)
    row = load_registry(seeded).engagements.set_index("engagement_id").loc[new_id]
    assert (str(row["ended"].date()), bool(row["verified"]), row["source_url"]) == \
           ("2026-11-02", True, "https://press.un.org/")
    audit = _audit(seeded, "Ana")
    assert [r[3] for r in audit] == ["add", "end", "correct"]
    before, after = json.loads(audit[2][6]), json.loads(audit[2][7])
    assert (before["verified"], after["verified"], after["reason"]) == ("false", "true", "checked")
    assert audit[0][6] is None and json.loads(audit[0][7])["title"] == "Briefing on Burkina Faso"


def test_a_refused_edit_writes_nothing(seeded: Warehouse) -> None:
    before = seeded.current_file().read_bytes()
    with pytest.raises(EditRefused) as refused:
        add_engagement(seeded, NEW | {"kind": "brefing", "started": "2026-02-30"}, "", ANA)
    columns = {p.column for p in refused.value.problems}
    assert columns == {"reason", "kind", "started"}
    with pytest.raises(EditRefused, match="is before started"):
        end_engagement(seeded, 1, date(2000, 1, 1), "wrong date on purpose", ANA)
    with pytest.raises(EditRefused, match="reason"):
        correct_engagement(seeded, 1, {"note": "x"}, "x", ANA)
    assert seeded.current_file().read_bytes() == before
