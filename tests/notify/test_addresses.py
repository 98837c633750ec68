"""E-mail addresses: one bare address is kept (lower-cased); anything else is refused with the form expected."""

from __future__ import annotations

import pytest

from r2p.notify.addresses import AddressError, checked_address


@pytest.mark.parametrize("text", ["ana@example.org", " Ana.Desk+r2p@Mail.Example.ORG ", "o'neil@un-ops.int"])
def test_a_bare_address_is_kept_lower_cased(text: str) -> None:
    assert checked_address(text) == text.strip().lower()


@pytest.mark.parametrize("text", [
    "", "ana", "ana@", "@example.org", "ana@localhost", "Ana <ana@example.org>", "ana@example.org, bo@example.org",
    "ana example@example.org", "ana@exa_mple.org", "ana@-example.org", "ana..desk@example.org", "ana@example..org",
    '"ana"@example.org', "ana@example.org\nBcc: eve@example.org", "a" * 250 + "@example.org",
])
def test_anything_else_is_refused_with_the_expected_form(text: str) -> None:
    with pytest.raises(AddressError, match="name@example.org"):
        checked_address(text)
