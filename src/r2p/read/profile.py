"""The country profile: model tier beside the assessed tier over time, what drives the score, recent events."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from r2p.catalog import RISK_FACTORS
from r2p.figures.event_map import MAX_POINTS
from r2p.read import drivers
from r2p.tiers.method import TierMethod
from r2p.vocabulary import INSUFFICIENT
from r2p.warehouse.queries import query
from r2p.warehouse.store import Warehouse

EVENT_WINDOW_MONTHS = 12  # the Country page's and the briefing's events: the 12 months up to a date
PART_OF_SCORE = "part of the score"  # what a composite or direct method's parts are (a forecast's: drivers)


def tier_history(warehouse: Warehouse, iso3: str, method_version: str) -> pd.DataFrame:
    """Per period: method_version, score, tier, coverage, stale_share, contributions (JSON text), and the latest
    assessment of that period (assessed_tier, assessed_rationale, assessed_by, assessed_at) — either side may be
    missing."""
    return tier_histories(warehouse, iso3, [method_version])[method_version]


def tier_histories(warehouse: Warehouse, iso3: str, method_versions: list[str]) -> dict[str, pd.DataFrame]:
    """`tier_history` of each method version, in one read (read/tier_history): {method version: its history}."""
    read = query(warehouse, "read/tier_history", {"iso3": iso3, "method_versions": method_versions})
    versions = read["method_version"].tolist()
    return {version: read.take([row for row, held in enumerate(versions) if held == version]).reset_index(drop=True)
            for version in method_versions}


def recent_events(warehouse: Warehouse, iso3: str) -> pd.DataFrame:
    """Located events of one country in the 12 months to the latest event held (for any country): event_id,
    event_date, admin1, latitude, longitude, violence_type, deaths_best, source_name, is_demo, as_of."""
    return country_events(warehouse, iso3, latest_event_date(warehouse)["last_date"].iloc[0])


def last_country_event(warehouse: Warehouse, iso3: str, period: int) -> pd.DataFrame:
    """last_date: the country's latest event on or before the end of `period` (NULL when there is none): where
    the Country page's 12-month event window ends, so it follows the chosen country and year."""
    return query(warehouse, "read/country_last_event", {"iso3": iso3, "period": int(period)})


def country_events(warehouse: Warehouse, iso3: str, until: object) -> pd.DataFrame:
    """Located events of one country in the 12 months to `until` (a date; None gives no rows), columns as
    `recent_events`; each row carries its own load's as-of, so its provenance names that release's date, not
    another's of the source."""
    return query(warehouse, "read/country_events_to", {"iso3": iso3, **event_window(until)},
                 columnar=True)  # ~56,000 rows for the busiest country: the map reads country_event_dots


def country_event_dots(warehouse: Warehouse, iso3: str, until: object, limit: int = MAX_POINTS) -> pd.DataFrame:
    """The event map's dots of `country_events`' events: event_date, admin1, latitude, longitude, violence_type,
    deaths_best, events (merged in the dot). One per event (newest first) while there are at most `limit`; beyond,
    nearby events of one type merged: the place and date of the latest, summed deaths, mean position
    (read/country_event_dots, the one place that rule lives)."""
    return query(warehouse, "read/country_event_dots", {"iso3": iso3, **event_window(until), "limit": limit})


@dataclass(frozen=True)
class EventSpan:
    """What a country's 12 months of located events are (`country_events`' rows, none fetched): how many, from when
    to when, their sources (newest event's first) and the newest as-of date of their loads."""

    events: int
    first_event: pd.Timestamp | None
    last_event: pd.Timestamp | None
    sources: tuple[str, ...]
    as_of: pd.Timestamp | None


def country_event_span(warehouse: Warehouse, iso3: str, until: object) -> EventSpan:
    """The EventSpan of `country_events(warehouse, iso3, until)`."""
    row = query(warehouse, "read/country_event_span", {"iso3": iso3, **event_window(until)}).iloc[0]
    return EventSpan(int(row["events"]), _moment(row["first_event"]), _moment(row["last_event"]),
                     tuple(row["sources"]), _moment(row["as_of"]))


def event_window(until: object) -> dict[str, date | None]:
    """The event reads' window, the one place its length lives: `since` (excluded) and `until` (included), the
    calendar's EVENT_WINDOW_MONTHS apart (a year before 29 February is 28 February, as in DuckDB); both None when
    `until` is (no event held: no rows)."""
    if pd.isna(until):
        return {"since": None, "until": None}
    end = pd.Timestamp(until)
    return {"since": (end - pd.DateOffset(months=EVENT_WINDOW_MONTHS)).date(), "until": end.date()}


def _moment(value: object) -> pd.Timestamp | None:
    return None if pd.isna(value) else pd.Timestamp(value)


def latest_event_date(warehouse: Warehouse) -> pd.DataFrame:
    """last_date: the latest event date held (NULL when there are no events)."""
    return query(warehouse, "read/latest_event_date")


def shown_period(history: pd.DataFrame, wanted: int, current: int | None) -> int:
    """The wanted period when the method scored the country then, else the method's `current` period
    (r2p.tiers.current_period, the one door for it), else `wanted` (nothing scored)."""
    scored = set(history.loc[history["tier"].notna(), "period"].astype(int))
    return wanted if wanted in scored or current is None else current


def picked_series(series: pd.DataFrame, indicator_ids: list[str]) -> pd.DataFrame:
    """The rows of the picked indicators."""
    return series[series["indicator_id"].isin(indicator_ids)]


def period_row(history: pd.DataFrame, period: int) -> pd.Series | None:
    """The history row of `period`; None when the country has no row for it."""
    periods = history["period"].tolist()  # NOTE: a list, not a filtered frame: asked several times per briefing
    return history.iloc[periods.index(period)] if period in periods else None


def factor_parts(contributions: str | None) -> pd.DataFrame:
    """factor, name, part: each UN Framework risk factor's part of the score (parts add up to the score)."""
    return _factor_parts(_parsed(contributions))


def _factor_parts(parsed: dict) -> pd.DataFrame:
    factors = parsed.get("factors", {})
    rows = [(int(k), RISK_FACTORS.get(int(k), f"Factor {k}"), float(v)) for k, v in factors.items()]
    return pd.DataFrame(sorted(rows, key=lambda row: row[0]), columns=["factor", "name", "part"])


def indicator_parts(contributions: str | None, names: Mapping[str, str]) -> pd.DataFrame:
    """indicator_id, name, part: each indicator's part of the score (a direct method: the indicator's value)."""
    return _indicator_parts(_parsed(contributions), names)


def _indicator_parts(parsed: dict, names: Mapping[str, str]) -> pd.DataFrame:
    indicators = parsed.get("indicators", {})
    rows = [(key, names.get(key, key), float(value)) for key, value in indicators.items()]
    return pd.DataFrame(sorted(rows, key=lambda row: row[0]), columns=["indicator_id", "name", "part"])


def score_parts(row: pd.Series | None, names: Mapping[str, str]) -> tuple[str, pd.DataFrame]:
    """What makes up a period's score: the risk-factor parts (composite methods), the predictors' SHAP values
    (forecast methods: r2p.read.drivers), else the indicator parts (direct methods). Returns (what the parts are,
    frame with name and part)."""
    parsed = _parsed(None if row is None else row["contributions"])  # once: the JSON holds 100 indicators
    factors = _factor_parts(parsed)
    if len(factors):
        return "UN Framework risk factors", factors
    if drivers.is_forecast(parsed):
        return "the predictors that push the forecast most", drivers.driver_parts(parsed, names)
    return "indicators", _indicator_parts(parsed, names)


def score_flags(row: pd.Series | None) -> dict[str, float]:
    """Flags a situation profile shows beside its tier without counting them in its score (composite-2's
    "mass killing already under way"): {indicator id: that year's value}; empty for other methods."""
    flags = _parsed(None if row is None else row["contributions"]).get("flags")
    return {str(key): float(value) for key, value in flags.items()} if isinstance(flags, dict) else {}


def parts_scale(row: pd.Series | None, method: TierMethod) -> str:
    """What the numbers of score_parts are, for the chart's axis."""
    contributions = _parsed(None if row is None else row["contributions"])
    if method.model is not None and drivers.is_forecast(contributions):
        period = row.get("period") if row is not None else None
        return drivers.driver_scale(contributions, method.model.horizon, None if pd.isna(period) else int(period))
    return PART_OF_SCORE


def insufficiency_reason(row: pd.Series | None, method: TierMethod, names: Mapping[str, str]) -> str | None:
    """Why the tier is Insufficient data (None when it is not): which of the method's indicators lack a recent
    value, and how the reliability compares with the method's floor."""
    if row is None or pd.isna(row["tier"]):
        return f"{method.label} has no score for this country in this period."
    if row["tier"] != INSUFFICIENT:
        return None
    present = set(_parsed(row["contributions"]).get("indicators", {}))
    missing = [names.get(spec.id, spec.id) for spec in method.indicators if spec.id not in present]
    coverage = 0.0 if pd.isna(row["coverage"]) else float(row["coverage"])
    lacking = f" No value within {method.stale_after_years} years for: {'; '.join(missing)}." if missing else ""
    return (f"Reliability {coverage:.0%} is below the {method.coverage_floor:.0%} that {method.label} needs "
            f"before it assigns a tier.{lacking}")


def default_indicators(series: pd.DataFrame, method: TierMethod) -> list[str]:
    """The indicators the method uses that the country has data for (all held indicators if none)."""
    held = list(dict.fromkeys(series["indicator_id"]))
    used = [spec.id for spec in method.indicators if spec.id in held]
    return used or held


def _parsed(contributions: str | None) -> dict:
    if contributions is None or (isinstance(contributions, float) and pd.isna(contributions)):
        return {}
    return json.loads(contributions)
