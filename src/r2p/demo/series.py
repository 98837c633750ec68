"""Deterministic, true-to-shape demo data: indicator series and geolocated events for every country."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd

from r2p.demo import events as ev

# Observations of these indicators are the yearly death totals of that UCDP violence type; events split them.
VIOLENCE_INDICATORS = {"ucdp.battle_deaths": 1, "ucdp.osv_deaths": 3}
_REGION_SHIFT = {"Africa": 0.8, "Asia": 0.45, "Americas": 0.1, "Europe": -0.9, "Oceania": -0.6}
_SUBREGION_SHIFT = {
    "Middle Africa": 0.3, "Eastern Africa": 0.2, "Northern Africa": -0.1, "Western Asia": 0.4,
    "Southern Asia": 0.3, "Eastern Asia": -0.3, "Northern America": -0.6, "Northern Europe": -0.3,
    "Western Europe": -0.3,
}
_GLOBAL_SHOCKS = {2009: -3.5, 2020: -6.0}  # world recessions, felt by growth-like ("percent per year") units
_EPISODE_CUT = 2.6  # latent risk above which a mass-killing-like episode is ongoing


@dataclass(frozen=True)
class DemoData:
    """Generated demo content: long-form observations, UCDP-style events, and the scripted situations."""

    observations: pd.DataFrame
    events: pd.DataFrame
    escalating: tuple[str, ...]
    deescalating: tuple[str, ...] = ()


class _Latent(NamedTuple):
    years: np.ndarray
    size: np.ndarray  # (country, 1): log polygon area relative to 10 square degrees, clipped to [-4, 2]
    structural: np.ndarray  # (country, year): slow-moving level of risk
    z: np.ndarray  # structural plus shocks: episodes, noise, scripted escalation
    late: np.ndarray  # bool (country, year): escalating years, whose events lean to the year's end


def _base_risk(countries: pd.DataFrame, iso3s: np.ndarray, size: np.ndarray, seed: int) -> np.ndarray:
    """Per-country risk level: a random draw nudged by UN region and size (micro-states are calmer)."""
    shift = 0.25 * size
    for column, table in (("un_region", _REGION_SHIFT), ("un_subregion", _SUBREGION_SHIFT)):
        if column in countries:
            shift += countries[column].map(table).fillna(0.0).to_numpy(dtype=float)
    return 0.65 * ev.draws(seed, iso3s, "base", 1)[:, 0] + shift


def _latent(
    base: np.ndarray, size: np.ndarray, iso3s: np.ndarray, years: np.ndarray, seed: int,
    situations: tuple[tuple[str, ...], tuple[str, ...]],
) -> _Latent:
    """The latent risk that drives every indicator coherently."""
    n_years = len(years)
    slope = 0.6 * ev.draws(seed, iso3s, "trend", 1)
    structural = base[:, None] + slope * (np.arange(n_years) / max(n_years - 1, 1) - 0.5)
    up, down = set(situations[0]), set(situations[1])
    noise = ev.ar1(0.25 * ev.draws(seed, iso3s, "risk-noise", n_years), 0.7)
    calm = structural + noise + ev.episodes(iso3s, base, n_years, seed, skip=up)
    shift = ev.situation_shift(iso3s, n_years, seed, up, down)
    rising = np.isin(iso3s, list(up))
    # An escalation ends at the highest risk the country has known: 1 above its earlier peak, at least 3.8.
    need = np.maximum(calm[:, :-1].max(axis=1, initial=-np.inf) + 1.0, 3.8) - calm[:, -1]
    shift[rising] *= np.maximum(1.0, need[rising] / np.maximum(shift[rising, -1], 1e-9))[:, None]
    late = (shift > 0) & rising[:, None]
    return _Latent(years, size[:, None], structural, calm + shift, late)


_KINDS = (  # (kind, unit prefixes, unit substrings): the first match wins; unknown units get a random walk
    ("flag", ("flag",), ()),
    ("probability", (), ("probability",)),
    ("rate", (), ("per 1",)),  # "per 1,000 live births", "per 100,000 people"
    ("count", ("count", "number"), ("deaths",)),
    ("growth", (), ("percent per year", "growth")),
    ("share", ("share",), ()),
    ("bounded", ("index", "latent", "scale", "percent", "ratio"), ()),
)


def _kind(unit: str) -> str:
    """Which generator fits a catalogued unit; unknown units fall back to a bounded random walk ("walk")."""
    u = unit.lower()
    return next((kind for kind, pre, sub in _KINDS if u.startswith(pre) or any(x in u for x in sub)), "walk")


class _Spec(NamedTuple):
    id: str
    unit: str
    sign: float  # +1 when higher is worse, -1 otherwise
    lo: float
    hi: float

    @classmethod
    def of(cls, row: Any) -> _Spec:
        sign = 1.0 if row.higher_is_worse else -1.0
        return cls(str(row.id), str(row.unit), sign, float(row.valid_min), float(row.valid_max))


_DECIMALS = {"probability": 4, "rate": 1, "growth": 2, "bounded": 3, "share": 3, "walk": 3}


def _wiggle(noise: ev.Noise, n_years: int, scale: float = 0.15) -> np.ndarray:
    """Persistent year-to-year noise: AR(1) with strong memory."""
    return ev.ar1(scale * noise.normal[:, :n_years], 0.8)


def _flag(spec: _Spec, lat: _Latent, noise: ev.Noise) -> np.ndarray:
    """0/1 flags: "ongoing" follows latent episodes, "onset" their first year, others are rare events."""
    episode = lat.z > _EPISODE_CUT
    if "onset" in spec.id:
        flag = episode.copy()
        flag[:, 1:] &= ~episode[:, :-1]
        flag[:, 0] = False
    elif "ongoing" in spec.id:
        flag = episode
    else:
        flag = noise.uniform[:, : lat.z.shape[1]] < ev.sigmoid(-4.2 + 2.2 * np.tanh(0.5 * lat.z))
    return (flag if spec.sign > 0 else ~flag).astype(float)


def _probability(spec: _Spec, lat: _Latent, noise: ev.Noise) -> np.ndarray:
    """EWP-like risk: most countries 0.1-2%, the riskiest 4-15% and more in escalations."""
    n = lat.z.shape[1]
    logit = -5.0 + lat.z - 0.6 * np.logaddexp(0.0, lat.z - 3.0)  # flattens above ~10%
    p = ev.sigmoid(logit + 0.3 * noise.normal[:, [-1]] + _wiggle(noise, n))
    return p if spec.sign > 0 else 1 - p


def _rate(spec: _Spec, lat: _Latent, noise: ev.Noise) -> np.ndarray:
    """Welfare-like rates (per 1,000): lognormal level set by structural risk, slowly improving over time."""
    n = lat.z.shape[1]
    drift = -0.028 * (np.arange(n) - (n - 1) / 2)
    x = spec.sign * (0.75 * lat.structural + 0.15 * (lat.z - lat.structural)) + 0.45 * noise.normal[:, [-1]]
    return spec.hi / 15 * np.exp(x + drift + _wiggle(noise, n, 0.03))


def _growth(spec: _Spec, lat: _Latent, noise: ev.Noise) -> np.ndarray:
    """Growth-like percentages: volatile where risky, contracting when risk jumps and in world recessions."""
    n = lat.z.shape[1]
    jump = np.maximum(np.diff(lat.z, axis=1, prepend=lat.z[:, :1]), 0.0)
    spread = 2.0 + np.maximum(lat.z, 0.0)
    return 3.0 + spec.sign * (0.4 * lat.structural + 2.5 * jump) + spread * noise.normal[:, n : 2 * n]


def _scaled(spec: _Spec, lat: _Latent, noise: ev.Noise, shock: float = 0.8) -> np.ndarray:
    """The latent signal for indices, scales and shares: structural risk, shocks, a country quirk, noise."""
    x = spec.sign * (1.2 * lat.structural + shock * (lat.z - lat.structural)) + 0.8 * noise.normal[:, [-1]]
    return x + _wiggle(noise, lat.z.shape[1])


def _bounded(spec: _Spec, lat: _Latent, noise: ev.Noise) -> np.ndarray:
    """Indices and latent scales, squashed into the valid range (latent scales keep off the extremes)."""
    margin = 0.15 if "latent" in spec.unit.lower() else 0.02
    return spec.lo + (spec.hi - spec.lo) * (margin + (1 - 2 * margin) * ev.sigmoid(_scaled(spec, lat, noise)))


def _share(spec: _Spec, lat: _Latent, noise: ev.Noise) -> np.ndarray:
    """Population shares: exactly the minimum in many (lower-risk) countries, modest elsewhere."""
    zero = noise.normal[:, [-2]] > 0.3 + 0.8 * lat.structural[:, [0]]
    share = ev.sigmoid(_scaled(spec, lat, noise, shock=0.3) - 3.0)
    return np.where(zero, spec.lo, spec.lo + (spec.hi - spec.lo) * share)


def _walk(spec: _Spec, lat: _Latent, noise: ev.Noise) -> np.ndarray:
    """Fallback for unknown units: a random walk tilted by risk, squashed into the valid range."""
    n = lat.z.shape[1]
    x = spec.sign * 0.8 * lat.z + np.cumsum(0.25 * noise.normal[:, :n], axis=1) + noise.normal[:, [-1]]
    return spec.lo + (spec.hi - spec.lo) * (0.02 + 0.96 * ev.sigmoid(x))


_GENERATORS = {
    "flag": _flag, "probability": _probability, "rate": _rate, "growth": _growth,
    "bounded": _bounded, "share": _share, "walk": _walk,
    "count": lambda spec, lat, draw: ev.death_counts(spec.sign * lat.z, draw, 1.6, 3.8 + 0.3 * lat.size),
}


def _finish(kind: str, spec: _Spec, values: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Round as the source would and keep every value inside the catalogued range."""
    if kind == "growth":
        values = values - spec.sign * np.array([_GLOBAL_SHOCKS.get(int(y), 0.0) for y in years])
    if kind in _DECIMALS:
        values = np.round(values, _DECIMALS[kind])
    lo, hi = spec.lo, spec.hi
    if kind == "probability":
        lo, hi = max(lo, 1e-4), min(hi, 1 - 1e-4)
    elif kind in ("count", "flag"):
        lo, hi = np.ceil(lo), np.floor(hi)
    return np.clip(values, lo, hi)


def _rows(
    spec: _Spec, lat: _Latent, totals: dict[int, np.ndarray], iso3s: np.ndarray, seed: int
) -> pd.DataFrame:
    """Long-form rows of one indicator, missing cells left out: violence totals as-is, others by kind."""
    years, kind = lat.years, _kind(spec.unit)
    if spec.id in VIOLENCE_INDICATORS:
        values = totals[VIOLENCE_INDICATORS[spec.id]].astype(np.float64)
    else:
        draw = ev.noise(seed, iso3s, spec.id, len(years))
        values = _finish(kind, spec, _GENERATORS[kind](spec, lat, draw), years)
    ci, ti = np.nonzero(~ev.missing_mask(seed, iso3s, spec.id, len(years)))
    return pd.DataFrame({
        "iso3": pd.array(iso3s[ci], dtype="str"), "indicator_id": pd.array([spec.id] * len(ci), dtype="str"),
        "period": years[ti].astype(np.int64), "value": values[ci, ti].astype(np.float64),
    })


def _violence_totals(lat: _Latent, specs: list[_Spec], iso3s: np.ndarray, seed: int) -> dict[int, np.ndarray]:
    """Yearly death totals per UCDP violence type (country, year), kept inside the matching catalog range."""
    n, totals = lat.z.shape[1], {}
    for v, (gate, size) in ev.VIOLENCE.items():
        draw = ev.noise(seed, iso3s, f"violence-{v}", n)
        totals[v] = ev.death_counts(lat.z, draw, gate, size + 0.3 * lat.size)
    for spec in specs:
        if spec.id in VIOLENCE_INDICATORS:
            v = VIOLENCE_INDICATORS[spec.id]
            totals[v] = np.clip(totals[v], np.ceil(spec.lo), np.floor(spec.hi))
    return {v: t.astype(np.int64) for v, t in totals.items()}


def generate_demo(
    countries: pd.DataFrame, indicators: pd.DataFrame, shapes: gpd.GeoDataFrame, markers: pd.DataFrame,
    *, last_year: int, first_year: int = 1990, seed: int = 2014,
) -> DemoData:
    """Demo observations for every country x indicator x year, and the events behind the death counts.

    Events are generated *from* the yearly totals: each violence type's country-year death total is drawn
    first; the ucdp.battle_deaths (type 1) and ucdp.osv_deaths (type 3) observations are exactly those totals,
    and that type's events split them, so event deaths_best sums equal the observation wherever it exists.
    Countries with neither a polygon in `shapes` nor a point in `markers` get observations but no events.
    """
    if last_year < first_year:
        raise ValueError(f"last_year {last_year} is before first_year {first_year}")
    countries = countries.drop_duplicates("iso3")
    iso3s = countries["iso3"].astype(str).to_numpy(dtype=object)
    years = np.arange(first_year, last_year + 1, dtype=np.int64)
    located = ev.places(shapes, markers)
    area = np.array([getattr(located.get(iso), "area", 0.0) for iso in iso3s])  # square degrees, 0: none
    size = np.clip(np.log(np.maximum(area, 1e-9) / 10.0), -4.0, 2.0)
    base = _base_risk(countries, iso3s, size, seed)
    situations = ev.select_situations(countries, iso3s, base, size, seed)
    lat = _latent(base, size, iso3s, years, seed, situations)
    specs = [_Spec.of(row) for row in indicators.itertuples(index=False)]
    totals = _violence_totals(lat, specs, iso3s, seed)
    observations = pd.concat([_rows(spec, lat, totals, iso3s, seed) for spec in specs], ignore_index=True)
    observations = observations.sort_values(["iso3", "indicator_id", "period"], ignore_index=True)
    events = ev.generate_events(iso3s, years, totals, lat.late, located, seed)
    return DemoData(observations, events, *situations)
