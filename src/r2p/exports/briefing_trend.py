"""A briefing's casualty trend: deaths and events over the years, and the map of the latest 12 months of located
events (their dots and what they are)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from r2p.read import profile
from r2p.warehouse.queries import query
from r2p.warehouse.store import Warehouse

TREND_YEARS = 15  # the casualty trend's span, ending at the latest year held
DEATH_SERIES = ("ucdp.battle_deaths", "ucdp.osv_deaths")  # yearly deaths the trend draws beside the events


@dataclass(frozen=True, eq=False)
class Trend:
    """Deaths and events over the years, and the located events of the latest 12 months held: their map's dots
    and what they are (how many, when, from which sources)."""

    deaths: pd.DataFrame  # series (indicator name), period, value, source_name
    events: pd.DataFrame  # year, events, deaths (the event table)
    dots: pd.DataFrame  # the map of those 12 months (profile.country_event_dots)
    recent: profile.EventSpan  # those 12 months' events (profile.country_event_span)


def trend(warehouse: Warehouse, iso3: str, years: pd.DataFrame, last_held: object) -> Trend:
    """The casualty trend over the last TREND_YEARS years held, and the map of the 12 months of located events
    to `last_held`, the latest event held for any country (as profile.recent_events). `years`:
    briefing_event_years.
    NOTE: the map's dots and the events' span, not the events (56,000 rows for the busiest country at 5 M)."""
    deaths = query(warehouse, "read/briefing_death_series", {"iso3": iso3, "indicator_ids": list(DEATH_SERIES)})
    events = years[["year", "events", "deaths"]]
    last = max([*deaths["period"].dropna().astype(int), *events["year"].astype(int)], default=None)
    if last is not None:
        deaths = deaths[deaths["period"] > last - TREND_YEARS]
        events = events[events["year"] > last - TREND_YEARS]
    return Trend(deaths.reset_index(drop=True), events.reset_index(drop=True),
                 profile.country_event_dots(warehouse, iso3, last_held),
                 profile.country_event_span(warehouse, iso3, last_held))
