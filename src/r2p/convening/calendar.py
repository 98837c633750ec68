"""The UN decision calendar: mandate expiries, sanctions and panels, reports due and Council sessions, each sourced.

The shipped data (convening/data/calendar.yml) is validated once, on first use; a bad entry is a packaging bug
and raises CalendarError naming the entry and the field.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

Kind = Literal["mandate_expiry", "sanctions_expiry", "panel_expiry", "report_due", "review", "session"]
KIND_LABELS: dict[str, str] = {
    "mandate_expiry": "Mandate expiry", "sanctions_expiry": "Sanctions expiry", "panel_expiry": "Panel of experts",
    "report_due": "Report due", "review": "Review", "session": "Council session",
}


class CalendarError(ValueError):
    """The shipped calendar does not pass validation."""


class DecisionPoint(BaseModel):
    """One dated decision point. `iso3s` empty: it concerns every situation (a Human Rights Council session)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    date: date
    title: str = Field(min_length=10)
    kind: Kind
    body: str = Field(min_length=3)
    iso3s: tuple[str, ...] = ()
    source_url: str = Field(pattern=r"^https://")

    @field_validator("iso3s")
    @classmethod
    def _codes(cls, codes: tuple[str, ...]) -> tuple[str, ...]:
        bad = [code for code in codes if len(code) != 3 or not code.isalpha() or not code.isupper()]
        if bad:
            raise ValueError(f"not ISO3 country codes: {', '.join(bad)}")
        return codes

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    def concerns(self, iso3: str) -> bool:
        return not self.iso3s or iso3.upper() in self.iso3s


def parse_calendar(text: str, name: str = "calendar.yml") -> tuple[DecisionPoint, ...]:
    """Every entry of a calendar file, in date order; CalendarError names the entry and field of any problem."""
    entries = yaml.safe_load(text) or []
    if not isinstance(entries, list):
        raise CalendarError(f"{name}: expected a list of entries")
    points = []
    for number, entry in enumerate(entries, start=1):
        try:
            points.append(DecisionPoint.model_validate(entry))
        except ValidationError as error:
            fields = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors())
            raise CalendarError(f"{name}, entry {number}: {fields}") from None
    return tuple(sorted(points, key=lambda p: (p.date, p.title)))


@cache
def shipped_calendar() -> tuple[DecisionPoint, ...]:
    text = resources.files("r2p.convening").joinpath("data", "calendar.yml").read_text(encoding="utf-8")
    return parse_calendar(text)


def decision_points(iso3: str | None = None, after: date | None = None,
                    limit: int | None = None) -> tuple[DecisionPoint, ...]:
    """Decision points in date order: for one country (with the sessions that concern every country), on or
    after a day, at most `limit` of them."""
    chosen = [p for p in shipped_calendar()
              if (iso3 is None or p.concerns(iso3)) and (after is None or p.date >= after)]
    return tuple(chosen[:limit] if limit is not None else chosen)
