"""Subscriptions: who hears about which changes (countries, lowest tier, rules, review level); kept by admins."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd

from r2p.access.rights import User, require
from r2p.notify.addresses import AddressError, checked_address
from r2p.triggers.escalation import levels
from r2p.triggers.rules import rule_book
from r2p.vocabulary import TIERS, tier_rank
from r2p.warehouse.audit import audit
from r2p.warehouse.queries import query, run
from r2p.warehouse.store import Warehouse

ALL = "ALL"


class SubscriptionError(ValueError):
    """A subscription that cannot be kept; the message names the value and what is allowed."""


@dataclass(frozen=True)
class Subscription:
    """One address and what it wants to hear about; None for a filter means "every one"."""

    address: str
    countries: tuple[str, ...] | None = None
    min_tier: str | None = None
    rules: tuple[str, ...] | None = None
    min_level: int | None = None  # reviews at this escalation level or higher
    subscription_id: int | None = None
    created_at: datetime | None = None  # naive UTC; changes before it are not news to this subscription

    def describe(self) -> str:
        """The filters in words, for lists and for the digest's footer."""
        parts = [f"countries {', '.join(self.countries)}" if self.countries else "every country"]
        if self.min_tier:
            parts.append(f"tier {self.min_tier} or higher")
        if self.rules:
            parts.append(f"reviews by rule {', '.join(self.rules)}")
        if self.min_level:
            parts.append(f"reviews at level {self.min_level} or higher")
        return "; ".join(parts)


def parse_subscription(address: str, countries: str | None, min_tier: str | None, rules: str | None,
                       min_level: int | None, known_countries: Collection[str]) -> Subscription:
    """A subscription from the command line or the form, each value checked; SubscriptionError names a bad one."""
    try:
        checked = checked_address(address)
    except AddressError as error:
        raise SubscriptionError(str(error)) from None
    return Subscription(checked, _countries(countries, known_countries), _tier(min_tier), _rules(rules),
                        _level(min_level))


def add_subscription(warehouse: Warehouse, subscription: Subscription, user: User) -> int:
    """Keep a subscription (admins only; audited); returns its id."""
    require(user, "manage_subscriptions")
    row = {"address": subscription.address, "countries": _listed(subscription.countries),
           "min_tier": subscription.min_tier, "rules": _listed(subscription.rules),
           "min_level": subscription.min_level, "created_by": user.name,
           "created_at": datetime.now(UTC).replace(tzinfo=None)}
    with warehouse.write() as connection:
        subscription_id = int(run(connection, "write/subscription_add", row)["subscription_id"].iloc[0])
        audit(connection, "subscribe", "subscription", str(subscription_id), None, row, user.name)
    return subscription_id


def remove_subscription(warehouse: Warehouse, subscription_id: int, user: User) -> Subscription:
    """Remove a subscription (admins only; audited with what it was); returns it."""
    require(user, "manage_subscriptions")
    with warehouse.write() as connection:
        found = [s for s in _from_rows(run(connection, "read/subscriptions")) if s.subscription_id == subscription_id]
        if not found:
            raise SubscriptionError(f"There is no subscription #{subscription_id} (`r2p subscriptions list`).")
        run(connection, "write/subscription_remove", {"subscription_id": subscription_id})
        audit(connection, "unsubscribe", "subscription", str(subscription_id),
              {"address": found[0].address, "filters": found[0].describe()}, None, user.name)
    return found[0]


def known_countries(warehouse: Warehouse) -> set[str]:
    """The ISO3 codes of the warehouse's country table (what --countries may name)."""
    return set(query(warehouse, "read/country_names")["iso3"])


def subscriptions(warehouse: Warehouse) -> list[Subscription]:
    """Every subscription, oldest first."""
    return _from_rows(query(warehouse, "read/subscriptions"))


def subscription_table(found: list[Subscription]) -> pd.DataFrame:
    """Subscriptions as a table: id, address, countries, min_tier, rules, min_level, since."""
    return pd.DataFrame([{"id": s.subscription_id, "address": s.address,
                          "countries": ",".join(s.countries) if s.countries else ALL, "min_tier": s.min_tier or "",
                          "rules": ",".join(s.rules) if s.rules else ALL, "min_level": s.min_level or "",
                          "since": s.created_at} for s in found],
                        columns=["id", "address", "countries", "min_tier", "rules", "min_level", "since"])


def _from_rows(rows: pd.DataFrame) -> list[Subscription]:
    return [Subscription(row.address, _tuple(row.countries), _text(row.min_tier), _tuple(row.rules),
                         None if pd.isna(row.min_level) else int(row.min_level), int(row.subscription_id),
                         pd.Timestamp(row.created_at).to_pydatetime())
            for row in rows.itertuples()]


def _countries(text: str | None, known: Collection[str]) -> tuple[str, ...] | None:
    codes = [code.strip().upper() for code in (text or "").split(",") if code.strip()]
    if not codes or codes == [ALL]:
        return None
    unknown = [code for code in codes if code not in set(known)]
    if unknown:
        raise SubscriptionError(f"--countries: unknown ISO3 code(s) {', '.join(unknown)}; give ISO3 codes of the "
                                f"warehouse's country table (for example MMR,SDN) or {ALL}.")
    return tuple(dict.fromkeys(codes))


def _tier(text: str | None) -> str | None:
    if not text:
        return None
    for tier in TIERS:
        if tier.lower() == text.strip().lower():
            return tier
    raise SubscriptionError(f"--min-tier: {text!r} is not a tier; a tier is one of: {', '.join(TIERS)}.")


def _rules(text: str | None) -> tuple[str, ...] | None:
    ids = [rule.strip() for rule in (text or "").split(",") if rule.strip()]
    if not ids or ids == [ALL]:
        return None
    known = [rule.id for rule in rule_book().rules]
    unknown = [rule for rule in ids if rule not in known]
    if unknown:
        raise SubscriptionError(f"--rules: unknown rule(s) {', '.join(unknown)}; rules are: {', '.join(known)}.")
    return tuple(dict.fromkeys(ids))


def _level(number: int | None) -> int | None:
    if number is None:
        return None
    chain = levels()
    if not 1 <= number <= len(chain):
        raise SubscriptionError(f"--level: {number} is not an escalation level; levels are 1 to {len(chain)} "
                                f"({', '.join(level.name for level in chain)}).")
    return number


def tier_at_least(tier: str | None, lowest: str) -> bool:
    """Whether `tier` is `lowest` or higher (Insufficient data and unknown labels never are)."""
    rank = tier_rank(tier) if tier else None
    return rank is not None and rank <= (tier_rank(lowest) or 0)


def _listed(codes: tuple[str, ...] | None) -> list[str] | None:
    return None if codes is None else list(codes)


def _tuple(value: object) -> tuple[str, ...] | None:
    # NOTE: a DuckDB list column reads back as an array, a NULL one as None or NaN.
    return None if value is None or value is pd.NA or isinstance(value, float) else tuple(str(c) for c in value)


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)
