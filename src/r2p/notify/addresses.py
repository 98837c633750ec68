"""E-mail addresses as subscriptions and the mail sender take them: one bare address, checked strictly."""

from __future__ import annotations

import re
from email.utils import parseaddr

# NOTE: stricter than RFC 5322 on purpose: a bare dot-atom address (no display name, comments or quoted local part),
# a domain of letters, digits and hyphens with at least one dot. What a relay would refuse is refused here, early.
_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
MAX_LENGTH = 254


class AddressError(ValueError):
    """Not one bare e-mail address; the message quotes it and shows the expected form."""


def checked_address(text: str) -> str:
    """The address, lower-cased, or AddressError: `name@example.org`, nothing around it."""
    candidate = text.strip()
    name, parsed = parseaddr(candidate)
    local, at, domain = candidate.rpartition("@")
    labels = domain.split(".")
    if (name or parsed != candidate or not at or len(candidate) > MAX_LENGTH or not _LOCAL.match(local)
            or len(labels) < 2 or not all(_LABEL.match(label) for label in labels)):
        raise AddressError(f"{text!r} is not an e-mail address: give one bare address, such as name@example.org.")
    return candidate.lower()
