"""Every write path checks the role in the domain: what a replayed widget event or a script would reach.

A viewer (or nobody) is refused with PermissionDenied and the warehouse is exactly as before; an editor records
judgements but cannot load data; an admin can.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from r2p.access.rights import ANONYMOUS, PermissionDenied, Role, User
from r2p.config import EXAMPLES_DIR
from r2p.engagement.csvio import export_registry, import_registry
from r2p.engagement.edits import add_engagement, correct_engagement, end_engagement
from r2p.engagement.seed import load_seed
from r2p.ops.build import ingest_and_score
from r2p.reviews.records import decide, list_reviews
from r2p.tiers.assessment import record_assessment
from r2p.triggers.apply import evaluate_rules, open_reviews
from r2p.warehouse import Warehouse
from tests.helpers.warehouses import contents, copy_of

VIEWER = User("vic@example.org", Role.VIEWER, "oidc")
EDITOR = User("ana", Role.EDITOR, "local account")
ADMIN = User("chief@example.org", Role.ADMIN, "oidc")
NEW = {"actor_id": "un.dppa", "situation_id": "bfa", "kind": "briefing", "title": "Briefing on Burkina Faso",
       "started": "2026-11-02", "verified": "false"}
RATIONALE = "Field reports of attacks on civilians this month."


@pytest.fixture(scope="module")
def ready_template(template_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo warehouse with the engagement seed, open reviews, and a registry export beside it (`registry/`),
    built once for this file. Copy it to write."""
    folder = tmp_path_factory.mktemp("ready")
    built = copy_of(template_warehouse, folder / "r2p.duckdb")
    with built.write() as connection:
        load_seed(connection)
        open_reviews(connection, evaluate_rules(connection))
    export_registry(built, folder / "registry")
    return Path(built.location)


@pytest.fixture
def ready(ready_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Warehouse:
    """A private copy of the ready warehouse (set as R2P_DB), with its registry export at tmp_path/registry."""
    shutil.copytree(ready_template.parent / "registry", tmp_path / "registry")
    copied = copy_of(ready_template, tmp_path / "r2p.duckdb")
    monkeypatch.setenv("R2P_DB", copied.location)
    return copied


def _writes(warehouse: Warehouse, folder: Path) -> dict:
    review = int(list_reviews(warehouse)["review_id"].iloc[0])
    return {
        "assess": lambda user: record_assessment(warehouse, "SDN", 2025, "High", RATIONALE, user),
        "decide": lambda user: decide(warehouse, review, "act", RATIONALE, user),
        "add engagement": lambda user: add_engagement(warehouse, NEW, "Requested by the Council", user),
        "end engagement": lambda user: end_engagement(warehouse, 1, date(2026, 11, 2), "Mandate ended", user),
        "correct engagement": lambda user: correct_engagement(warehouse, 1, {"note": "checked"}, "Checked it", user),
        "import engagements": lambda user: import_registry(warehouse, folder, user),
        "ingest": lambda user: ingest_and_score(warehouse, "table", EXAMPLES_DIR / "table_long.csv", user=user),
    }


@pytest.mark.parametrize("user", [ANONYMOUS, VIEWER], ids=["anonymous", "viewer"])
def test_nobody_below_editor_writes_through_any_path(ready: Warehouse, tmp_path: Path, user: User) -> None:
    before = contents(ready.current_file())
    for name, write in _writes(ready, tmp_path / "registry").items():
        needed = "admin" if name in {"import engagements", "ingest"} else "editor"
        with pytest.raises(PermissionDenied, match=f"{needed} (role|\\(or above\\))"):
            write(user)
    assert contents(ready.current_file()) == before


def test_an_editor_records_judgements_but_cannot_load_data(ready: Warehouse, tmp_path: Path) -> None:
    writes = _writes(ready, tmp_path / "registry")
    before = contents(ready.current_file())
    for name in ("import engagements", "ingest"):
        with pytest.raises(PermissionDenied, match="ana is signed in as editor; .* needs the admin role"):
            writes[name](EDITOR)
    assert contents(ready.current_file()) == before
    for name in ("assess", "decide", "add engagement", "end engagement", "correct engagement"):
        writes[name](EDITOR)
    actors = {row[2] for row in contents(ready.current_file())["audit_log"]} - {row[2] for row in before["audit_log"]}
    assert actors == {"ana"}


def test_an_admin_loads_data(ready: Warehouse, tmp_path: Path) -> None:
    result = _writes(ready, tmp_path / "registry")["ingest"](ADMIN)
    assert result.status == "loaded" and result.rows_loaded > 0
