"""Validation names the file, row, column and value of every problem, as every other ingest does."""

from __future__ import annotations

from r2p.engagement.validation import header_problems, validate_files
from tests.helpers.engagement import ACTORS, COUNTRIES, ENGAGEMENTS, SITUATIONS, make_registry, raw


def _problems(actors: str = ACTORS, situations: str = SITUATIONS, engagements: str = ENGAGEMENTS) -> list[str]:
    existing = make_registry()
    _, problems = validate_files({"actors": raw(actors), "situations": raw(situations),
                                  "engagements": raw(engagements)}, existing, COUNTRIES)
    return [str(p) for p in problems]


def test_the_tiny_registry_is_valid() -> None:
    assert _problems() == []


def test_cell_problems_are_located_precisely() -> None:
    engagements = ENGAGEMENTS + "\n".join([
        "8,un.pko,sdn,mandat,Typo in kind,2024-01-01,,true,,",
        "9,un.pko,sdn,mandate,Bad dates,2024-13-01,2023,maybe,ftp://x,",
        "x,un.pko,sdn,mandate,,2024,,true,,",
    ]) + "\n"
    problems = _problems(engagements=engagements)
    assert "engagements.csv, row 9, column \"kind\": 'mandat': is not a known value; did you mean mandate?" in problems
    assert ("engagements.csv, row 10, column \"started\": '2024-13-01': is not a date (YYYY-MM-DD, or YYYY-MM or YYYY"
            " when the day is not known)") in problems
    assert "engagements.csv, row 10, column \"verified\": 'maybe': must be true or false" in problems
    assert ("engagements.csv, row 10, column \"source_url\": 'ftp://x': is not a web address (http:// or https://,"
            " no spaces)") in problems
    assert "engagements.csv, row 11, column \"engagement_id\": 'x': is not a positive whole number" in problems
    assert "engagements.csv, row 11, column \"title\": '': is required" in problems


def test_references_dates_and_duplicates_are_checked_across_files() -> None:
    engagements = ENGAGEMENTS + "\n".join([
        "1,un.pko,sdn,mandate,Same id again,2011,,true,,",
        "10,un.nobody,nowhere,mandate,Unknown actor and situation,2011,,true,,",
        "11,un.pko,sdn,mandate,Ends before it starts,2012-05-01,2012-04-30,true,,",
        "12,un.pko,sdn,mandate,Before the actor existed,2009,,true,,",
        "13,un.old,sdn,mandate,After the actor was dissolved,2011,,true,,",
        "14,un.pko,sdn,mandate,Year-precise end in the start year is fine,2012-05-01,2012,true,,",
    ]) + "\n"
    problems = _problems(engagements=engagements)
    assert "engagements.csv, row 9, column \"engagement_id\": '1': appears more than once (first at row 2)" in problems
    assert ("engagements.csv, row 10, column \"actor_id\": 'un.nobody': is not an actor in actors.csv or the"
            " warehouse") in problems
    assert ("engagements.csv, row 10, column \"situation_id\": 'nowhere': is not a situation in situations.csv or"
            " the warehouse") in problems
    assert "engagements.csv, row 11, column \"ended\": '2012-04-30': is before started (2012-05-01)" in problems
    assert ("engagements.csv, row 12, column \"started\": '2009': is before PKO was established (2010-07-01);"
            " record it under its predecessor") in problems
    assert ("engagements.csv, row 13, column \"started\": '2011': is after OLD was dissolved (2010-06-30); record it"
            " under its successor") in problems
    assert not [p for p in problems if "row 14" in p]


def test_actor_lineage_problems_cycles_and_self_references() -> None:
    actors = ACTORS.replace("reg.new,New regional body,NRB,regional_organisation,,2002,,,",
                            "reg.new,New regional body,NRB,regional_organisation,,2002,2003,reg.old,")
    actors += "un.self,Self,SELF,un_secretariat_office,un.self,2000,,,true,,\n"
    actors += "un.heir,Heir,HEIR,un_secretariat_office,,2000,,un.pko,true,,\n"
    actors += "un.gone,Gone,GONE,un_secretariat_office,,2000,1999,,true,,\n"
    problems = _problems(actors=actors)
    assert any("forms a cycle: reg." in p and 'column "successor_id"' in p for p in problems)
    assert "actors.csv, row 12, column \"parent_id\": 'un.self': names the actor itself" in problems
    assert ("actors.csv, row 13, column \"successor_id\": 'un.pko': needs a dissolved date: an actor with a successor"
            " has ended") in problems
    assert "actors.csv, row 14, column \"dissolved\": '1999': is before established (2000)" in problems


def test_situation_scope_rules_and_countries() -> None:
    situations = SITUATIONS + "\n".join([
        "x1,Bad country,country,XXX,XXX,",
        "x2,Two countries as a country,country,SDN,SDN;SSD,",
        "x3,Lonely cross-border,cross-border,,SDN,",
        "x4,Wrong iso3,sub-national,TCD,SDN,",
    ]) + "\n"
    problems = _problems(situations=situations)
    assert ("situations.csv, row 7, column \"iso3\": 'XXX': is not a known country code (use ISO 3166 alpha-3,"
            " e.g. SDN)") in problems
    assert any(p.startswith("situations.csv, row 8, column \"countries\"") and "exactly one country" in p
               for p in problems)
    assert any(p.startswith("situations.csv, row 9, column \"countries\"") and "at least two" in p for p in problems)
    assert "situations.csv, row 10, column \"iso3\": 'TCD': is not among the situation's countries" in problems


def test_headers_must_have_the_required_columns_and_no_unknown_ones() -> None:
    problems = [str(p) for p in header_problems(["actor_id", "name", "colour"], "actors", "actors.csv")]
    assert "actors.csv, row 1, column \"kind\": required column is missing" in problems
    assert any(p.startswith("actors.csv, row 1, column \"colour\": is not a column of actors.csv") for p in problems)


def test_an_actor_listed_twice_is_reported_and_engagements_are_still_checked() -> None:
    # Found by the fuzz test: a repeated actor id crashed the engagement checks instead of being reported.
    actors = ACTORS + "un.pko,Peace operation again,PKO2,un_peace_operation,un.sc,2012,,,true,,\n"
    problems = _problems(actors=actors)
    assert any(p.startswith("actors.csv, row ") and "'un.pko'" in p for p in problems), problems
