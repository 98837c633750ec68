"""`r2p digest`: draft, list, show, approve, and --send; --json ends with one summary line."""

from __future__ import annotations

import json
import subprocess
import sys
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from r2p.notify import delivery
from r2p.warehouse import Warehouse
from tests.helpers.cli import r2p
from tests.helpers.notify_servers import free_port, smtp_server


def _summary(stdout: str) -> dict:
    return json.loads(stdout.strip().splitlines()[-1])


@pytest.fixture
def subscribed(warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch) -> Warehouse:
    monkeypatch.setenv("R2P_MAIL_FROM", "r2p-watch@example.org")
    assert r2p("subscriptions", "add", "ana@example.org").returncode == 0
    return warehouse


def test_drafts_wait_for_approval_and_send_delivers_only_approved_ones(subscribed: Warehouse, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    drafted = r2p("digest", "--json")
    assert drafted.returncode == 0, drafted.stderr
    summary = _summary(drafted.stdout)
    ana = next(d for d in summary["drafts"] if d["recipients"] == ["ana@example.org"])
    assert summary["drafted"] == summary["awaiting_approval"] == len(summary["drafts"]) >= 1
    assert (summary["sent"], summary["failed"], ana["approved"]) == (0, 0, False)
    outbox = tmp_path / "outbox"
    monkeypatch.setenv("R2P_DIGEST_DIR", str(outbox))
    before = _summary(r2p("digest", "--send", "--json").stdout)
    assert (before["drafted"], before["sent"]) == (0, 0) and not outbox.exists()  # nothing leaves unapproved
    shown = r2p("digest", "show", str(ana["id"]))
    assert "To: ana@example.org" in shown.stdout and "awaiting approval" in shown.stdout
    approved = r2p("digest", "approve", str(ana["id"]))
    assert approved.returncode == 0 and "Approved digest" in approved.stdout
    sent = _summary(r2p("digest", "--send", "--json").stdout)
    assert (sent["sent"], sent["failed"], sent["awaiting_approval"]) == (1, 0, before["awaiting_approval"] - 1)
    assert {"id": ana["id"], "recipients": ["ana@example.org"], "approved": True} in sent["drafts"]
    files = list(outbox.iterdir())
    parsed = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert len(files) == 1 and parsed["To"] == "ana@example.org" and "Tier moves" in parsed.get_content()
    assert _summary(r2p("digest", "--send", "--json").stdout)["sent"] == 0  # once
    listed = json.loads(r2p("digest", "list", "--format", "json").stdout)
    assert {row["draft_id"]: row["state"] for row in listed}[ana["id"]] == "sent"


def test_a_failed_send_exits_1_and_the_next_run_retries(subscribed: Warehouse, monkeypatch: pytest.MonkeyPatch) -> None:
    ana = next(d for d in _summary(r2p("digest", "--json").stdout)["drafts"] if d["recipients"] == ["ana@example.org"])
    r2p("digest", "approve", str(ana["id"]))
    port = free_port()
    monkeypatch.setenv("R2P_SMTP_URL", f"smtp://127.0.0.1:{port}")
    failed = r2p("digest", "--send", "--json")
    assert failed.returncode == 1 and "FAILED" in failed.stdout and _summary(failed.stdout)["failed"] == 1
    with smtp_server(port) as (mailbox, _):
        retried = r2p("digest", "--send", "--json")
    assert retried.returncode == 0 and _summary(retried.stdout)["sent"] == 1 and len(mailbox.messages) == 1


def test_bad_settings_and_ids_are_refused_before_anything_is_written(subscribed: Warehouse,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("R2P_SMTP_URL", "relay.internal:587")
    refused = r2p("digest", "--send")
    assert refused.returncode == 2 and "R2P_SMTP_URL must look like" in refused.stderr
    assert json.loads(r2p("digest", "list", "--format", "json").stdout) == []
    unknown = r2p("digest", "approve", "999")
    assert unknown.returncode == 2 and "no digest #999" in unknown.stderr


def test_approved_digests_with_no_channel_set_is_an_error(subscribed: Warehouse) -> None:
    drafts = _summary(r2p("digest", "--json").stdout)["drafts"]
    r2p("digest", "approve", str(drafts[0]["id"]))
    stranded = r2p("digest", "--send", "--json")
    assert stranded.returncode == 2 and "no channel is set" in stranded.stderr
    assert _summary(stranded.stdout)["sent"] == 0


# A second process holding the senders' lock, as a `r2p digest --send` that is still delivering would.
HOLD_SEND_LOCK = """
import sys
from r2p.notify.delivery import one_sender
from r2p.warehouse import Warehouse
with one_sender(Warehouse(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.read()
"""


@pytest.mark.slow  # a second process is the point
def test_a_send_while_another_is_delivering_waits_then_exits_3_having_sent_nothing(
        subscribed: Warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ana = next(d for d in _summary(r2p("digest", "--json").stdout)["drafts"] if d["recipients"] == ["ana@example.org"])
    r2p("digest", "approve", str(ana["id"]))
    outbox = tmp_path / "outbox"
    monkeypatch.setenv("R2P_DIGEST_DIR", str(outbox))
    monkeypatch.setattr(delivery, "SEND_WAIT", 0.5)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_SEND_LOCK, subscribed.location], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        busy = r2p("digest", "--send", "--json")
    finally:
        holder.communicate(timeout=30)  # closes its stdin: it releases the lock and exits
    assert busy.returncode == 3 and not outbox.exists()
    errors = [line for line in busy.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "another `r2p digest --send` is still delivering" in errors[0], busy.stderr
    after = r2p("digest", "--send", "--json")
    assert after.returncode == 0 and _summary(after.stdout)["sent"] == 1 and len(list(outbox.iterdir())) == 1


SITE_LEVELS = """levels:
  - {name: Desk, holder: Prevention desk, recipients: [desk@un.int], decision_days: 5}
  - {name: Director, holder: Director of prevention, recipients: [director@un.int], decision_days: 3}
"""


def test_digest_says_when_the_shipped_example_recipients_are_in_force(subscribed: Warehouse, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = r2p("digest")
    assert shipped.returncode == 0 and "Note: the escalation levels' recipients are examples" in shipped.stderr
    assert "atrocity-prevention-desk@example.org" in shipped.stderr
    site = tmp_path / "escalation.yml"
    site.write_text(SITE_LEVELS, encoding="utf-8")
    monkeypatch.setenv("R2P_ESCALATION_FILE", str(site))
    own = r2p("digest")
    assert own.returncode == 0 and "Note:" not in own.stderr


def test_a_malformed_site_escalation_file_stops_digest_in_one_line_naming_file_level_and_field(
        subscribed: Warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "escalation.yml"
    site.write_text(SITE_LEVELS.replace("decision_days: 3", "decision_days: 400"), encoding="utf-8")
    monkeypatch.setenv("R2P_ESCALATION_FILE", str(site))
    refused = r2p("digest")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1, refused.stderr
    assert f"R2P_ESCALATION_FILE {site}: level 2 (Director): decision_days:" in refused.stderr
