"""The actor registry, situations and engagements as frames, and actor lineage (predecessors, successors)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from io import StringIO

import pandas as pd

from r2p.vocabulary import GROUPS, actor_group, actor_kind_label
from r2p.warehouse.queries import query
from r2p.warehouse.store import Warehouse

ACTOR_COLUMNS: tuple[str, ...] = (
    "actor_id", "name", "short_name", "kind", "parent_id", "established", "established_precision", "dissolved",
    "dissolved_precision", "successor_id", "verified", "source_url", "note",
)
SITUATION_COLUMNS: tuple[str, ...] = ("situation_id", "name", "scope", "iso3", "countries", "note")
ENGAGEMENT_COLUMNS: tuple[str, ...] = (
    "engagement_id", "actor_id", "situation_id", "kind", "title", "started", "started_precision", "ended",
    "ended_precision", "verified", "source_url", "note",
)
COLUMNS = {"actors": ACTOR_COLUMNS, "situations": SITUATION_COLUMNS, "engagements": ENGAGEMENT_COLUMNS}
DATE_COLUMNS = {"actors": ("established", "dissolved"), "engagements": ("started", "ended")}


@dataclass(frozen=True)
class Registry:
    """Everything the engagement map reasons over. `coverage`: actor_id, iso3, until (regional bodies)."""

    actors: pd.DataFrame
    situations: pd.DataFrame
    engagements: pd.DataFrame
    coverage: pd.DataFrame

    @classmethod
    def from_frames(cls, actors: pd.DataFrame, situations: pd.DataFrame, engagements: pd.DataFrame,
                    coverage: pd.DataFrame | None = None) -> Registry:
        return cls(normalise(actors, "actors"), normalise(situations, "situations"),
                   normalise(engagements, "engagements"), shipped_coverage() if coverage is None else coverage)

    def actor_names(self) -> dict[str, str]:
        return dict(zip(self.actors["actor_id"], self.actors["name"], strict=True))

    def situation_names(self) -> dict[str, str]:
        return dict(zip(self.situations["situation_id"], self.situations["name"], strict=True))


def empty(table: str) -> pd.DataFrame:
    """An empty frame with the columns of `actors`, `situations` or `engagements`."""
    return normalise(pd.DataFrame(columns=list(COLUMNS[table])), table)


def normalise(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """The same dtypes whether rows came from the warehouse or a CSV: datetime dates, bool flags, int ids."""
    frame = frame.reindex(columns=list(COLUMNS[table])).copy()
    for column in DATE_COLUMNS.get(table, ()):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[us]")
    if "verified" in frame:
        frame["verified"] = frame["verified"].astype(bool)
    if table == "engagements":
        frame["engagement_id"] = pd.to_numeric(frame["engagement_id"]).astype("Int64")
    return frame.reset_index(drop=True)



def load_registry(warehouse: Warehouse) -> Registry:
    """The registry as the warehouse holds it now (plus the shipped regional coverage)."""
    return Registry.from_frames(actors(warehouse), situations(warehouse), engagements(warehouse))


def actors(warehouse: Warehouse) -> pd.DataFrame:
    return query(warehouse, "read/actors")


def situations(warehouse: Warehouse) -> pd.DataFrame:
    return query(warehouse, "read/situations")


def engagements(warehouse: Warehouse) -> pd.DataFrame:
    return query(warehouse, "read/engagements")


@cache
def _coverage_text() -> str:
    data = resources.files("r2p.engagement").joinpath("data")
    return data.joinpath("regional_coverage.csv").read_text(encoding="utf-8")


def shipped_coverage() -> pd.DataFrame:
    """Which regional body covers which country (until: last day of membership, NaT = still)."""
    frame = pd.read_csv(StringIO(_coverage_text()), dtype=str, keep_default_na=False)
    frame["until"] = pd.to_datetime(frame["until"].replace("", None)).astype("datetime64[us]")
    return frame


def country_list(countries: object) -> list[str]:
    """The ISO3 codes of a situation's `countries` cell ("MLI;BFA;NER")."""
    if countries is None or (isinstance(countries, float) and pd.isna(countries)):
        return []
    return [code.strip().upper() for code in str(countries).split(";") if code.strip()]


def actor_table(actors: pd.DataFrame) -> pd.DataFrame:
    """Actors with group, kind label, display label and successor name, ordered UN, US, Regional, Other."""
    names = dict(zip(actors["actor_id"], actors["name"], strict=True))
    table = actors.assign(
        group=actors["kind"].map(actor_group),
        kind_label=actors["kind"].map(actor_kind_label),
        label=actors["short_name"].where(actors["short_name"].notna() & (actors["short_name"] != ""), actors["name"]),
        successor_name=actors["successor_id"].map(names),
    )
    table["group_rank"] = table["group"].map(GROUPS.index)
    return table.sort_values(["group_rank", "label"], kind="stable").reset_index(drop=True)


def lineage(actors: pd.DataFrame, actor_id: str) -> pd.DataFrame:
    """The chain an actor belongs to, oldest first: every predecessor (merges included) and successor."""
    successor = dict(zip(actors["actor_id"], actors["successor_id"], strict=True))
    chain, seen = [actor_id], {actor_id}
    while isinstance(successor.get(chain[-1]), str) and successor[chain[-1]] not in seen:
        chain.append(successor[chain[-1]])
        seen.add(chain[-1])
    frontier = list(chain)
    while frontier:  # predecessors of any member: both DPA and PBSO lead to DPPA
        frontier = [a for a, s in successor.items() if s in frontier and a not in seen]
        chain.extend(frontier)
        seen.update(frontier)
    rows = actors.set_index("actor_id").loc[chain].reset_index()
    return rows.sort_values(["established", "actor_id"], na_position="last", kind="stable").reset_index(drop=True)


def current_successor(actors: pd.DataFrame, actor_id: str) -> str:
    """Follow successors to the body that carries on today (the actor itself when it has none)."""
    successor = dict(zip(actors["actor_id"], actors["successor_id"], strict=True))
    current, seen = actor_id, {actor_id}
    while isinstance(successor.get(current), str) and successor[current] not in seen:
        current = successor[current]
        seen.add(current)
    return current


def cycles(links: dict[str, str | None]) -> list[list[str]]:
    """Every cycle in a child -> parent (or predecessor -> successor) mapping, each listed once."""
    found: list[list[str]] = []
    done: set[str] = set()
    for start in links:
        path: list[str] = []
        node: str | None = start
        while isinstance(node, str) and node not in done and node not in path:
            path.append(node)
            node = links.get(node)
        if isinstance(node, str) and node in path:
            found.append(path[path.index(node):])
        done.update(path)
    return found
