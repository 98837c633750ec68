"""Trigger rules, loaded from r2p/catalog/triggers.yml and validated."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from r2p.triggers.escalation import EscalationError, levels, source
from r2p.vocabulary import TIERS


class Rule(BaseModel):
    """One trigger rule; which fields apply depends on its kind."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    kind: Literal["tier_rise", "crosses_into", "rank_enters_top", "event_spike", "admin1_surge"]
    description: str
    review_days: int | None = Field(default=None, ge=1, le=365)  # None: the opening level's decision_days
    opens_at_level: int = Field(default=1, ge=1)  # the escalation level it opens at (levels in force)
    method: str | None = None
    steps: int = 1
    tiers: tuple[str, ...] = ()
    indicator: str | None = None
    top: int = 30
    violence_types: tuple[int, ...] = (1, 2, 3)
    window_days: int = 30
    minimum: float = 100  # event_spike: deaths in the window; admin1_surge: events in the week
    # event_spike (HDX Signals style, r2p/triggers/surges.py): a high over any of these numbers of years, and a
    # repeat for the country within suppress_days of the last firing only when extreme (extreme_ratio x the high).
    high_years: tuple[int, ...] = Field(default=(1, 3), min_length=1)
    suppress_days: int = Field(default=180, ge=0)
    extreme_ratio: float = Field(default=2.0, gt=1)
    # admin1_surge (ACLED surge tracker style): a week's events >= surge_ratio x the average of weeks_before weeks.
    weeks_before: int = Field(default=4, ge=1)
    surge_ratio: float = Field(default=2.0, gt=1)

    def model_post_init(self, context: object) -> None:
        if self.kind in ("tier_rise", "crosses_into") and not self.method:
            raise ValueError(f"rule {self.id}: a {self.kind} rule names a tier method")
        if self.kind == "crosses_into" and not set(self.tiers) <= set(TIERS):
            raise ValueError(f"rule {self.id}: unknown tiers {self.tiers}")
        if self.kind == "rank_enters_top" and not self.indicator:
            raise ValueError(f"rule {self.id}: a rank rule names the indicator to rank by")


class RuleBook(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    owner: str
    rules: tuple[Rule, ...]


def rule_book() -> RuleBook:
    """The rules, checked against the escalation levels in force now (the site's file can change while running):
    a rule opening at a level the chain does not have is refused naming the rule and the file (EscalationError)."""
    book = _shipped_rules()
    chain = levels()
    for rule in book.rules:
        if rule.opens_at_level > len(chain):
            raise EscalationError(f"{source()}: has {len(chain)} level(s), but trigger rule {rule.id} opens its "
                                  f"reviews at level {rule.opens_at_level}; give the chain at least "
                                  f"{rule.opens_at_level} levels")
    return book


@lru_cache(maxsize=1)
def _shipped_rules() -> RuleBook:
    text = resources.files("r2p.catalog").joinpath("triggers.yml").read_text(encoding="utf-8")
    book = RuleBook(**yaml.safe_load(text))
    ids = [r.id for r in book.rules]
    if len(ids) != len(set(ids)):
        raise ValueError("trigger rule ids must be unique")
    return book
