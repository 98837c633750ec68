"""Delivering approved digests: each once per channel, every attempt recorded and audited, failures retried."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

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
    for row in query(warehouse, "read/delivery_pending").itertuples():
        outgoing = Outgoing(int(row.draft_id), row.recipient, row.subject, row.body,
                            pd.Timestamp(row.drafted_at).to_pydatetime())
        attempts = [_attempt(outgoing, name, send) for name, send in chosen.items() if name not in set(row.sent_on)]
        if attempts:
            _record(warehouse, attempts, user)
            outcomes += attempts
    return outcomes


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
