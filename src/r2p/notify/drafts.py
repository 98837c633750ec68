"""Digest drafts: one per recipient with something new, kept until a person approves it (nothing leaves before)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import duckdb
import pandas as pd

from r2p.access.rights import User, require
from r2p.notify.changes import SECTIONS, WORDS, Change, Scope, collect_changes, reading_scope
from r2p.notify.subscriptions import Subscription, subscriptions, tier_at_least
from r2p.triggers.escalation import Level, levels
from r2p.warehouse.audit import audit
from r2p.warehouse.queries import query, run, staged
from r2p.warehouse.store import Warehouse


class DigestError(ValueError):
    """A digest that cannot be approved; the message says why."""


@dataclass(frozen=True)
class Recipient:
    """One address: its own subscriptions and the escalation levels whose recipients include it."""

    address: str
    subscriptions: tuple[Subscription, ...] = ()
    levels: tuple[Level, ...] = ()

    def wants(self, change: Change) -> bool:
        """A level's recipients hear about the undecided reviews at their level; subscribers what they chose."""
        numbers = {level.number for level in self.levels}
        if change.about_review and change.undecided and change.level in numbers:
            return True
        return any(_matches(subscription, change) for subscription in self.subscriptions)

    def reasons(self) -> list[str]:
        """Why this address receives digests, one line each (the digest's footer)."""
        return ([f"subscription #{s.subscription_id}: {s.describe()}" for s in self.subscriptions]
                + [f"recipient for escalation level {level.number} ({level.name})" for level in self.levels])


@dataclass(frozen=True)
class Draft:
    """A digest before it is stored: whom it is for, what it says, and the changes it covers."""

    recipient: str
    subject: str
    body: str
    keys: tuple[str, ...] = field(default=())


def recipients(found: Sequence[Subscription], chain: Sequence[Level]) -> list[Recipient]:
    """Every address to draft for: subscribers, and each level's recipients (implicit subscriptions), merged."""
    addresses = sorted({s.address for s in found} | {a.lower() for level in chain for a in level.recipients})
    return [Recipient(address, tuple(s for s in found if s.address == address),
                      tuple(level for level in chain if address in {a.lower() for a in level.recipients}))
            for address in addresses]


def draft_digests(warehouse: Warehouse, user: User, today: date | None = None) -> list[int]:
    """Draft one digest for each recipient with changes not yet in one of their digests; returns the new ids.

    NOTE: what was told is remembered by change key (digest_item), so a digest covers exactly what changed since
    that recipient's last one, whether or not the earlier one was approved yet."""
    require(user, "draft_digests")
    day = today or datetime.now(UTC).date()
    everyone = recipients(subscriptions(warehouse), levels())
    scope = reading_scope(warehouse)
    starts = [s.created_at for r in everyone for s in r.subscriptions if s.created_at is not None]
    changes = collect_changes(warehouse, scope, day, min(starts, default=None))
    drafted = []
    with warehouse.write() as connection:
        covered = run(connection, "read/digest_covered").groupby("recipient")["item_key"].agg(set).to_dict()
        for recipient in everyone:
            told = covered.get(recipient.address, set())
            news = [c for c in changes if c.key not in told and recipient.wants(c)]
            if news:
                drafted.append(_store(connection, compose(recipient, news, scope, day), user))
    return drafted


def compose(recipient: Recipient, news: Sequence[Change], scope: Scope, day: date) -> Draft:
    """The digest's subject and plain-text body: a section per kind of change, each line with its permalink."""
    counts = {section: [c for c in news if c.section == section] for section in SECTIONS}
    summary = ", ".join(_counted(len(items), section) for section, items in counts.items() if items)
    method = f" Tier method: {scope.method.label}, period {scope.period}." if scope.method else ""
    lines = [f"R2P Watch digest for {recipient.address}, {day.isoformat()}",
             f"What changed since your last digest.{method}", ""]
    for section, items in counts.items():
        if items:
            lines.append(f"{section} ({len(items)})")
            lines += [f"- {item.text}\n  {item.link}" for item in items]
            lines.append("")
    lines += ["Open the reviews: " + scope.link("reviews"), "", "You receive this digest as:"]
    lines += [f"- {reason}" for reason in recipient.reasons()]
    return Draft(recipient.address, f"R2P Watch digest {day.isoformat()}: {summary}", "\n".join(lines) + "\n",
                 tuple(dict.fromkeys(c.key for c in news)))


def list_drafts(warehouse: Warehouse) -> pd.DataFrame:
    """Every draft, newest first, with its state: awaiting approval, approved, sent (channels) or failed."""
    drafts = query(warehouse, "read/digest_drafts")
    state = pd.Series("approved", index=drafts.index, dtype="object")
    state[drafts["sent"] != ""] = "sent"
    state[drafts["failed"] != ""] = "failed (retried on the next --send)"
    state[drafts["approved_at"].isna()] = "awaiting approval"
    return drafts.assign(state=state, approved_by=drafts["approved_by"].fillna(""))


def approve_draft(warehouse: Warehouse, draft_id: int, user: User) -> str:
    """Approve a draft for delivery (editors and above; audited); returns its recipient."""
    require(user, "approve_digest")
    with warehouse.write() as connection:
        found = run(connection, "read/digest_draft", {"draft_id": draft_id})
        if found.empty:
            raise DigestError(f"There is no digest #{draft_id} (`r2p digest list`).")
        if pd.notna(found["approved_at"].iloc[0]):
            raise DigestError(f"Digest #{draft_id} was already approved by {found['approved_by'].iloc[0]}.")
        run(connection, "write/digest_approve", {"draft_id": draft_id, "approved_by": user.name,
                                                 "approved_at": datetime.now(UTC).replace(tzinfo=None)})
        audit(connection, "approve", "digest", str(draft_id), {"approved_by": None}, {"approved_by": user.name},
              user.name)
    return str(found["recipient"].iloc[0])


def _store(connection: duckdb.DuckDBPyConnection, draft: Draft, user: User) -> int:
    draft_id = int(run(connection, "write/digest_add", {
        "recipient": draft.recipient, "drafted_at": datetime.now(UTC).replace(tzinfo=None),
        "subject": draft.subject, "body": draft.body})["draft_id"].iloc[0])
    items = pd.DataFrame({"draft_id": draft_id, "recipient": draft.recipient, "item_key": list(draft.keys)})
    with staged(connection, items=items):
        run(connection, "write/digest_add_items")
    audit(connection, "draft", "digest", str(draft_id), None,
          {"recipient": draft.recipient, "subject": draft.subject, "changes": len(draft.keys)}, user.name)
    return draft_id


def _counted(number: int, section: str) -> str:
    """"1 tier move", "3 reviews opened", "2 loads": the subject's words for a section's count."""
    singular, plural = WORDS[section]
    return f"{number} {singular if number == 1 else plural}"


def _matches(subscription: Subscription, change: Change) -> bool:
    """Whether one subscription asks for a change: --rules and --level narrow the reviews only."""
    if change.at is not None and subscription.created_at is not None and change.at < subscription.created_at:
        return False
    if subscription.countries and change.iso3 is not None and change.iso3 not in subscription.countries:
        return False
    if subscription.min_tier and change.iso3 is not None and not tier_at_least(change.tier, subscription.min_tier):
        return False
    if change.about_review:
        if subscription.rules and change.rule_id not in subscription.rules:
            return False
        if subscription.min_level and (change.level or 1) < subscription.min_level:
            return False
    return True
