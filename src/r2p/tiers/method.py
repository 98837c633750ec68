"""Tier methods: versioned data (YAML in r2p/catalog/methods) naming indicators, weights and thresholds."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from r2p.catalog import RISK_FACTORS, indicators
from r2p.config import setting
from r2p.quoting import echoed
from r2p.vocabulary import TIERS


class MethodIndicator(BaseModel):
    """One indicator a method uses, how it is transformed before normalising, and its weight."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    transform: Literal["none", "log1p"] = "none"
    normalise: Literal["percentile", "minmax"] = "percentile"
    weight: float = Field(gt=0)
    # For sources that list only non-zero country-years (UCDP battle deaths): within the years the indicator
    # covers, a country with no row has this value rather than none.
    missing_as: float | None = None


class EstimatorSettings(BaseModel):
    """A forecast's estimator and its settings, fixed before any evaluation and never tuned on scored years."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: Literal["hist_gradient_boosting"]  # scikit-learn's HistGradientBoostingClassifier
    learning_rate: float = Field(gt=0, le=1)
    max_iter: int = Field(ge=1)
    max_depth: int = Field(ge=1)
    min_samples_leaf: int = Field(ge=1)
    l2_regularization: float = Field(ge=0)
    early_stopping: Literal[False]  # no validation split: every closed window trains
    random_state: int = Field(ge=0)


class ForecastModel(BaseModel):
    """What a `forecast` method predicts (an outcome within `horizon` years of the data year) and how."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    outcome: str
    horizon: int = Field(ge=1, le=5)
    first_scored_year: int = Field(ge=1900)
    estimator: EstimatorSettings


class TierMethod(BaseModel):
    """A tier method version. `composite` rolls indicators up through the UN Framework risk factors;
    `direct` tiers one indicator's raw value; `forecast` tiers a model's probability (its `model` block)
    learnt from its indicators."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    version: int = Field(ge=1)
    name: str
    scoring: Literal["composite", "direct", "forecast"]
    description: str
    reference_period: tuple[int, int]
    stale_after_years: int = Field(ge=0)
    coverage_floor: float = Field(gt=0, le=1)
    indicators: tuple[MethodIndicator, ...] = Field(min_length=1)
    factor_weights: dict[int, float]
    thresholds: dict[str, float]
    model: ForecastModel | None = None

    @property
    def label(self) -> str:
        """The version label every tier shown carries, e.g. `composite-1`."""
        return f"{self.id}-{self.version}"

    def digest(self) -> str:
        """Content hash of the definition: a changed definition under an old version number is refused."""
        definition = self.model_dump(mode="json")
        if definition["model"] is None:
            del definition["model"]  # NOTE: methods without a model keep the digest they were first stored under
        return hashlib.sha256(json.dumps(definition, sort_keys=True).encode()).hexdigest()

    def weight_of(self, indicator_id: str) -> float:
        return next(i.weight for i in self.indicators if i.id == indicator_id)

    @model_validator(mode="after")
    def _consistent(self) -> TierMethod:
        catalogued = {i.id: i for i in indicators()}
        unknown = [i.id for i in self.indicators if i.id not in catalogued]
        if unknown:
            raise ValueError(f"method {self.id}: indicators not in the catalog: {unknown}")
        if list(self.thresholds) != list(TIERS):
            raise ValueError(f"method {self.id}: thresholds must name {list(TIERS)} in that order")
        bounds = list(self.thresholds.values())
        if bounds != sorted(bounds, reverse=True) or len(set(bounds)) != len(bounds):
            raise ValueError(f"method {self.id}: thresholds must fall strictly from Very high to Low")
        if self.scoring == "direct" and len(self.indicators) != 1:
            raise ValueError(f"method {self.id}: a direct method tiers exactly one indicator")
        if self.scoring == "composite":
            self._check_factors(catalogued)
        if (self.model is not None) != (self.scoring == "forecast"):
            raise ValueError(f"method {self.id}: a `model` block is needed by, and only by, a forecast method")
        if self.model is not None and self.model.outcome not in catalogued:
            raise ValueError(f"method {self.id}: outcome {self.model.outcome} is not in the catalog")
        if self.model is not None and self.model.outcome in {i.id for i in self.indicators}:
            raise ValueError(f"method {self.id}: the outcome {self.model.outcome} cannot also be a predictor")
        return self

    def _check_factors(self, catalogued: dict) -> None:
        unknown = set(self.factor_weights) - set(RISK_FACTORS)
        if unknown:
            raise ValueError(f"method {self.id}: unknown risk factors {sorted(unknown)}")
        covered = {f for i in self.indicators for f in catalogued[i.id].risk_factors}
        unweighted = covered - set(self.factor_weights)
        if unweighted:
            raise ValueError(f"method {self.id}: factors {sorted(unweighted)} have indicators but no weight")


@lru_cache(maxsize=1)
def methods() -> tuple[TierMethod, ...]:
    """Every shipped tier method, validated."""
    folder = resources.files("r2p.catalog").joinpath("methods")
    found = [TierMethod(**yaml.safe_load(e.read_text(encoding="utf-8")))
             for e in sorted(folder.iterdir(), key=lambda e: e.name) if e.name.endswith(".yml")]
    return tuple(found)


def method(name: str) -> TierMethod:
    """A method by id (`composite`) or version label (`composite-1`)."""
    for candidate in methods():
        if name in (candidate.id, candidate.label):
            return candidate
    known = ", ".join(m.label for m in methods())
    raise KeyError(f"unknown tier method {name!r}; known: {known}")


def resolve_method(requested: str | None = None, *, strict: bool = False) -> tuple[TierMethod, list[str]]:
    """The tier method that applies — the one door for it (every page, command, export and the bench): the one
    requested (a link's or the session's, a --method option), else R2P_TIER_METHOD, else the first shipped, with
    a notice for each value that could not be used. Strict (commands, exports): an unknown one raises KeyError."""
    notices: list[str] = []
    for candidate, origin in ((requested, "in the link"), (setting("tier_method"), "in R2P_TIER_METHOD")):
        if not candidate:
            continue
        try:
            return method(candidate), notices
        except KeyError:
            if strict:
                raise
            notices.append(f"Unknown tier method {echoed(candidate)} {origin}; it was ignored.")
    return methods()[0], notices
