"""The options library (convening/data/options.yml) and, per country, the options an editor selects and annotates.

In the pack, options that pull in opposite directions stand side by side (`opposing_pairs`), so that a meeting
weighs alternatives rather than ratifying one.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from io import StringIO
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from r2p.access.rights import User, require
from r2p.warehouse.audit import audit
from r2p.warehouse.queries import query, run
from r2p.warehouse.store import Warehouse

MAX_ANNOTATION = 2000
Direction = Literal["pressure", "engagement"]
DIRECTION_LABELS = {"pressure": "Pressure", "engagement": "Engagement and consent"}


class OptionsError(ValueError):
    """A library or a selection that cannot be accepted; the message says which entry or field."""


class Precedent(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    text: str = Field(min_length=10)
    source_url: str = Field(pattern=r"^https://")


class Option(BaseModel):
    """One option. `lever_ids`: actors of the engagement registry; `levers`: their names, resolved."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=5)
    direction: Direction
    lever_ids: tuple[str, ...] = Field(alias="levers", min_length=1)
    levers: tuple[str, ...] = Field(default=(), alias="lever_names")
    preconditions: tuple[str, ...] = Field(min_length=1)
    risks: tuple[str, ...] = Field(min_length=1)
    implications: tuple[str, ...] = Field(min_length=1)
    opposes: tuple[str, ...] = ()
    precedents: tuple[Precedent, ...] = ()

    @model_validator(mode="after")
    def _not_itself(self) -> Option:
        if self.id in self.opposes:
            raise ValueError("an option cannot oppose itself")
        return self


@dataclass(frozen=True)
class SelectedOption:
    """An option chosen for a country, with the editor's annotation."""

    option: Option
    annotation: str
    selected_by: str
    selected_at: datetime


def parse_library(text: str, actor_names: dict[str, str], name: str = "options.yml") -> tuple[Option, ...]:
    """The options of a library file; OptionsError names the entry and field of the first problem."""
    entries = yaml.safe_load(text) or []
    options = []
    for number, entry in enumerate(entries, start=1):
        label = f"{name}, entry {number} ({entry.get('id', '?') if isinstance(entry, dict) else '?'})"
        try:
            unknown = [a for a in entry.get("levers", []) if a not in actor_names]
            if unknown:
                raise OptionsError(f"{label}: levers: not actors of the registry: {', '.join(unknown)}")
            names = [actor_names[a] for a in entry.get("levers", [])]
            options.append(Option.model_validate({**entry, "lever_names": names}))
        except ValidationError as error:
            fields = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors())
            raise OptionsError(f"{label}: {fields}") from None
    _check_links(options, name)
    return tuple(options)


def _check_links(options: list[Option], name: str) -> None:
    by_id = {o.id: o for o in options}
    if len(by_id) != len(options):
        raise OptionsError(f"{name}: option ids must be unique")
    for option in options:
        for other in option.opposes:
            if other not in by_id:
                raise OptionsError(f"{name}, {option.id}: opposes: no option {other!r}")
            if by_id[other].direction == option.direction:
                raise OptionsError(f"{name}, {option.id}: opposes {other!r}, which pulls the same way")


def shipped_actor_names() -> dict[str, str]:
    text = resources.files("r2p.engagement").joinpath("data", "actors.csv").read_text(encoding="utf-8")
    return {row["actor_id"]: row["name"] for row in csv.DictReader(StringIO(text))}


@cache
def library() -> tuple[Option, ...]:
    """The shipped options library, validated against the shipped actor registry."""
    text = resources.files("r2p.convening").joinpath("data", "options.yml").read_text(encoding="utf-8")
    return parse_library(text, shipped_actor_names())


def option_by_id(option_id: str) -> Option:
    found = {o.id: o for o in library()}
    if option_id not in found:
        raise OptionsError(f"No option {option_id!r} in the library.")
    return found[option_id]


def set_selection(warehouse: Warehouse, iso3: str, option_id: str, selected: bool, annotation: str,
                  user: User) -> int:
    """Select (or withdraw) an option for a country, as a new version; audited. Returns the version's id."""
    require(user, "select_options")
    option_by_id(option_id)
    text = annotation.strip()
    if selected and not text:
        raise OptionsError("Say why this option is on the table: the annotation is empty.")
    if len(text) > MAX_ANNOTATION:
        raise OptionsError(f"An annotation has at most {MAX_ANNOTATION} characters (this one has {len(text)}).")
    with warehouse.write() as connection:
        if not int(run(connection, "read/country_known", {"iso3": iso3})["known"].iloc[0]):
            raise OptionsError(f"Unknown country {iso3!r}.")
        added = run(connection, "write/option_selection_add", {
            "iso3": iso3, "option_id": option_id, "selected": selected, "annotation": text,
            "author": user.name, "created_at": datetime.now(UTC).replace(tzinfo=None)})
        selection_id = int(added["selection_id"].iloc[0])
        audit(connection, "select_option" if selected else "withdraw_option", "option_selection",
              str(selection_id), None, {"iso3": iso3, "option_id": option_id, "annotation": text}, user.name)
    return selection_id


def pack_options(warehouse: Warehouse, iso3: str) -> tuple[SelectedOption, ...]:
    """The options selected for a country now, in library order (pressure and engagement interleaved as listed)."""
    rows = query(warehouse, "read/option_selections", {"iso3": iso3})
    chosen = {row.option_id: row for row in rows.itertuples()}
    return tuple(SelectedOption(o, str(chosen[o.id].annotation), str(chosen[o.id].author),
                                chosen[o.id].created_at.to_pydatetime())
                 for o in library() if o.id in chosen)


def opposing_pairs(selected: tuple[SelectedOption, ...]) -> tuple[tuple[SelectedOption, SelectedOption], ...]:
    """Selected options that pull against each other, pressure first in each pair, each pair once."""
    by_id = {s.option.id: s for s in selected}
    pairs: list[tuple[SelectedOption, SelectedOption]] = []
    for item in selected:
        for other in item.option.opposes:
            if other in by_id:
                pair = tuple(sorted((item, by_id[other]), key=lambda s: s.option.direction != "pressure"))
                if pair not in pairs:
                    pairs.append(pair)  # type: ignore[arg-type]
    return tuple(pairs)
