"""Checks across rows and tables: unique ids, references that resolve, dates in order, lineage without cycles.

Only incoming rows (with `_row`) are reported; references resolve against the incoming rows together with
the warehouse's. Partial dates are read leniently: "2013" may mean any day of 2013.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from r2p.engagement.dates import format_partial_date
from r2p.engagement.registry import Registry, cycles
from r2p.warehouse.ingest.result import Problem

KEYS = {"actors": "actor_id", "situations": "situation_id", "engagements": "engagement_id"}


def registry_problems(parsed: Mapping[str, pd.DataFrame], existing: Registry, files: Mapping[str, str]
                      ) -> list[Problem]:
    problems: list[Problem] = []
    for table, frame in parsed.items():
        problems += _duplicates(frame, KEYS[table], files[table])
    actors = merged(existing.actors, parsed.get("actors"), "actor_id")
    situations = merged(existing.situations, parsed.get("situations"), "situation_id")
    if "actors" in parsed:
        problems += _actor_problems(parsed["actors"], actors, files["actors"])
    if "engagements" in parsed:
        problems += _engagement_problems(parsed["engagements"], actors, situations, files["engagements"])
    return problems


def merged(existing: pd.DataFrame, incoming: pd.DataFrame | None, key: str) -> pd.DataFrame:
    """The warehouse's rows with the incoming rows replacing those of the same id."""
    if incoming is None or incoming.empty:
        return existing
    kept = existing[~existing[key].isin(incoming[key])]
    return pd.concat([kept, incoming.drop(columns="_row")], ignore_index=True) if len(kept) else \
        incoming.drop(columns="_row").reset_index(drop=True)


def _duplicates(frame: pd.DataFrame, key: str, file: str) -> list[Problem]:
    present = frame[frame[key].notna()]
    first = present.drop_duplicates(key).set_index(key)["_row"]
    repeated = present[present.duplicated(key, keep="first")]
    return [Problem(file, f"appears more than once (first at row {first[value]})", _number(row), key, str(value))
            for value, row in zip(repeated[key], repeated["_row"], strict=True)]


def _actor_problems(incoming: pd.DataFrame, actors: pd.DataFrame, file: str) -> list[Problem]:
    known = set(actors["actor_id"].dropna())
    problems: list[Problem] = []
    for row in incoming.to_dict("records"):
        for column in ("parent_id", "successor_id"):
            value = row[column]
            if _present(value) and value not in known:
                problems.append(_at(file, row, column, value, "is not an actor in actors.csv or the warehouse"))
            elif _present(value) and value == row["actor_id"]:
                problems.append(_at(file, row, column, value, "names the actor itself"))
        if _present(row["successor_id"]) and not _present(row["dissolved"]):
            problems.append(_at(file, row, "successor_id", row["successor_id"],
                                "needs a dissolved date: an actor with a successor has ended"))
        if _present(row["established"]) and _present(row["dissolved"]) \
                and _end(row["dissolved"], row["dissolved_precision"]) < row["established"]:
            problems.append(_at(file, row, "dissolved", _date(row, "dissolved"),
                                f"is before established ({_date(row, 'established')})"))
    return problems + _cycle_problems(incoming, actors, file)


def _cycle_problems(incoming: pd.DataFrame, actors: pd.DataFrame, file: str) -> list[Problem]:
    rows = {r["actor_id"]: r for r in incoming.to_dict("records") if _present(r["actor_id"])}
    problems = []
    for column in ("successor_id", "parent_id"):
        links = {a: (s if _present(s) else None) for a, s in zip(actors["actor_id"], actors[column], strict=True)}
        for cycle in cycles(links):
            reported = next((member for member in cycle if member in rows), None)
            if reported is not None:
                path = " → ".join([*cycle, cycle[0]])
                problems.append(_at(file, rows[reported], column, rows[reported][column], f"forms a cycle: {path}"))
    return problems


def _engagement_problems(incoming: pd.DataFrame, actors: pd.DataFrame, situations: pd.DataFrame, file: str
                         ) -> list[Problem]:
    # A repeated or empty actor id is reported by _duplicates; look each id up once here
    named = actors[actors["actor_id"].notna()].drop_duplicates("actor_id", keep="first")
    by_id = named.set_index("actor_id").to_dict("index")
    known_situations = set(situations["situation_id"].dropna())
    problems: list[Problem] = []
    for row in incoming.to_dict("records"):
        actor = by_id.get(row["actor_id"])
        if _present(row["actor_id"]) and actor is None:
            problems.append(_at(file, row, "actor_id", row["actor_id"],
                                "is not an actor in actors.csv or the warehouse"))
        if _present(row["situation_id"]) and row["situation_id"] not in known_situations:
            problems.append(_at(file, row, "situation_id", row["situation_id"],
                                "is not a situation in situations.csv or the warehouse"))
        if not _present(row["started"]):
            continue
        if _present(row["ended"]) and _end(row["ended"], row["ended_precision"]) < row["started"]:
            problems.append(_at(file, row, "ended", _date(row, "ended"),
                                f"is before started ({_date(row, 'started')})"))
        if actor is not None:
            problems += _within_actor_life(row, actor, file)
    return problems


def _within_actor_life(row: dict, actor: dict, file: str) -> list[Problem]:
    started, name = row["started"], actor.get("short_name") or actor.get("name")
    if _present(actor["established"]) and _end(started, row["started_precision"]) < actor["established"]:
        when = format_partial_date(actor["established"], actor["established_precision"])
        return [_at(file, row, "started", _date(row, "started"),
                    f"is before {name} was established ({when}); record it under its predecessor")]
    if _present(actor["dissolved"]) and started > _end(actor["dissolved"], actor["dissolved_precision"]):
        when = format_partial_date(actor["dissolved"], actor["dissolved_precision"])
        return [_at(file, row, "started", _date(row, "started"),
                    f"is after {name} was dissolved ({when}); record it under its successor")]
    return []


def _end(value: object, precision: object) -> pd.Timestamp:
    stamp = pd.Timestamp(value)
    if precision == "year":
        return stamp + pd.offsets.YearEnd(0)
    return stamp + pd.offsets.MonthEnd(0) if precision == "month" else stamp


def _present(value: object) -> bool:
    try:
        return not bool(pd.isna(value))
    except (TypeError, ValueError):
        return True


def _date(row: dict, column: str) -> str:
    return format_partial_date(row[column], row[f"{column}_precision"])


def _number(row: object) -> int | None:
    return None if row is None or pd.isna(row) else int(row)


def _at(file: str, row: dict, column: str, value: object, message: str) -> Problem:
    return Problem(file, message, _number(row.get("_row")), column, str(value))
