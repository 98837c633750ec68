"""The channels' settings and messages: R2P_SMTP_URL's forms, the webhook payload, .eml files written whole."""

from __future__ import annotations

from datetime import datetime
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from r2p.config import SettingError
from r2p.notify.channels import (
    Outgoing,
    SmtpRelay,
    email_message,
    smtp_relay,
    webhook_payload,
    webhook_url,
    write_eml,
)

OUTGOING = Outgoing(7, "ana@example.org", "R2P Watch digest 2026-11-23: 2 tier moves",
                    "Tier moves (2)\n- Myanmar (MMR): Elevated → Very high in 2025\n", datetime(2026, 11, 23, 6, 0))


@pytest.mark.parametrize(("url", "relay"), [
    ("smtp://relay.internal", SmtpRelay("relay.internal", 25, False, False)),
    ("smtp://relay.internal:587?starttls=1", SmtpRelay("relay.internal", 587, False, True)),
    ("smtp://digest:s%40cret@relay.internal:587?starttls=1",
     SmtpRelay("relay.internal", 587, False, True, "digest", "s@cret")),
    ("smtps://digest:pw@relay.internal", SmtpRelay("relay.internal", 465, True, False, "digest", "pw")),
    ("smtp://relay.internal:2525?starttls=0", SmtpRelay("relay.internal", 2525, False, False)),
])
def test_the_smtp_url_says_where_and_whether_to_use_starttls_and_login(url: str, relay: SmtpRelay) -> None:
    assert smtp_relay(url) == relay


@pytest.mark.parametrize(("url", "says"), [
    ("relay.internal:587", "must look like smtp://"),
    ("http://relay.internal", "must look like smtp://"),
    ("smtp://relay.internal?tls=1", "unknown option(s) tls"),
    ("smtp://relay.internal?starttls=maybe", "starttls='maybe'"),
    ("smtps://relay.internal?starttls=1", "TLS already"),
    ("smtp://relay.internal:port", "not a number"),
])
def test_a_malformed_smtp_url_is_refused_naming_the_setting(url: str, says: str) -> None:
    with pytest.raises(SettingError, match="R2P_SMTP_URL") as refused:
        smtp_relay(url)
    assert says in str(refused.value)


def test_a_password_in_a_refused_url_is_not_echoed() -> None:
    with pytest.raises(SettingError) as refused:
        smtp_relay("ftp://digest:hunter22@relay.internal")
    assert "hunter22" not in str(refused.value) and "***" in str(refused.value)


def test_the_webhook_url_must_be_http() -> None:
    assert webhook_url("https://hooks.example.org/x") == "https://hooks.example.org/x"
    for bad in ("ftp://hooks.example.org/x", "hooks.example.org/x", "https:///x"):
        with pytest.raises(SettingError, match="R2P_WEBHOOK_URL"):
            webhook_url(bad)


def test_the_webhook_payload_has_the_text_field_slack_and_teams_read() -> None:
    payload = webhook_payload(OUTGOING)
    assert OUTGOING.subject in payload["text"] and "Myanmar (MMR)" in payload["text"]
    assert payload["summary"] == OUTGOING.subject  # Teams' MessageCard needs text or summary


def test_the_message_id_comes_from_the_draft_so_a_copy_is_the_same_message() -> None:
    first, again = email_message(OUTGOING, "r2p@example.org"), email_message(OUTGOING, "r2p@example.org")
    assert first["Message-ID"] == again["Message-ID"] == "<r2p-digest-7@example.org>"
    assert (first["From"], first["To"], first["Subject"]) == ("r2p@example.org", OUTGOING.recipient, OUTGOING.subject)


def test_an_eml_file_is_written_whole_and_parses_back(tmp_path: Path) -> None:
    folder = tmp_path / "outbox"
    written = write_eml(folder, OUTGOING, email_message(OUTGOING, "r2p@example.org"))
    assert [p.name for p in folder.iterdir()] == [written.name] == ["r2p-digest-000007.eml"]  # no partial file left
    parsed = message_from_bytes(written.read_bytes(), policy=policy.default)
    assert parsed["Subject"] == OUTGOING.subject and parsed.get_content() == OUTGOING.body
