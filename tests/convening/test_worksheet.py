"""The scenarios-and-actors worksheet: editors save versions (the latest is shown), each audited; bad input and
viewers write nothing; a country nobody has worked on has no worksheet."""

from __future__ import annotations

import pytest

from r2p.access.rights import ANONYMOUS, PermissionDenied, Role, User
from r2p.convening.worksheet import (
    MAX_ITEM,
    Perpetrator,
    WorksheetError,
    latest_worksheet,
    not_filled_in,
    parse_list,
    parse_perpetrators,
    perpetrator_lines,
    save_worksheet,
)
from r2p.warehouse import Warehouse
from r2p.warehouse.queries import query
from tests.helpers.warehouses import contents

EDITOR = User("ed@example.org", Role.EDITOR, "local account")
MILITIA = Perpetrator("Rapid Support Forces", "control of Darfur's gold trade", "heavy weapons, paid fighters",
                      "withdrawal of peacekeepers")
EMPTY = {"groups_at_risk": (), "risk_factors": (), "resilience_factors": (), "triggers": (), "scenarios": (),
         "developments": ()}


def _save(warehouse: Warehouse, user: User = EDITOR, iso3: str = "SDN", **fields: object) -> int:
    return save_worksheet(warehouse, iso3, fields.pop("perpetrators", (MILITIA,)), **{**EMPTY, **fields}, user=user)


def _audited(warehouse: Warehouse) -> list[tuple]:
    rows = query(warehouse, "read/audit_entries", {"since": None, "until": None, "who": None, "action": "edit",
                                                   "entity": "worksheet", "entity_id": None, "text": None,
                                                   "limit": 10})
    return sorted(zip(rows["entity_id"], rows["actor"], strict=True))


def test_no_worksheet_until_someone_saves_one(warehouse: Warehouse) -> None:
    assert latest_worksheet(warehouse, "SDN") is None
    assert not_filled_in("Sudan") == "No worksheet has been filled in for Sudan."


def test_each_save_is_a_new_version_the_latest_shown_and_each_audited(warehouse: Warehouse) -> None:
    first = _save(warehouse, groups_at_risk=["  Masalit civilians in El Geneina ", "", "   "])
    second = _save(warehouse, perpetrators=(MILITIA, Perpetrator("Local militias", motive="revenge")),
                   groups_at_risk=["Masalit civilians"], scenarios=["Siege of El Fasher ends in mass killing"],
                   developments=["Troop build-up around El Fasher"])
    assert (first, second) == (1, 2)
    latest = latest_worksheet(warehouse, "SDN")
    assert latest is not None and latest.version == 2 and latest.edited_by == EDITOR.name
    assert latest.perpetrators == (MILITIA, Perpetrator("Local militias", "revenge", "", ""))
    assert latest.groups_at_risk == ("Masalit civilians",)
    assert latest.scenarios == ("Siege of El Fasher ends in mass killing",)
    assert latest.risk_factors == () and not latest.is_empty()
    assert latest_worksheet(warehouse, "MMR") is None  # one country's worksheet is no other's
    assert _audited(warehouse) == [("SDN v1", EDITOR.name), ("SDN v2", EDITOR.name)]
    versions = query(warehouse, "read/worksheet_next_version", {"iso3": "SDN"})["version"].iloc[0]
    assert versions == 3  # both versions are kept


def test_a_worksheet_saved_cleared_is_empty(warehouse: Warehouse) -> None:
    _save(warehouse, perpetrators=())
    latest = latest_worksheet(warehouse, "SDN")
    assert latest is not None and latest.is_empty() and latest.version == 1


@pytest.mark.parametrize(("fields", "message"), [
    ({"perpetrators": (Perpetrator("  "),)}, "Potential perpetrators, entry 1: a perpetrator needs a name"),
    ({"perpetrators": (Perpetrator("A", "x | y"),)}, "entry 1, motive: '|' separates the parts"),
    ({"triggers": ["ok", "x" * (MAX_ITEM + 1)]}, "Possible triggers and accelerants, entry 2: at most 1000"),
    ({"scenarios": [f"scenario {n}" for n in range(41)]}, "Plausible scenarios: at most 40 entries"),
    ({"iso3": "XXX"}, "Unknown country 'XXX'"),
])
def test_bad_input_is_refused_and_nothing_changes(warehouse: Warehouse, fields: dict, message: str) -> None:
    before = contents(warehouse.current_file())
    with pytest.raises(WorksheetError, match=message):
        _save(warehouse, **fields)
    assert contents(warehouse.current_file()) == before


@pytest.mark.parametrize("user", [ANONYMOUS, User("v@example.org", Role.VIEWER, "oidc")])
def test_viewers_cannot_save(warehouse: Warehouse, user: User) -> None:
    before = contents(warehouse.current_file())
    with pytest.raises(PermissionDenied, match="editor"):
        _save(warehouse, user=user)
    assert contents(warehouse.current_file()) == before


def test_the_form_text_reads_back_as_it_was_written() -> None:
    typed = "Rapid Support Forces | gold | weapons | withdrawal\n\n  Local militias | revenge  \nArmy"
    parsed = parse_perpetrators(typed)
    assert parsed == (Perpetrator("Rapid Support Forces", "gold", "weapons", "withdrawal"),
                      Perpetrator("Local militias", "revenge"), Perpetrator("Army"))
    assert parse_perpetrators(perpetrator_lines(parsed)) == parsed
    assert parse_list(" a \n\n b\n") == ("a", "b")
    with pytest.raises(WorksheetError, match="Potential perpetrators, line 2: at most four parts"):
        parse_perpetrators("A\nB | 1 | 2 | 3 | 4")
