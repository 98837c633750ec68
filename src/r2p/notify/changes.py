"""What changed: tier moves, reviews opened, escalated or overdue, surges and loads, each with a permanent key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode

import pandas as pd

from r2p.config import setting
from r2p.tiers.current import current_period
from r2p.tiers.method import TierMethod, resolve_method
from r2p.triggers.rules import rule_book
from r2p.view import PREFERRED_INDICATOR, ViewState
from r2p.vocabulary import tier_rank
from r2p.warehouse.queries import Readable, query

TIER_MOVES, ESCALATED, OVERDUE, OPENED, SURGES, LOADED = (
    "Tier moves", "Reviews escalated", "Reviews overdue", "Reviews opened", "Surges", "Data loaded")
SECTIONS = (TIER_MOVES, ESCALATED, OVERDUE, OPENED, SURGES, LOADED)  # the order a digest lists them in
WORDS = {TIER_MOVES: ("tier move", "tier moves"), ESCALATED: ("review escalated", "reviews escalated"),
         OVERDUE: ("review overdue", "reviews overdue"), OPENED: ("review opened", "reviews opened"),
         SURGES: ("surge", "surges"), LOADED: ("load", "loads")}  # a digest's subject counts them in these words
SURGE_KINDS = ("spike", "surge")  # a rule whose kind names one of these opens surge reviews


@dataclass(frozen=True)
class Change:
    """One thing a reader may need to know. `key` names it for good: a change is put in a reader's digest once."""

    key: str
    section: str
    text: str
    link: str
    at: datetime | None = None  # when it happened (naive UTC); None for a standing state (a current tier move)
    iso3: str | None = None
    tier: str | None = None  # the country's tier (a move: the higher of the two), for --min-tier
    rule_id: str | None = None  # set on review changes only
    level: int | None = None  # the review's level now
    undecided: bool = False

    @property
    def about_review(self) -> bool:
        return self.rule_id is not None


@dataclass(frozen=True)
class Scope:
    """The tier method and period the changes are read in, and where links point."""

    method: TierMethod | None
    period: int | None
    base_url: str

    def link(self, page: str, iso3: str | None = None) -> str:
        """The dashboard's permalink to a page (on one country's view when iso3 is given)."""
        address = f"{self.base_url.rstrip('/')}/{page}"
        if iso3 is None:
            return address
        view = ViewState(iso3, self.period or date.today().year, PREFERRED_INDICATOR,
                         self.method.label if self.method else "")
        return f"{address}?{urlencode(view.as_params(), safe=',')}"


def reading_scope(warehouse: Readable) -> Scope:
    """The default tier method (the one door: resolve_method) and its current period; none without scores."""
    scored = set(query(warehouse, "read/scored_methods")["method_version"])
    if not scored:
        return Scope(None, None, setting("public_url"))
    chosen = resolve_method(None, scored=scored)[0]
    return Scope(chosen, current_period(warehouse, chosen), setting("public_url"))


def collect_changes(warehouse: Readable, scope: Scope, today: date, loads_since: datetime | None) -> list[Change]:
    """Every change a digest may carry; loads only from `loads_since` (None: none)."""
    tiers = _current_tiers(warehouse, scope)
    reviews = query(warehouse, "read/digest_reviews")
    changes = tier_moves(warehouse, scope)
    changes += review_changes(reviews, tiers, scope, today)
    changes += escalation_changes(query(warehouse, "read/digest_escalations"), reviews, tiers, scope)
    if loads_since is not None:
        changes += load_changes(query(warehouse, "read/digest_loads", {"since": loads_since}), scope)
    return changes


def tier_moves(warehouse: Readable, scope: Scope) -> list[Change]:
    """Countries whose tier in the current period differs from the period before (default tier method)."""
    if scope.method is None or scope.period is None:
        return []
    movers = query(warehouse, "read/tier_movers", {"method_version": scope.method.label, "period": scope.period})
    return [Change(f"tier:{row.method_version}:{row.iso3}:{row.period}:{row.to_tier}", TIER_MOVES,
                   f"{row.name} ({row.iso3}): {row.from_tier} → {row.to_tier} in {row.period}",
                   scope.link("country", row.iso3), None, row.iso3, _higher(row.from_tier, row.to_tier))
            for row in movers.itertuples()]


def review_changes(reviews: pd.DataFrame, tiers: dict[str, str], scope: Scope, today: date) -> list[Change]:
    """Each review opened (a surge when a surge rule opened it), and each undecided one past its deadline."""
    surge_rules = {rule.id for rule in rule_book().rules if any(kind in rule.kind for kind in SURGE_KINDS)}
    changes = []
    for row in reviews.itertuples():
        undecided = pd.isna(row.decision)
        deadline = None if pd.isna(row.deadline) else pd.Timestamp(row.deadline).date()
        common = {"link": scope.link("reviews", row.iso3), "iso3": row.iso3, "tier": tiers.get(row.iso3),
                  "rule_id": row.rule_id, "level": int(row.level), "undecided": undecided}
        where = f"level {int(row.level)}, held by {row.holder}, decide by {deadline}"
        changes.append(Change(f"review-opened:{row.review_id}", SURGES if row.rule_id in surge_rules else OPENED,
                              f"#{row.review_id} {row.name}: {row.evidence} (rule {row.rule_id}; {where})",
                              at=pd.Timestamp(row.opened_at).to_pydatetime(), **common))
        if undecided and deadline is not None and deadline < today:
            changes.append(Change(f"review-overdue:{row.review_id}:{deadline}", OVERDUE,
                                  f"#{row.review_id} {row.name}: no decision since {deadline} ({where})", **common))
    return changes


def escalation_changes(escalations: pd.DataFrame, reviews: pd.DataFrame, tiers: dict[str, str],
                       scope: Scope) -> list[Change]:
    """Each move of a review up a level (an "escalate" row of the audit log)."""
    level_now = dict(zip(reviews["review_id"], reviews["level"], strict=True))
    return [Change(f"review-escalated:{row.review_id}:{row.level}", ESCALATED,
                   f"#{row.review_id} {row.name}: escalated to level {row.level}, held by {row.holder}, decide by "
                   f"{row.deadline} (rule {row.rule_id})", scope.link("reviews", row.iso3),
                   pd.Timestamp(row.logged_at).to_pydatetime(), row.iso3, tiers.get(row.iso3), row.rule_id,
                   int(level_now.get(row.review_id, row.level)), pd.isna(row.decision))
            for row in escalations.itertuples() if pd.notna(row.level)]


def load_changes(loads: pd.DataFrame, scope: Scope) -> list[Change]:
    """Each load into the warehouse."""
    return [Change(f"load:{row.ingest_id}", LOADED,
                   f"{row.source_id} ({row.kind}): {row.file_name}, {int(row.rows_loaded):,} rows",
                   scope.link("data_methods"), pd.Timestamp(row.finished_at).to_pydatetime())
            for row in loads.itertuples()]


def _current_tiers(warehouse: Readable, scope: Scope) -> dict[str, str]:
    if scope.method is None or scope.period is None:
        return {}
    table = query(warehouse, "read/current_tiers", {"method_version": scope.method.label, "period": scope.period})
    return dict(zip(table["iso3"], table["tier"], strict=True))


def _higher(first: str, second: str) -> str:
    ranks = [(tier_rank(tier) or 99, tier) for tier in (first, second)]
    return min(ranks)[1]
