"""The three ways a digest leaves: SMTP (R2P_SMTP_URL), an incoming webhook (R2P_WEBHOOK_URL), a folder of .eml files
(R2P_DIGEST_DIR). Each is read from its setting and checked before anything is sent."""

from __future__ import annotations

import json
import os
import smtplib
import ssl
import tempfile
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from r2p.config import SettingError, setting
from r2p.notify.addresses import AddressError, checked_address

TIMEOUT = 30  # seconds a relay or webhook may take before the delivery counts as failed (and is retried)
_DEFAULT_PORTS = {"smtp": 25, "smtps": 465}
_YES, _NO = ("1", "true", "yes"), ("0", "false", "no")


@dataclass(frozen=True)
class Outgoing:
    """One approved digest as it leaves."""

    draft_id: int
    recipient: str
    subject: str
    body: str
    drafted_at: datetime


@dataclass(frozen=True)
class SmtpRelay:
    """Where and how to hand mail over, from R2P_SMTP_URL."""

    host: str
    port: int
    implicit_tls: bool  # smtps://: TLS from the first byte
    starttls: bool  # smtp://…?starttls=1: upgrade the plain connection before anything else
    user: str | None = None
    password: str | None = None


def smtp_relay(url: str) -> SmtpRelay:
    """Parse smtp://[user:password@]host[:port][?starttls=1] or smtps://[user:password@]host[:port]; SettingError
    names R2P_SMTP_URL and what is wrong. Login happens only when the URL carries a user."""
    parts = urlsplit(url)
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise SettingError(f"R2P_SMTP_URL must look like smtp://host:587?starttls=1 or smtps://host:465, "
                           f"not {_redacted(url)!r}.")
    options = parse_qs(parts.query, keep_blank_values=True)
    if set(options) - {"starttls"}:
        raise SettingError(f"R2P_SMTP_URL: unknown option(s) {', '.join(sorted(set(options) - {'starttls'}))}; "
                           "the only option is starttls=1.")
    flag = (options.get("starttls") or ["0"])[-1].lower()
    if flag not in _YES + _NO:
        raise SettingError(f"R2P_SMTP_URL: starttls={flag!r}; use starttls=1 (or 0).")
    if flag in _YES and parts.scheme == "smtps":
        raise SettingError("R2P_SMTP_URL: smtps:// is TLS already; starttls=1 applies to smtp:// only.")
    try:
        port = parts.port or _DEFAULT_PORTS[parts.scheme]
    except ValueError:
        raise SettingError(f"R2P_SMTP_URL: the port in {_redacted(url)!r} is not a number.") from None
    return SmtpRelay(parts.hostname, port, parts.scheme == "smtps", flag in _YES,
                     unquote(parts.username) if parts.username else None,
                     unquote(parts.password) if parts.password is not None else None)


def mail_sender() -> str:
    """R2P_MAIL_FROM, checked."""
    try:
        return checked_address(setting("mail_from"))
    except AddressError as error:
        raise SettingError(f"R2P_MAIL_FROM: {error}") from None


def email_message(outgoing: Outgoing, sender: str) -> EmailMessage:
    """The digest as one e-mail. Its Message-ID comes from the draft id, so a copy that arrives twice is one message."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = outgoing.recipient
    message["Subject"] = outgoing.subject
    message["Date"] = format_datetime(outgoing.drafted_at.replace(tzinfo=UTC))
    message["Message-ID"] = f"<r2p-digest-{outgoing.draft_id}@{sender.rpartition('@')[2]}>"
    message.set_content(outgoing.body)
    return message


def webhook_payload(outgoing: Outgoing) -> dict[str, str]:
    """What Slack-style and Teams-style incoming webhooks both accept: `text` (Teams also shows `title` and uses
    `summary` for notifications; Slack ignores both)."""
    return {"title": outgoing.subject, "summary": outgoing.subject,
            "text": f"*{outgoing.subject}* (to {outgoing.recipient})\n\n{outgoing.body}"}


def send_mail(relay: SmtpRelay, message: EmailMessage) -> None:
    """Hand one message to the relay: TLS and login only where R2P_SMTP_URL asks for them."""
    context = ssl.create_default_context()
    opener: Callable[..., smtplib.SMTP] = (
        (lambda: smtplib.SMTP_SSL(relay.host, relay.port, timeout=TIMEOUT, context=context))
        if relay.implicit_tls else (lambda: smtplib.SMTP(relay.host, relay.port, timeout=TIMEOUT)))
    with opener() as connection:
        if relay.starttls:
            connection.starttls(context=context)
        if relay.user is not None:
            connection.login(relay.user, relay.password or "")
        connection.send_message(message)


def webhook_url(url: str) -> str:
    """R2P_WEBHOOK_URL, checked: an http:// or https:// address with a host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SettingError(f"R2P_WEBHOOK_URL must be an http:// or https:// address, not {_redacted(url)!r}.")
    return url


def post_webhook(url: str, payload: dict[str, str]) -> None:
    """POST the payload as JSON; anything but a 2xx answer raises (an OSError, so the delivery is retried)."""
    request = urllib.request.Request(url, data=json.dumps(payload).encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/json; charset=utf-8"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310 - webhook_url checked the scheme
        if not 200 <= answer.status < 300:
            raise OSError(f"the webhook answered HTTP {answer.status}")


def write_eml(folder: Path, outgoing: Outgoing, message: EmailMessage) -> Path:
    """Write the message as FOLDER/r2p-digest-<id>.eml atomically (a reader never sees half a file)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"r2p-digest-{outgoing.draft_id:06d}.eml"
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".r2p-digest-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(message.as_bytes())
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o640)  # NOTE: mkstemp makes it 0600; the group (a transfer or pickup job) may read it
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _redacted(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)
