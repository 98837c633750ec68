"""Escalation by level: the levels (the site's R2P_ESCALATION_FILE, else r2p/catalog/escalation.yml; validated alike)
and which overdue reviews move up."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from r2p.config import SettingError, setting

SHIPPED = "escalation.yml"
_ADDRESS = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")
# RFC 2606/6761 names that reach nobody: the shipped file's placeholders, or a site file copied but not edited.
_EXAMPLE_DOMAIN = re.compile(r"(^|\.)(example\.(org|com|net)|example|invalid|test|localhost)$", re.IGNORECASE)


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


class EscalationError(SettingError):
    """The escalation file (shipped or the site's) is malformed; the message names the file, level and field.

    A SettingError, so the command line says it in one line (exit code 2)."""


def parse_levels(text: str, source: str = SHIPPED) -> tuple[Level, ...]:
    """The levels in a YAML text with a `levels:` list, numbered from 1 in their order."""
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise EscalationError(f"{source}: not valid YAML ({str(error).splitlines()[0]})") from None
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


def site_file() -> Path | None:
    """The site's escalation file (R2P_ESCALATION_FILE), or None while the shipped example is in force."""
    raw = setting("escalation_file").strip()
    return Path(raw).expanduser() if raw else None


def source() -> str:
    """Where the levels in force come from, as messages name it."""
    site = site_file()
    return f"R2P_ESCALATION_FILE {site}" if site else SHIPPED


def levels() -> tuple[Level, ...]:
    """The escalation levels in force, first (number 1) to last: the site's file when R2P_ESCALATION_FILE is set
    (re-read when it changes), else the shipped example."""
    site = site_file()
    if site is None:
        return _shipped_levels()
    try:
        changed = site.stat().st_mtime_ns
    except OSError as error:
        raise EscalationError(f"{source()}: cannot be read ({error.strerror})") from None
    return _site_levels(str(site), changed)


@lru_cache(maxsize=1)
def _shipped_levels() -> tuple[Level, ...]:
    return parse_levels(resources.files("r2p.catalog").joinpath(SHIPPED).read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def _site_levels(path: str, changed: int) -> tuple[Level, ...]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise EscalationError(f"R2P_ESCALATION_FILE {path}: cannot be read ({error})") from None
    return parse_levels(text, f"R2P_ESCALATION_FILE {path}")


def example_recipients(chain: tuple[Level, ...]) -> list[str]:
    """The recipients at example domains (example.org and the like), which no digest reaches, in level order."""
    return [address for lvl in chain for address in lvl.recipients
            if _EXAMPLE_DOMAIN.search(address.rsplit("@", 1)[1])]


def example_notice() -> str | None:
    """A sentence saying the escalation recipients in force are examples, or None when they are not."""
    examples = example_recipients(levels())
    if not examples:
        return None
    shown = ", ".join(examples[:2]) + (f" and {len(examples) - 2} more" if len(examples) > 2 else "")
    where = "the shipped example escalation.yml" if site_file() is None else source()
    return (f"the escalation levels' recipients are examples ({shown}, from {where}): digests drafted for them reach "
            "nobody. Set R2P_ESCALATION_FILE to your site's file (README: Escalation by level).")


def level(number: int) -> Level:
    """Level `number` (1 is the first); KeyError names the levels there are."""
    chain = levels()
    if not 1 <= number <= len(chain):
        raise KeyError(f"there is no escalation level {number}; levels are 1 to {len(chain)} ({source()})")
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
