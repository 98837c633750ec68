"""Real local servers digests are delivered to in tests: an SMTP server (aiosmtpd, optionally STARTTLS and login)
and an HTTP server receiving webhook POSTs, each on a free port of 127.0.0.1, plus a self-signed certificate."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import IPv4Address
from pathlib import Path
from ssl import PROTOCOL_TLS_SERVER, SSLContext

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

HOST = "127.0.0.1"


def free_port() -> int:
    """A TCP port nothing listens on right now (also what a relay that is down looks like)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@dataclass
class Mailbox:
    """What the SMTP server received: each message parsed, with the envelope's recipients and the login used."""

    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[list[str]] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)
    tls: list[bool] = field(default_factory=list)

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802 - aiosmtpd
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[attr-defined]
        self.envelopes.append(list(envelope.rcpt_tos))  # type: ignore[attr-defined]
        self.tls.append(session.ssl is not None)  # type: ignore[attr-defined]
        return "250 OK"


@contextmanager
def smtp_server(port: int | None = None, tls: SSLContext | None = None,
                login: tuple[str, str] | None = None) -> Iterator[tuple[Mailbox, int]]:
    """A running SMTP server; with `tls` it offers STARTTLS, with `login` it requires that login (over TLS only)."""
    mailbox = Mailbox()

    def authenticate(server: object, session: object, envelope: object, mechanism: str, data: object) -> AuthResult:
        ok = login is not None and isinstance(data, LoginPassword) and (data.login.decode(), data.password.decode()) \
            == login
        if ok:
            mailbox.logins.append(data.login.decode())  # type: ignore[union-attr]
        return AuthResult(success=ok)

    extra = {"tls_context": tls, "require_starttls": True} if tls else {}
    if login:
        extra |= {"authenticator": authenticate, "auth_required": True, "auth_require_tls": tls is not None}
    chosen = port or free_port()
    controller = Controller(mailbox, hostname=HOST, port=chosen, **extra)
    controller.start()
    try:
        yield mailbox, chosen
    finally:
        controller.stop()


@contextmanager
def webhook_server(status: int = 200) -> Iterator[tuple[list[dict], str]]:
    """A running HTTP server answering `status` to every POST; yields the JSON bodies received and its URL."""
    received: list[dict] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.headers.get_content_type() == "application/json":
                received.append(json.loads(body))
            self.send_response(status)
            self.end_headers()
            self.wfile.write(b"1")  # what Teams' and Slack's incoming webhooks answer

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer((HOST, 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield received, f"http://{HOST}:{server.server_address[1]}/hooks/digest"
    finally:
        server.shutdown()
        server.server_close()


def self_signed(folder: Path) -> tuple[Path, SSLContext]:
    """A certificate for 127.0.0.1 (its path, to trust through SSL_CERT_FILE) and a server context using it."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.now(UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
                   .not_valid_after(now + timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName([x509.IPAddress(IPv4Address(HOST))]), critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "relay.pem", folder / "relay.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    context = SSLContext(PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    return cert_path, context
