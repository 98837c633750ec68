"""Escalation by level: the levels (r2p/catalog/escalation.yml, validated) and which overdue reviews move up."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

SHIPPED = "escalation.yml"
_ADDRESS = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")


class Level(BaseModel):
    """One level of the chain: who holds a review there, who hears about it, and how long they have to decide."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    number: int = Field(ge=1)  # 1 is the first; given by the level's place in the file
    name: str = Field(min_length=1)
    holder: str = Field(min_length=1)
    recipients: tuple[str, ...] = Field(min_length=1)
    decision_days: int = Field(ge=1, le=365)

    @field_validator("recipients")
    @classmethod
    def _addresses(cls, recipients: tuple[str, ...]) -> tuple[str, ...]:
        bad = [address for address in recipients if not _ADDRESS.match(address)]
        if bad:
            raise ValueError(f"not an e-mail address: {', '.join(repr(address) for address in bad)}")
        return recipients


class EscalationError(ValueError):
    """The escalation file is malformed; the message names the level and the field."""


def parse_levels(text: str, source: str = SHIPPED) -> tuple[Level, ...]:
    """The levels in a YAML text with a `levels:` list, numbered from 1 in their order."""
    loaded = yaml.safe_load(text)
    if not isinstance(loaded, dict) or set(loaded) != {"levels"} or not isinstance(loaded["levels"], list):
        raise EscalationError(f"{source}: expected one key, `levels`, holding a list of levels")
    if not loaded["levels"]:
        raise EscalationError(f"{source}: `levels` is empty; give at least one level")
    found = []
    for number, entry in enumerate(loaded["levels"], start=1):
        if not isinstance(entry, dict):
            raise EscalationError(f"{source}: level {number} is not a mapping of name, holder, recipients and "
                                  "decision_days")
        try:
            found.append(Level(number=number, **entry))
        except (ValidationError, TypeError) as error:
            raise EscalationError(f"{source}: level {number} ({entry.get('name', 'unnamed')}): "
                                  f"{_problems(error)}") from error
    return tuple(found)


@lru_cache(maxsize=1)
def levels() -> tuple[Level, ...]:
    """The shipped escalation levels, first (number 1) to last."""
    return parse_levels(resources.files("r2p.catalog").joinpath(SHIPPED).read_text(encoding="utf-8"))


def level(number: int) -> Level:
    """Level `number` (1 is the first); KeyError names the levels there are."""
    chain = levels()
    if not 1 <= number <= len(chain):
        raise KeyError(f"there is no escalation level {number}; levels are 1 to {len(chain)} ({SHIPPED})")
    return chain[number - 1]


@dataclass(frozen=True)
class Move:
    """One overdue review moving up one level: its new holder and deadline."""

    review_id: int
    old_level: int
    new_level: int
    old_holder: str | None
    new_holder: str
    old_deadline: date
    new_deadline: date


def escalations(reviews: pd.DataFrame, as_of: date, chain: tuple[Level, ...]) -> list[Move]:
    """Undecided reviews whose deadline passed before `as_of` and that sit below the last level, each moving up one
    level with the deadline `as_of` + the new level's decision_days. reviews: review_id, level, owner, due_date,
    decision. One level per run: a review overdue for weeks still climbs one step each time the rules run."""
    due = pd.to_datetime(reviews["due_date"]).dt.date
    overdue = reviews[reviews["decision"].isna() & due.notna() & (due < as_of)
                      & (reviews["level"].fillna(1).astype(int) < len(chain))]
    moves = []
    for row in overdue.itertuples():
        old = int(row.level) if pd.notna(row.level) else 1
        target = chain[old]  # the level numbered old + 1
        moves.append(Move(int(row.review_id), old, target.number, row.owner, target.holder,
                          pd.Timestamp(row.due_date).date(), as_of + timedelta(days=target.decision_days)))
    return moves


def _problems(error: Exception) -> str:
    if not isinstance(error, ValidationError):
        return str(error)
    return "; ".join(f"{'.'.join(str(part) for part in problem['loc']) or 'level'}: {problem['msg']}"
                     for problem in error.errors())
