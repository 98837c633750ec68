"""The scenarios-and-actors worksheet of a country, after the UN Framework of Analysis for Atrocity Crimes (2014)
and the US Atrocity Risk Assessment Framework: versioned (a save appends a version), audited, written by editors.

The product never fills one in: a country nobody has worked on has no worksheet, and says so."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime

from r2p.access.rights import User, require
from r2p.warehouse.audit import audit
from r2p.warehouse.queries import query, run
from r2p.warehouse.store import Warehouse

MAX_ITEM = 1000  # characters in one entry (a perpetrator's motive, one risk factor, one scenario…)
MAX_ITEMS = 40  # entries in one list
# The lists of a worksheet, in the order the frameworks take them, with the heading each is shown under.
LISTS: dict[str, str] = {
    "groups_at_risk": "Groups at risk",
    "risk_factors": "Risk factors",
    "resilience_factors": "Resilience (mitigating) factors",
    "triggers": "Possible triggers and accelerants",
    "scenarios": "Plausible scenarios",
    "developments": "Key developments to monitor",
}
PERPETRATORS = "Potential perpetrators"
PERPETRATOR_FORMAT = "name | motive | means | opportunity"


class WorksheetError(ValueError):
    """A worksheet that cannot be saved; the message says which field and entry is wrong."""


@dataclass(frozen=True)
class Perpetrator:
    """A potential perpetrator: who, why (motive), with what (means) and when or where they could act
    (opportunity)."""

    name: str
    motive: str = ""
    means: str = ""
    opportunity: str = ""


@dataclass(frozen=True)
class Worksheet:
    """One saved version of a country's worksheet."""

    iso3: str
    version: int
    perpetrators: tuple[Perpetrator, ...]
    groups_at_risk: tuple[str, ...]
    risk_factors: tuple[str, ...]
    resilience_factors: tuple[str, ...]
    triggers: tuple[str, ...]
    scenarios: tuple[str, ...]
    developments: tuple[str, ...]
    edited_by: str
    edited_at: datetime

    def is_empty(self) -> bool:
        """Whether every field is empty (a version an editor saved cleared)."""
        return not self.perpetrators and not any(getattr(self, name) for name in LISTS)


def not_filled_in(name: str) -> str:
    """What the product says instead of a worksheet: it never invents one."""
    return f"No worksheet has been filled in for {name}."


def latest_worksheet(warehouse: Warehouse, iso3: str) -> Worksheet | None:
    """The country's latest saved worksheet; None when nobody has saved one."""
    rows = query(warehouse, "read/worksheet_latest", {"iso3": iso3})
    if rows.empty:
        return None
    row = rows.iloc[0]
    content = json.loads(row["content"])
    return Worksheet(
        iso3=str(row["iso3"]), version=int(row["version"]),
        perpetrators=tuple(Perpetrator(**entry) for entry in content.get("perpetrators", [])),
        **{name: tuple(content.get(name, [])) for name in LISTS},
        edited_by=str(row["edited_by"]), edited_at=row["edited_at"].to_pydatetime(),
    )


def save_worksheet(warehouse: Warehouse, iso3: str, perpetrators: Iterable[Perpetrator],
                   groups_at_risk: Iterable[str], risk_factors: Iterable[str], resilience_factors: Iterable[str],
                   triggers: Iterable[str], scenarios: Iterable[str], developments: Iterable[str],
                   user: User) -> int:
    """Save the country's worksheet as a new version, as `user` (editor or above); returns the version number.

    Entries are stripped and blank ones dropped; a perpetrator needs a name. Bad input raises WorksheetError and
    nothing is written."""
    require(user, "edit_worksheet")
    lists = {"groups_at_risk": groups_at_risk, "risk_factors": risk_factors,
             "resilience_factors": resilience_factors, "triggers": triggers, "scenarios": scenarios,
             "developments": developments}
    content = {"perpetrators": [asdict(p) for p in _checked_perpetrators(perpetrators)],
               **{name: _checked_list(LISTS[name], entries) for name, entries in lists.items()}}
    with warehouse.write() as connection:
        if not int(run(connection, "read/country_known", {"iso3": iso3})["known"].iloc[0]):
            raise WorksheetError(f"Unknown country {iso3!r}.")
        version = int(run(connection, "read/worksheet_next_version", {"iso3": iso3})["version"].iloc[0])
        run(connection, "write/worksheet_add_version", {
            "iso3": iso3, "version": version, "content": json.dumps(content, ensure_ascii=False),
            "edited_by": user.name, "edited_at": datetime.now(UTC).replace(tzinfo=None)})
        audit(connection, "edit", "worksheet", f"{iso3} v{version}",
              None if version == 1 else {"version": version - 1}, {"iso3": iso3, "version": version, **content},
              user.name)
    return version


def parse_perpetrators(text: str) -> tuple[Perpetrator, ...]:
    """Perpetrators typed one a line as `name | motive | means | opportunity` (the later parts may be left out)."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) > 4:
            raise WorksheetError(f"{PERPETRATORS}, line {number}: at most four parts ({PERPETRATOR_FORMAT}); "
                                 f"this line has {len(parts)}.")
        found.append(Perpetrator(*parts))
    return tuple(found)


def perpetrator_lines(perpetrators: Iterable[Perpetrator]) -> str:
    """The perpetrators as parse_perpetrators reads them back (an editor's form starts from these)."""
    return "\n".join(" | ".join(asdict(p).values()).rstrip(" |") for p in perpetrators)


def parse_list(text: str) -> tuple[str, ...]:
    """Entries typed one a line (blank lines dropped)."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _checked_perpetrators(perpetrators: Iterable[Perpetrator]) -> list[Perpetrator]:
    checked = []
    for number, perpetrator in enumerate(perpetrators, start=1):
        values = {f.name: str(getattr(perpetrator, f.name)).strip() for f in fields(Perpetrator)}
        if not values["name"]:
            raise WorksheetError(f"{PERPETRATORS}, entry {number}: a perpetrator needs a name "
                                 f"({PERPETRATOR_FORMAT}).")
        for part, value in values.items():
            _check_length(f"{PERPETRATORS}, entry {number}, {part}", value)
            if "|" in value:  # NOTE: the editor's form separates the parts with it, so a saved one must read back
                raise WorksheetError(f"{PERPETRATORS}, entry {number}, {part}: '|' separates the parts "
                                     f"({PERPETRATOR_FORMAT}); use another character inside one.")
        checked.append(Perpetrator(**values))
    _check_count(PERPETRATORS, checked)
    return checked


def _checked_list(heading: str, entries: Iterable[str]) -> list[str]:
    checked = [str(entry).strip() for entry in entries if str(entry).strip()]
    for number, entry in enumerate(checked, start=1):
        _check_length(f"{heading}, entry {number}", entry)
    _check_count(heading, checked)
    return checked


def _check_length(where: str, value: str) -> None:
    if len(value) > MAX_ITEM:
        raise WorksheetError(f"{where}: at most {MAX_ITEM} characters (this one has {len(value)}); shorten it.")


def _check_count(heading: str, entries: list) -> None:
    if len(entries) > MAX_ITEMS:
        raise WorksheetError(f"{heading}: at most {MAX_ITEMS} entries (there are {len(entries)}).")
