"""The options library and per-country selections: validated data, append-only versions, audit, opposing pairs."""

from __future__ import annotations

import pytest

from r2p.access.rights import PermissionDenied, Role, User
from r2p.convening.options import (
    OptionsError,
    library,
    opposing_pairs,
    pack_options,
    parse_library,
    set_selection,
    shipped_actor_names,
)
from r2p.read.audit_trail import AuditFilter, audit_entries
from r2p.warehouse import Warehouse

EDITOR = User("ed@example.org", Role.EDITOR, "local account")
VIEWER = User("vi@example.org", Role.VIEWER, "local account")
REQUIRED = {"good_offices", "public_statement", "fact_finding", "hrc_special_session", "security_council_meeting",
            "targeted_sanctions", "arms_embargo", "icc_referral", "protection_mandate", "humanitarian_access",
            "development_assistance", "civil_society"}


def test_the_library_holds_the_issues_options_each_complete_and_sourced() -> None:
    options = {o.id: o for o in library()}
    assert set(options) >= REQUIRED
    actors = shipped_actor_names()
    for option in options.values():
        assert option.levers == tuple(actors[a] for a in option.lever_ids)
        assert option.preconditions and option.risks and option.implications
        assert all(p.source_url.startswith("https://") for p in option.precedents)
    assert {o.direction for o in options.values()} == {"pressure", "engagement"}
    assert options["targeted_sanctions"].levers[0] == "Security Council"


def test_a_lever_outside_the_registry_or_a_bad_link_is_refused_by_entry() -> None:
    entry = ("- {id: x, name: An option, direction: pressure, levers: [%s], preconditions: [a], risks: [b], "
             "implications: [c], opposes: [%s]}")
    with pytest.raises(OptionsError, match=r"entry 1 \(x\): levers: not actors of the registry: un\.nobody"):
        parse_library(entry % ("un.nobody", ""), {"un.sc": "Security Council"})
    with pytest.raises(OptionsError, match="opposes: no option 'y'"):
        parse_library(entry % ("un.sc", "y"), {"un.sc": "Security Council"})
    with pytest.raises(OptionsError, match="direction"):
        parse_library(entry.replace("pressure", "sideways") % ("un.sc", ""), {"un.sc": "Security Council"})


def test_selections_are_versioned_audited_and_the_latest_wins(warehouse: Warehouse) -> None:
    assert pack_options(warehouse, "SDN") == ()
    set_selection(warehouse, "SDN", "targeted_sanctions", True, "RSF commanders named by the panel.", EDITOR)
    set_selection(warehouse, "SDN", "good_offices", True, "Envoy talks in Jeddah.", EDITOR)
    set_selection(warehouse, "SDN", "good_offices", True, "Envoy talks, second round.", EDITOR)
    chosen = {s.option.id: s for s in pack_options(warehouse, "SDN")}
    assert set(chosen) == {"targeted_sanctions", "good_offices"}
    assert chosen["good_offices"].annotation == "Envoy talks, second round."
    assert chosen["good_offices"].selected_by == "ed@example.org"
    set_selection(warehouse, "SDN", "good_offices", False, "", EDITOR)
    assert [s.option.id for s in pack_options(warehouse, "SDN")] == ["targeted_sanctions"]
    assert pack_options(warehouse, "SSD") == ()
    logged = audit_entries(warehouse, AuditFilter(entity="option_selection"))
    assert len(logged) == 4 and set(logged["action"]) == {"select_option", "withdraw_option"}


def test_opposing_options_come_as_pairs_pressure_first(warehouse: Warehouse) -> None:
    for option_id in ("good_offices", "targeted_sanctions", "icc_referral", "civil_society"):
        set_selection(warehouse, "MMR", option_id, True, f"Annotated {option_id}.", EDITOR)
    pairs = opposing_pairs(pack_options(warehouse, "MMR"))
    assert {(a.option.id, b.option.id) for a, b in pairs} == {("targeted_sanctions", "good_offices"),
                                                              ("icc_referral", "good_offices")}
    assert all(a.option.direction == "pressure" and b.option.direction == "engagement" for a, b in pairs)


def test_bad_selections_write_nothing(warehouse: Warehouse) -> None:
    with pytest.raises(PermissionDenied):
        set_selection(warehouse, "SDN", "arms_embargo", True, "A reason.", VIEWER)
    with pytest.raises(OptionsError, match="annotation is empty"):
        set_selection(warehouse, "SDN", "arms_embargo", True, "   ", EDITOR)
    with pytest.raises(OptionsError, match="No option 'blockade'"):
        set_selection(warehouse, "SDN", "blockade", True, "A reason.", EDITOR)
    with pytest.raises(OptionsError, match="Unknown country 'XXX'"):
        set_selection(warehouse, "XXX", "arms_embargo", True, "A reason.", EDITOR)
    assert pack_options(warehouse, "SDN") == ()
