"""Delivering approved digests to real local servers: an SMTP server (aiosmtpd) and an HTTP server for the webhook,
and a folder of .eml files. Nothing unapproved leaves, each message goes once per channel, and a failure is kept and
retried on the next run."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from email import message_from_bytes, policy
from pathlib import Path

import duckdb
import pytest

from r2p.access.rights import PermissionDenied
from r2p.notify.channels import Outgoing
from r2p.notify.delivery import deliver_approved
from r2p.notify.drafts import approve_draft, draft_digests, list_drafts
from r2p.warehouse import Warehouse
from tests.helpers.data import FIXED_TODAY
from tests.helpers.digests import ADMIN, EDITOR, VIEWER, subscribe
from tests.helpers.notify_servers import free_port, self_signed, smtp_server, webhook_server

SENDER = "r2p-watch@example.org"


@pytest.fixture
def approved(warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """Two drafts: the first approved, the second not (ids)."""
    monkeypatch.setenv("R2P_MAIL_FROM", SENDER)
    subscribe(warehouse, "ana@example.org")
    subscribe(warehouse, "bo@example.org", countries="MMR")
    drafted = draft_digests(warehouse, ADMIN, FIXED_TODAY)
    drafts = list_drafts(warehouse).set_index("recipient")
    first, second = int(drafts.loc["ana@example.org", "draft_id"]), int(drafts.loc["bo@example.org", "draft_id"])
    assert {first, second} <= set(drafted)
    approve_draft(warehouse, first, EDITOR)
    return first, second


def _deliveries(warehouse: Warehouse) -> list[tuple]:
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        return connection.execute("SELECT draft_id, channel, status, attempts FROM delivery "
                                  "ORDER BY draft_id, channel").fetchall()


def _audited_sends(warehouse: Warehouse) -> list[tuple]:
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        return connection.execute("SELECT action, entity_id, after->>'channel' FROM audit_log "
                                  "WHERE entity = 'digest' AND action LIKE 'send%' ORDER BY audit_id").fetchall()


def test_an_approved_digest_goes_once_by_mail_webhook_and_folder(warehouse: Warehouse, approved: tuple[int, int],
                                                                 tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    first, _ = approved
    body = str(list_drafts(warehouse).set_index("draft_id").loc[first, "body"])
    with smtp_server() as (mailbox, port), webhook_server() as (posted, url):
        monkeypatch.setenv("R2P_SMTP_URL", f"smtp://127.0.0.1:{port}")
        monkeypatch.setenv("R2P_WEBHOOK_URL", url)
        monkeypatch.setenv("R2P_DIGEST_DIR", str(tmp_path / "outbox"))
        outcomes = deliver_approved(warehouse, ADMIN)
        again = deliver_approved(warehouse, ADMIN)
    assert sorted((o.draft_id, o.channel, o.sent) for o in outcomes) == [
        (first, "folder", True), (first, "smtp", True), (first, "webhook", True)]
    assert again == []  # idempotent: nothing is sent twice, and the unapproved draft is never sent
    assert mailbox.envelopes == [["ana@example.org"]] and len(mailbox.messages) == 1
    mail = mailbox.messages[0]
    assert (mail["From"], mail["To"]) == (SENDER, "ana@example.org")
    assert mail.get_content().replace("\r\n", "\n") == body  # SMTP carries lines ending CRLF
    assert len(posted) == 1 and "Tier moves" in posted[0]["text"] and mail["Subject"] in posted[0]["text"]
    files = list((tmp_path / "outbox").iterdir())
    assert [f.name for f in files] == [f"r2p-digest-{first:06d}.eml"]
    parsed = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert parsed["Message-ID"] == mail["Message-ID"] and parsed.get_content() == body
    assert _deliveries(warehouse) == [(first, channel, "sent", 1) for channel in ("folder", "smtp", "webhook")]
    assert sorted(_audited_sends(warehouse)) == [("send", str(first), c) for c in ("folder", "smtp", "webhook")]


def test_with_the_servers_down_nothing_is_lost_and_the_next_run_sends_once(
        warehouse: Warehouse, approved: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    first, _ = approved
    port = free_port()
    monkeypatch.setenv("R2P_SMTP_URL", f"smtp://127.0.0.1:{port}")
    with webhook_server(status=503) as (_, url):
        monkeypatch.setenv("R2P_WEBHOOK_URL", url)
        failed = deliver_approved(warehouse, ADMIN)
    assert {(o.channel, o.sent) for o in failed} == {("smtp", False), ("webhook", False)}
    assert any("503" in (o.error or "") for o in failed) and any("refused" in (o.error or "") for o in failed)
    assert list_drafts(warehouse).set_index("draft_id").loc[first, "state"].startswith("failed")
    with smtp_server(port) as (mailbox, _), webhook_server() as (posted, url):
        monkeypatch.setenv("R2P_WEBHOOK_URL", url)
        retried = deliver_approved(warehouse, ADMIN)
        assert deliver_approved(warehouse, ADMIN) == []
    assert {(o.channel, o.sent) for o in retried} == {("smtp", True), ("webhook", True)}
    assert len(mailbox.messages) == 1 and len(posted) == 1
    assert _deliveries(warehouse) == [(first, "smtp", "sent", 2), (first, "webhook", "sent", 2)]
    assert [action for action, _, _ in _audited_sends(warehouse)] == ["send_failed"] * 2 + ["send"] * 2


def test_starttls_and_login_happen_where_the_url_asks(warehouse: Warehouse, approved: tuple[int, int],
                                                     tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    certificate, context = self_signed(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate))  # the client trusts the test relay's certificate
    with smtp_server(tls=context, login=("digest", "s@cret")) as (mailbox, port):
        monkeypatch.setenv("R2P_SMTP_URL", f"smtp://digest:s%40cret@127.0.0.1:{port}")  # no starttls=1
        refused = deliver_approved(warehouse, ADMIN)
        monkeypatch.setenv("R2P_SMTP_URL", f"smtp://digest:s%40cret@127.0.0.1:{port}?starttls=1")
        sent = deliver_approved(warehouse, ADMIN)
    assert [o.sent for o in refused] == [False] and [o.sent for o in sent] == [True]
    assert mailbox.logins == ["digest"] and mailbox.tls == [True] and len(mailbox.messages) == 1


def test_only_an_admin_sends(warehouse: Warehouse, approved: tuple[int, int], tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("R2P_DIGEST_DIR", str(tmp_path / "outbox"))
    for user in (VIEWER, EDITOR):
        with pytest.raises(PermissionDenied, match="admin"):
            deliver_approved(warehouse, user)
    assert not (tmp_path / "outbox").exists() and _deliveries(warehouse) == []


def test_two_senders_at_once_deliver_each_digest_once(warehouse: Warehouse, approved: tuple[int, int]) -> None:
    first, _ = approved
    delivered: list[int] = []
    sending = threading.Event()

    def slow_folder(outgoing: Outgoing) -> None:  # a slow relay: the second sender starts while this one sends
        sending.set()
        time.sleep(1.0)
        delivered.append(outgoing.draft_id)

    with ThreadPoolExecutor(2) as pool:
        earlier = pool.submit(deliver_approved, warehouse, ADMIN, {"folder": slow_folder})
        assert sending.wait(30)
        later = pool.submit(deliver_approved, warehouse, ADMIN, {"folder": slow_folder})
        outcomes = earlier.result() + later.result()
    assert delivered == [first] and [(o.draft_id, o.sent) for o in outcomes] == [(first, True)]
    assert _deliveries(warehouse) == [(first, "folder", "sent", 1)]
