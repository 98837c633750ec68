"""Tier methods: versioned data (YAML in r2p/catalog/methods) naming indicators, weights and thresholds."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
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


class ProfileSettings(BaseModel):
    """A situation profile (`profile` scoring): a composite normalised, for each scored year, against the earlier
    reference years only, leaving out that year's thin indicators; `flags` are shown beside the tier, not scored."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    normalise_over: Literal["earlier_years"]  # the reference period cut at the year before the scored year
    min_country_share: float = Field(gt=0, le=1)  # an indicator held by fewer countries that year is left out
    flags: tuple[str, ...] = ()


class EnsemblePart(BaseModel):
    """One method an ensemble ranks: its stored scores, or for `ewp-foos` EWP's own published out-of-sample list
    for each data year that has one (its current probability, the method's stored score, for later years)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    method: str = Field(pattern=r"^[a-z][a-z0-9_]*-[0-9]+$")
    past_years: Literal["stored", "ewp-foos"] = "stored"


class EnsembleSettings(BaseModel):
    """An ensemble (`ensemble` scoring): the mean of its parts' within-year percentile ranks (0-1, 1 = highest)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    parts: tuple[EnsemblePart, ...] = Field(min_length=2)
    rank: Literal["within_year_percentile"]
    missing_part: Literal["insufficient_data"]  # every part is needed: a country missing one is not ranked


class TierMethod(BaseModel):
    """A tier method version. `composite` rolls indicators up through the UN Framework risk factors;
    `direct` tiers one indicator's raw value; `forecast` tiers a model's probability (its `model` block)
    learnt from its indicators."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    version: int = Field(ge=1)
    name: str
    scoring: Literal["composite", "direct", "forecast", "profile", "ensemble"]
    description: str
    reference_period: tuple[int, int]
    stale_after_years: int = Field(ge=0)
    coverage_floor: float = Field(gt=0, le=1)
    indicators: tuple[MethodIndicator, ...] = Field(min_length=1)
    factor_weights: dict[int, float]
    thresholds: dict[str, float]
    model: ForecastModel | None = None
    profile: ProfileSettings | None = None
    ensemble: EnsembleSettings | None = None

    @property
    def label(self) -> str:
        """The version label every tier shown carries, e.g. `composite-1`."""
        return f"{self.id}-{self.version}"

    def digest(self) -> str:
        """Content hash of the definition: a changed definition under an old version number is refused."""
        definition = self.model_dump(mode="json")
        for block in ("model", "profile", "ensemble"):
            if definition[block] is None:
                del definition[block]  # NOTE: methods without one keep the digest they were first stored under
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
        if self.scoring in ("composite", "profile"):
            self._check_factors(catalogued)
        self._check_blocks(catalogued)
        if (self.model is not None) != (self.scoring == "forecast"):
            raise ValueError(f"method {self.id}: a `model` block is needed by, and only by, a forecast method")
        if self.model is not None and self.model.outcome not in catalogued:
            raise ValueError(f"method {self.id}: outcome {self.model.outcome} is not in the catalog")
        if self.model is not None and self.model.outcome in {i.id for i in self.indicators}:
            raise ValueError(f"method {self.id}: the outcome {self.model.outcome} cannot also be a predictor")
        return self

    def _check_blocks(self, catalogued: dict) -> None:
        for block, scoring in (("profile", "profile"), ("ensemble", "ensemble")):
            if (getattr(self, block) is not None) != (self.scoring == scoring):
                raise ValueError(f"method {self.id}: a `{block}` block is needed by, and only by, a {scoring} method")
        flags = self.profile.flags if self.profile is not None else ()
        if set(flags) - set(catalogued) or set(flags) & {i.id for i in self.indicators}:
            raise ValueError(f"method {self.id}: flags must be catalogued indicators the method does not score")

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


def resolve_method(requested: str | None = None, *, strict: bool = False,
                   scored: Collection[str] | None = None) -> tuple[TierMethod, list[str]]:
    """The tier method that applies — the one door for it (every page, command, export and the bench): the one
    requested (a link's or the session's, a --method option); else the first of R2P_TIER_METHOD's methods, in its
    order of preference, that has scores (`scored`: the version labels with stored scores; None: not known, so
    the first); else the first shipped method with scores, else the first shipped. A notice for each value that
    could not be used; strict (commands, exports): an unknown one raises KeyError.

    NOTE: the shipped preference (ensemble, forecast, composite) was chosen by `r2p backtest` on EWP's 2025
    release: ensemble-1 alone beats EWP's out-of-sample record (paired AUC difference +0.036, CI +0.006 to
    +0.063); forecast-1 matches it within noise; composite-1 stands in where EWP's predictor panel and forecasts
    are not loaded (the other two then have no scores)."""
    notices: list[str] = []
    preferred = [(name.strip(), "in R2P_TIER_METHOD") for name in setting("tier_method").split(",") if name.strip()]
    for position, (candidate, origin) in enumerate([(requested, "in the link"), *preferred]):
        if not candidate:
            continue
        try:
            found = method(candidate)
        except KeyError:
            if strict:
                raise
            notices.append(f"Unknown tier method {echoed(candidate)} {origin}; it was ignored.")
            continue
        if position == 0 or scored is None or found.label in scored:
            return found, notices
    shipped = [m for m in methods() if scored is None or m.label in scored] or list(methods())
    return shipped[0], notices


def default_reason(chosen: TierMethod) -> str:
    """One line saying why a page opened on this method when nobody chose one."""
    return (f"Opened on {chosen.label}: the first method in R2P_TIER_METHOD's order of preference "
            f"({setting('tier_method')}) with scores in this warehouse, an order chosen by each method's record "
            "against EWP's published out-of-sample forecasts (see Data & methods).")
