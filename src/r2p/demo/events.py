"""Demo randomness and violence: random streams, scripted situations, yearly death totals, their events."""

from __future__ import annotations

import zlib
from typing import NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

EVENT_DTYPES = {
    "event_id": "str", "iso3": "str", "event_date": "datetime64[ns]", "admin1": "str", "latitude": "float64",
    "longitude": "float64", "violence_type": "int64", "deaths_best": "int64", "deaths_low": "int64",
    "deaths_high": "int64",
}
MARKER_JITTER = 0.04  # degrees; events in countries without a polygon sit this close to the marker
Place = BaseGeometry | tuple[float, float]


# UCDP violence types -> (gate on latent risk, log-size at the gate) for their yearly death totals.
VIOLENCE = {1: (1.5, 4.2), 2: (2.0, 3.5), 3: (1.8, 3.4)}


class Noise(NamedTuple):
    """Draws for one indicator or series: one independent stream per country."""

    normal: np.ndarray  # (country, 2 * years + 2): two yearly blocks, then two per-country draws
    uniform: np.ndarray  # (country, 2 * years)


def stream(seed: int, key: str, salt: str) -> np.random.Generator:
    """A random stream that depends only on (seed, key, salt): adding a country reshuffles no other."""
    return np.random.default_rng([seed & 0xFFFFFFFF, zlib.crc32(key.encode()), zlib.crc32(salt.encode())])


def draws(seed: int, keys: np.ndarray, salt: str, n: int, uniform: bool = False) -> np.ndarray:
    """A (len(keys), n) block of standard normals (or uniforms), one independent stream per key."""
    out = np.empty((len(keys), n))
    for i, key in enumerate(keys):
        rng = stream(seed, str(key), salt)
        out[i] = rng.random(n) if uniform else rng.standard_normal(n)
    return out


def noise(seed: int, keys: np.ndarray, salt: str, n_years: int) -> Noise:
    """Normal and uniform draws for one series over n_years, one stream per country."""
    normal, uniform = np.empty((len(keys), 2 * n_years + 2)), np.empty((len(keys), 2 * n_years))
    for i, key in enumerate(keys):
        rng = stream(seed, str(key), salt)
        normal[i], uniform[i] = rng.standard_normal(2 * n_years + 2), rng.random(2 * n_years)
    return Noise(normal, uniform)


def missing_mask(seed: int, keys: np.ndarray, salt: str, n_years: int) -> np.ndarray:
    """Which (country, year) cells are absent: ~5% scattered, thinning over time, plus a few late starts."""
    u = draws(seed, keys, f"{salt}:missing", n_years + 2, uniform=True)
    scattered = u[:, :n_years] < np.linspace(0.075, 0.01, n_years)
    late_start = (u[:, [n_years]] < 0.07) & (np.arange(n_years) < 2 + np.floor(9 * u[:, [n_years + 1]]))
    return scattered | late_start


def sigmoid(x: np.ndarray) -> np.ndarray:
    """The logistic function."""
    return 1.0 / (1.0 + np.exp(-x))


def ar1(eps: np.ndarray, phi: float) -> np.ndarray:
    """AR(1) filter along the year axis (axis 1), started from its stationary distribution."""
    out = np.empty_like(eps)
    out[:, 0] = eps[:, 0] / np.sqrt(1 - phi**2)
    for t in range(1, eps.shape[1]):
        out[:, t] = phi * out[:, t - 1] + eps[:, t]
    return out


def select_situations(
    countries: pd.DataFrame, iso3s: np.ndarray, base: np.ndarray, size: np.ndarray, seed: int
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """6-10 escalating and 2-3 de-escalating member states with a polygon, favouring higher risk."""
    members = size > -4.0
    if "un_status" in countries:
        members &= countries["un_status"].astype(str).str.lower().str.startswith("member").to_numpy()
    members = members if members.any() else np.ones(len(iso3s), dtype=bool)
    pick = draws(seed, iso3s, "situation-pick", 1)[:, 0]
    rng = np.random.default_rng(seed)
    n_up, n_down = int(rng.integers(6, 11)), int(rng.integers(2, 4))
    # Escalations start from elevated (not the very highest) risk, so the climb shows; chronic crises settle.
    window = (base > 0.5) & (base < 2.0)
    up = [i for i in np.argsort(-(pick + 0.5 * base + 10 * window), kind="stable") if members[i]]
    up = up[: min(n_up, max(1, len(up) // 2))]
    down = [i for i in np.argsort(-(base + 0.5 * pick), kind="stable") if members[i] and i not in up][:n_down]
    return tuple(sorted(iso3s[up])), tuple(sorted(iso3s[down]))


def situation_shift(iso3s: np.ndarray, n_years: int, seed: int, up: set[str], down: set[str]) -> np.ndarray:
    """Scripted risk change: a sharp climb over the last 2-4 years, or a long crisis that is settled."""
    t = np.arange(n_years)
    shift = np.zeros((len(iso3s), n_years))
    for i, iso in enumerate(iso3s):
        if iso in up or iso in down:
            rng = stream(seed, iso, "situation-shape")
            k, amp, lead = int(rng.integers(2, 5)), rng.uniform(2.6, 3.6), int(rng.integers(5, 11))
            ramp = np.clip((t - (n_years - 1 - k)) / k, 0.0, 1.0) ** 1.2
            crisis = 0.7 * amp * (t >= n_years - k - lead)  # once settled, calmer than before it began
            shift[i] = amp * ramp if iso in up else crisis * (1 - ramp) - 0.8 * ramp
    return shift


def episodes(iso3s: np.ndarray, base: np.ndarray, n_years: int, seed: int, skip: set[str]) -> np.ndarray:
    """Historical crises: some countries (more of the riskier, none in `skip`) get a multi-year surge."""
    t = np.arange(n_years)
    out = np.zeros((len(iso3s), n_years))
    for i, iso in enumerate(iso3s):
        rng = stream(seed, iso, "episode")
        hit, start, length = rng.random(), rng.integers(0, max(1, n_years - 8)), rng.integers(3, 10)
        amp = rng.uniform(1.2, 2.4)
        if hit < 0.15 + 0.3 * (base[i] > 0.6) and iso not in skip:
            out[i] = amp * np.clip(np.minimum(t - start + 1, start + length - t) / 2, 0.0, 1.0)
    return out


def death_counts(z: np.ndarray, draw: Noise, gate: float, size: float | np.ndarray) -> np.ndarray:
    """Yearly deaths from latent risk z: 0 outside conflict (bar sporadic small ones), heavy-tailed inside."""
    n = z.shape[1]
    conflict = z + 0.35 * ar1(0.7 * draw.normal[:, :n], 0.7) > gate
    big = np.round(np.exp(size + 1.25 * (z - gate) + draw.normal[:, n : 2 * n]))
    small = np.ceil(draw.uniform[:, n : 2 * n] * 20)
    sporadic = draw.uniform[:, :n] < sigmoid(-4.0 + 0.9 * z)
    return np.where(conflict, np.maximum(big, 1.0), np.where(sporadic, small, 0.0))


def event_count(total: int) -> int:
    """How many events carry a country-year total: grows sub-linearly, at least 1, at most one per death."""
    return int(min(total, max(1, round(0.35 * total**0.56))))


def _split_deaths(rng: np.random.Generator, total: int) -> np.ndarray:
    """Split a death total into heavy-tailed per-event best estimates (each >= 1) that sum to the total."""
    n = event_count(total)
    weights = rng.pareto(1.1, n) + 0.05
    return 1 + rng.multinomial(total - n, weights / weights.sum())


def _bounds(rng: np.random.Generator, best: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Low and high estimates around the best one: low <= best <= high, wider for bigger events."""
    low = np.floor(best * rng.uniform(0.55, 1.0, best.size)).astype(np.int64)
    high = np.ceil(best * (1 + rng.lognormal(-1.6, 0.9, best.size))).astype(np.int64)
    high += (rng.random(best.size) < 0.15) * rng.integers(1, 6, best.size)
    return low, high


def _dates(rng: np.random.Generator, years: np.ndarray, late: np.ndarray) -> np.ndarray:
    """A day within each event's year; escalating country-years lean towards the end of the year."""
    frac = rng.random(years.size)
    frac = np.where(late, frac**0.55, frac)
    start = (years - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    length = (years + 1 - 1970).astype("datetime64[Y]").astype("datetime64[D]") - start
    return start + np.floor(frac * length.astype(np.int64)).astype("timedelta64[D]")


def _rejection(rng: np.random.Generator, part: BaseGeometry, n: int) -> np.ndarray:
    """n points uniformly inside one polygon, by vectorised rejection sampling in its bounding box."""
    x0, y0, x1, y1 = part.bounds
    fill = max(part.area / max((x1 - x0) * (y1 - y0), 1e-12), 0.02)
    shapely.prepare(part)
    found: list[np.ndarray] = []
    need = n
    for _ in range(60):
        k = int(need / fill * 1.3) + 16
        xy = np.column_stack([rng.uniform(x0, x1, k), rng.uniform(y0, y1, k)])
        inside = xy[shapely.contains_xy(part, xy[:, 0], xy[:, 1])][:need]
        found.append(inside)
        need -= len(inside)
        if need == 0:
            return np.concatenate(found)
    point = part.representative_point()
    return np.concatenate([*found, np.tile([point.x, point.y], (need, 1))])


def uniform_inside(rng: np.random.Generator, geom: BaseGeometry, n: int) -> np.ndarray:
    """n (lon, lat) points uniformly inside a (multi)polygon: parts chosen by area, then rejection."""
    parts = shapely.get_parts(geom)
    areas = shapely.area(parts)
    if n == 0 or areas.sum() <= 0:
        point = geom.representative_point()
        return np.tile([point.x, point.y], (n, 1)).astype(float)
    counts = rng.multinomial(n, areas / areas.sum())
    xy = np.concatenate([_rejection(rng, part, int(m)) for part, m in zip(parts, counts, strict=True) if m])
    return xy[rng.permutation(n)]


def _locate(rng: np.random.Generator, place: Place, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Event coordinates (lon, lat) and admin1 labels: clustered round a few hotspots inside the polygon."""
    if isinstance(place, tuple):
        jitter = rng.uniform(-MARKER_JITTER, MARKER_JITTER, (n, 2))
        return place[0] + jitter[:, 0], place[1] + jitter[:, 1], np.full(n, None, dtype=object)
    centres = uniform_inside(rng, place, int(rng.integers(1, 5)))
    pick = rng.choice(len(centres), n, p=rng.dirichlet(np.ones(len(centres))))
    spread = max(0.05, 0.1 * np.sqrt(place.area))
    xy = centres[pick] + rng.normal(0.0, spread, (n, 2))
    near = (rng.random(n) < 0.75) & shapely.contains_xy(place, xy[:, 0], xy[:, 1])
    xy = np.where(near[:, None], xy, uniform_inside(rng, place, n))
    labels = np.array([f"Region {k + 1}" for k in range(len(centres))], dtype=object)
    return xy[:, 0], xy[:, 1], np.where(near, labels[pick], None)


def _country_events(
    rng: np.random.Generator, place: Place, years: np.ndarray, totals: dict[int, np.ndarray], late: np.ndarray
) -> pd.DataFrame:
    """Every event of one country: one batch per (violence type, year) with a positive death total."""
    cells = [(v, t) for v, series in totals.items() for t in np.flatnonzero(series > 0)]
    best = [_split_deaths(rng, int(totals[v][t])) for v, t in cells]
    sizes = np.array([len(b) for b in best], dtype=np.int64)
    best_all = np.concatenate(best).astype(np.int64)
    low, high = _bounds(rng, best_all)
    cell_t = np.repeat([t for _, t in cells], sizes)
    lon, lat, admin1 = _locate(rng, place, best_all.size)
    return pd.DataFrame({
        "event_date": _dates(rng, years[cell_t], late[cell_t]), "admin1": admin1,
        "latitude": lat, "longitude": lon,
        "violence_type": np.repeat([v for v, _ in cells], sizes).astype(np.int64),
        "deaths_best": best_all, "deaths_low": low, "deaths_high": high,
    })


def places(shapes: gpd.GeoDataFrame, markers: pd.DataFrame) -> dict[str, Place]:
    """Where each country's events go: its polygon, else its marker point (lon, lat)."""
    points = zip(markers["iso3"], markers["lon"], markers["lat"], strict=True)
    out: dict[str, Place] = {str(iso): (float(lon), float(lat)) for iso, lon, lat in points}
    for iso, geom in zip(shapes["iso3"], shapes.geometry, strict=True):
        if geom is not None and not geom.is_empty and geom.area > 0:
            out[str(iso)] = geom
    return out


def generate_events(
    iso3s: np.ndarray, years: np.ndarray, totals: dict[int, np.ndarray], late: np.ndarray,
    located: dict[str, Place], seed: int,
) -> pd.DataFrame:
    """Events for every located country whose death totals (violence type -> (country, year)) are positive."""
    frames = []
    for i, iso in enumerate(iso3s):
        mine = {v: series[i] for v, series in totals.items()}
        if iso in located and any(s.sum() > 0 for s in mine.values()):
            batch = _country_events(stream(seed, iso, "events"), located[iso], years, mine, late[i])
            frames.append(batch.assign(iso3=iso))
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in EVENT_DTYPES.items()})
    events = pd.concat(frames, ignore_index=True)
    events = events.sort_values(["event_date", "iso3", "violence_type"], kind="stable", ignore_index=True)
    events["event_id"] = [f"demo-{k:07d}" for k in range(1, len(events) + 1)]
    return events[list(EVENT_DTYPES)].astype(EVENT_DTYPES)  # admin1: str, missing (no region) as NaN
