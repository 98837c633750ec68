"""Delivering approved digests: each once per channel, every attempt recorded and audited, failures retried."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from r2p.access.rights import User, require
from r2p.config import setting
from r2p.notify.channels import (
    Outgoing,
    email_message,
    mail_sender,
    post_webhook,
    send_mail,
    smtp_relay,
    webhook_payload,
    webhook_url,
    write_eml,
)
from r2p.warehouse.audit import audit
from r2p.warehouse.queries import query, run
from r2p.warehouse.store import Warehouse

Send = Callable[[Outgoing], None]
SEND_WAIT = 30.0  # seconds a second sender waits for the first to finish before it gives up (cron runs overlap)


class SendBusy(Exception):
    """Another process is delivering digests from the same warehouse; this one waited SEND_WAIT and sent nothing."""


@dataclass(frozen=True)
class Outcome:
    """One delivery attempt: a digest on a channel, and the error when it failed."""

    draft_id: int
    recipient: str
    channel: str
    error: str | None = None

    @property
    def sent(self) -> bool:
        return self.error is None


def configured_channels() -> dict[str, Send]:
    """The channels whose setting is filled in, each checked now (a malformed setting stops before any send)."""
    channels: dict[str, Send] = {}
    if setting("smtp_url"):
        relay, sender = smtp_relay(setting("smtp_url")), mail_sender()
        channels["smtp"] = lambda outgoing: send_mail(relay, email_message(outgoing, sender))
    if setting("webhook_url"):
        url = webhook_url(setting("webhook_url"))
        channels["webhook"] = lambda outgoing: post_webhook(url, webhook_payload(outgoing))
    if setting("digest_dir"):
        folder, sender = Path(setting("digest_dir")), mail_sender()
        channels["folder"] = lambda outgoing: _to_folder(folder, outgoing, sender)
    return channels


def deliver_approved(warehouse: Warehouse, user: User, channels: dict[str, Send] | None = None) -> list[Outcome]:
    """Send every approved digest on every configured channel it was not yet sent on (admins; the scheduled job).

    NOTE: each digest's attempts are recorded right after they are made, in one write per digest, so a run that
    dies part-way resends at most the digest it was on; a failed attempt is kept and tried again next run."""
    require(user, "send_digests")
    chosen = configured_channels() if channels is None else channels
    outcomes: list[Outcome] = []
    with one_sender(warehouse):  # NOTE: what is pending is read under the lock, after the run before has recorded
        for row in query(warehouse, "read/delivery_pending").itertuples():
            outgoing = Outgoing(int(row.draft_id), row.recipient, row.subject, row.body,
                                pd.Timestamp(row.drafted_at).to_pydatetime())
            attempts = [_attempt(outgoing, name, send) for name, send in chosen.items()
                        if name not in set(row.sent_on)]
            if attempts:
                _record(warehouse, attempts, user)
                outcomes += attempts
    return outcomes


def send_lock_path(warehouse: Warehouse) -> Path:
    """The lock file of the warehouse's senders: beside a local warehouse (R2P_DB.send.lock); for a database
    (`md:`) in this machine's temporary folder, so it keeps apart only the senders of one machine."""
    if warehouse.is_local_file:
        return warehouse.path.with_name(f"{warehouse.path.name}.send.lock")
    named = hashlib.sha256(warehouse.location.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"r2p-{named}.send.lock"


@contextmanager
def one_sender(warehouse: Warehouse, wait: float | None = None) -> Iterator[None]:
    """One digest sender at a time per warehouse, across processes: a second one waits its turn for `wait`
    seconds (SEND_WAIT), then raises SendBusy."""
    path = send_lock_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path), timeout=SEND_WAIT if wait is None else wait)
    try:
        lock.acquire()
    except Timeout:
        raise SendBusy(f"another `r2p digest --send` is still delivering digests from {warehouse.label} after a "
                       f"wait of {lock.timeout:g} s (lock {path}); this run sent nothing, the next run sends what "
                       "is left.") from None
    try:
        yield
    finally:
        lock.release()


def _attempt(outgoing: Outgoing, channel: str, send: Send) -> Outcome:
    try:
        send(outgoing)
    except OSError as error:  # smtplib's and urllib's errors are OSErrors: a relay down, refused, timed out
        return Outcome(outgoing.draft_id, outgoing.recipient, channel, f"{type(error).__name__}: {error}")
    return Outcome(outgoing.draft_id, outgoing.recipient, channel)


def _record(warehouse: Warehouse, attempts: list[Outcome], user: User) -> None:
    at = datetime.now(UTC).replace(tzinfo=None)
    with warehouse.write() as connection:
        for attempt in attempts:
            run(connection, "write/delivery_record", {"draft_id": attempt.draft_id, "channel": attempt.channel,
                                                      "status": "sent" if attempt.sent else "failed", "at": at,
                                                      "error": attempt.error})
            audit(connection, "send" if attempt.sent else "send_failed", "digest", str(attempt.draft_id), None,
                  {"channel": attempt.channel, "recipient": attempt.recipient, "error": attempt.error}, user.name)


def _to_folder(folder: Path, outgoing: Outgoing, sender: str) -> None:
    write_eml(folder, outgoing, email_message(outgoing, sender))
