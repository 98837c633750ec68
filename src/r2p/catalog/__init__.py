"""The indicator catalog and source list, shipped as YAML and validated on load."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

RISK_FACTORS: dict[int, str] = {
    1: "Armed conflict or other instability",
    2: "Record of serious violations of IHRL and IHL",
    3: "Weakness of State structures",
    4: "Motives or incentives",
    5: "Capacity to commit atrocity crimes",
    6: "Absence of mitigating factors",
    7: "Enabling circumstances or preparatory action",
    8: "Triggering factors",
    9: "Intergroup tensions or patterns of discrimination (genocide)",
    10: "Signs of an intent to destroy in whole or in part a protected group (genocide)",
    11: "Signs of a widespread or systematic attack against a civilian population (crimes against humanity)",
    12: "Signs of a plan or policy to attack a civilian population (crimes against humanity)",
    13: "Serious threats to those protected under international humanitarian law (war crimes)",
    14: "Serious threats to humanitarian or peacekeeping operations (war crimes)",
}


class Source(BaseModel):
    """A publisher of data held in the warehouse."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    publisher: str
    url: str
    license: str
    citation: str
    demo: bool = False


class Indicator(BaseModel):
    """One catalogued indicator: what it measures, which way is worse, which risk factors it informs."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*\.[a-z0-9_]+$")
    name: str
    unit: str
    higher_is_worse: bool
    risk_factors: tuple[int, ...] = Field(min_length=1)
    source: str
    valid_min: float
    valid_max: float
    description: str

    @field_validator("risk_factors")
    @classmethod
    def _known_factors(cls, factors: tuple[int, ...]) -> tuple[int, ...]:
        unknown = [f for f in factors if f not in RISK_FACTORS]
        if unknown:
            raise ValueError(f"unknown UN Framework risk factor(s) {unknown}; factors run 1-14")
        return factors


def _read_yaml(name: str) -> dict:
    text = resources.files("r2p.catalog").joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _indicator_rows() -> list[dict]:
    """Every file in catalog/indicators/, one per source, in name order."""
    folder = resources.files("r2p.catalog").joinpath("indicators")
    rows: list[dict] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yml"):
            rows += yaml.safe_load(entry.read_text(encoding="utf-8"))["indicators"] or []
    return rows


@lru_cache(maxsize=1)
def sources() -> tuple[Source, ...]:
    """Every known source, validated."""
    return tuple(Source(**row) for row in _read_yaml("sources.yml")["sources"])


@lru_cache(maxsize=1)
def indicators() -> tuple[Indicator, ...]:
    """Every catalogued indicator, validated (unique ids, known sources, min < max)."""
    catalog = tuple(Indicator(**row) for row in _indicator_rows())
    ids = [i.id for i in catalog]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise ValueError(f"indicator catalog lists {duplicated} more than once")
    known_sources = {s.id for s in sources()}
    for indicator in catalog:
        if indicator.source not in known_sources:
            raise ValueError(f"indicator {indicator.id} names unknown source {indicator.source!r}")
        if indicator.valid_min >= indicator.valid_max:
            raise ValueError(f"indicator {indicator.id}: valid_min must be below valid_max")
    return catalog


def indicators_frame() -> pd.DataFrame:
    """The catalog as a table, one row per indicator (risk_factors as a list column)."""
    return pd.DataFrame([i.model_dump() for i in indicators()]).assign(
        risk_factors=lambda f: f["risk_factors"].map(list)
    )
