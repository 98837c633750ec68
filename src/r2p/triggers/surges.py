"""Surges in event data, as pure functions on event frames evaluated "as of" a date (only events up to it count).

- 30-day death highs, in the style of OCHA's HDX Signals (armed conflict): deaths in the 30 days to `as_of`
  against the highest 30-day total of the previous one and three years. A repeat for the same country and rule
  within `suppress_days` of the last firing is suppressed unless extreme (at least `extreme_ratio` times the
  previous one-year high).
- Sub-national surges, in the style of ACLED's surge tracker: per admin-1 area, a week's events (Monday to
  Sunday; the current week counts up to `as_of`) at least `ratio` times the average of the previous four weeks
  and at least `minimum`.
NOTE: UCDP dates an event whose date is imprecise (date_prec 4-5: a month or a year) at its first day, so such
events can lift the first week of a month; the event table keeps no end date to leave them out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

import numpy as np
import pandas as pd

DAYS_PER_YEAR = 365
SURGE_COLUMNS = ["iso3", "admin1", "week_start", "events", "prior_average", "ratio", "deaths", "latitude",
                 "longitude"]
WEEK_COLUMNS = ["iso3", "admin1", "week_start", "events", "deaths", "latitude", "longitude"]


def up_to(events: pd.DataFrame, as_of: date, violence_types: Iterable[int]) -> pd.DataFrame:
    """The events of the chosen violence types dated on or before `as_of`, with event_date as a Timestamp."""
    dated = events.assign(event_date=pd.to_datetime(events["event_date"]))
    return dated[dated["violence_type"].isin(list(violence_types)) & (dated["event_date"] <= pd.Timestamp(as_of))]


def thirty_day_highs(events: pd.DataFrame, as_of: date, window_days: int, years: Iterable[int],
                     violence_types: Iterable[int]) -> pd.DataFrame:
    """Per country with deaths in the window: iso3, deaths (the `window_days` to `as_of`) and high_<N>y, the
    highest total of any earlier window of N years (windows that overlap the current one left out)."""
    horizons = sorted(set(years))
    start = pd.Timestamp(as_of) - pd.Timedelta(days=DAYS_PER_YEAR * horizons[-1] + window_days)
    chosen = up_to(events, as_of, violence_types)
    chosen = chosen[chosen["event_date"] > start]
    rows = []
    for iso3, country in chosen.groupby("iso3"):
        daily = country.groupby("event_date")["deaths_best"].sum()
        rolling = daily.reindex(pd.date_range(start, pd.Timestamp(as_of)), fill_value=0).rolling(window_days).sum()
        before = rolling.iloc[:-window_days] if len(rolling) > window_days else rolling.iloc[:0]
        row = {"iso3": str(iso3), "deaths": float(rolling.iloc[-1])}
        for years_back in horizons:
            since = pd.Timestamp(as_of) - pd.Timedelta(days=DAYS_PER_YEAR * years_back)
            row[f"high_{years_back}y"] = float(before[before.index > since].max()) if len(before) else 0.0
        rows.append(row)
    return pd.DataFrame(rows, columns=["iso3", "deaths", *[f"high_{y}y" for y in horizons]]).fillna(0.0)


def new_highs(highs: pd.DataFrame, minimum: float) -> pd.DataFrame:
    """Countries at a new high over the shortest horizon and at or above `minimum`, with `horizon`: the longest
    number of years whose high they passed (a three-year high is also a one-year high)."""
    horizons = sorted(int(column[5:-1]) for column in highs.columns if column.startswith("high_"))
    reached = highs[(highs["deaths"] >= minimum) & (highs["deaths"] > highs[f"high_{horizons[0]}y"])]
    longest = [max(y for y in horizons if row["deaths"] > row[f"high_{y}y"]) for _, row in reached.iterrows()]
    return reached.assign(horizon=pd.Series(longest, index=reached.index, dtype="int64"))


def suppressed(iso3: str, deaths: float, previous_high: float, as_of: date, last_fired: Mapping[str, date],
               suppress_days: int, extreme_ratio: float) -> bool:
    """True when the rule fired for the country within `suppress_days` before `as_of` and this level is not
    extreme (at least `extreme_ratio` times the previous high; any level is extreme after none)."""
    last = last_fired.get(iso3)
    if last is None or last > as_of or (as_of - last).days >= suppress_days:
        return False
    return previous_high > 0 and deaths < extreme_ratio * previous_high


def admin1_surges(events: pd.DataFrame, as_of: date, *, weeks_before: int = 4, ratio: float = 2.0,
                  minimum: float = 5, violence_types: Iterable[int] = (1, 2, 3), weeks: int = 1) -> pd.DataFrame:
    """Admin-1 weeks, among the last `weeks` weeks to `as_of`, whose events are at least `ratio` times the average
    of the `weeks_before` weeks before and at least `minimum`: SURGE_COLUMNS (latitude/longitude: the centroid of
    that week's events in the area). Events without an admin-1 area are left out."""
    chosen = up_to(events, as_of, violence_types)
    chosen = chosen[chosen["admin1"].notna() & (chosen["event_date"] >= surge_weeks(as_of, weeks, weeks_before)[0])]
    return weekly_surges(admin1_weeks(chosen), as_of, weeks_before=weeks_before, ratio=ratio, minimum=minimum,
                         weeks=weeks)


def admin1_weeks(events: pd.DataFrame) -> pd.DataFrame:
    """WEEK_COLUMNS of events (iso3, admin1, event_date as a Timestamp, deaths_best, latitude, longitude): one row
    per country, admin-1 area and week holding any."""
    dated = events.assign(week_start=week_start(events["event_date"]))
    return dated.groupby(["iso3", "admin1", "week_start"], as_index=False).agg(
        events=("event_date", "size"), deaths=("deaths_best", "sum"), latitude=("latitude", "mean"),
        longitude=("longitude", "mean"))[WEEK_COLUMNS]


def weekly_surges(weekly: pd.DataFrame, as_of: date, *, weeks_before: int, ratio: float, minimum: float,
                  weeks: int) -> pd.DataFrame:
    """The rule of admin1_surges on weekly counts (WEEK_COLUMNS, the rule's events only: admin1_weeks, or the same
    counted by the warehouse): SURGE_COLUMNS, newest week first. Weeks before the `weeks_before` weeks that come
    before the last `weeks` to `as_of` are left out, and weeks after `as_of`'s."""
    all_weeks = surge_weeks(as_of, weeks, weeks_before)
    weekly = weekly[weekly["week_start"].isin(all_weeks) & (weekly["events"] > 0)]
    if weekly.empty:
        return pd.DataFrame(columns=SURGE_COLUMNS)
    # NOTE: a grid of areas by weeks in numpy, not pandas' unstack and rolling: the Country page runs the rule on
    # every view, and for a few hundred area-weeks pandas' reshaping cost more than the warehouse's counting.
    areas = weekly.groupby(["iso3", "admin1"])  # rows of the grid in the order of the areas' names
    counts = np.zeros((areas.ngroups, len(all_weeks)), dtype="int64")
    column = (weekly["week_start"] - all_weeks[0]) // pd.Timedelta(weeks=1)
    counts[areas.ngroup().to_numpy(), column.to_numpy()] = weekly["events"].to_numpy()
    earlier = np.cumsum(counts, axis=1) - counts  # each week: the events of all the weeks before it
    prior = (earlier[:, weeks_before:] - earlier[:, :len(all_weeks) - weeks_before]) / weeks_before
    shown = counts[:, weeks_before:]  # the last `weeks` weeks, each with the average of its weeks_before before
    area, week = np.nonzero((shown >= minimum) & (shown >= ratio * prior))
    keys = areas.size().index[area]
    table = pd.DataFrame({"iso3": keys.get_level_values("iso3"), "admin1": keys.get_level_values("admin1"),
                          "week_start": all_weeks[weeks_before + week], "events": shown[area, week],
                          "prior_average": prior[area, week]})
    return _with_places(table, weekly)


def surge_weeks(as_of: date, weeks: int, weeks_before: int) -> pd.DatetimeIndex:
    """The Mondays of the last `weeks` weeks to `as_of` and of the `weeks_before` weeks before them, oldest first."""
    current = week_start(pd.Timestamp(as_of))
    return pd.date_range(current - pd.Timedelta(weeks=weeks + weeks_before - 1), current, freq="7D",
                         name="week_start")


def _with_places(table: pd.DataFrame, weekly: pd.DataFrame) -> pd.DataFrame:
    """Add each surge week's deaths and the centroid of its events; ratio (inf after four quiet weeks)."""
    if table.empty:
        return pd.DataFrame(columns=SURGE_COLUMNS)
    places = weekly[["iso3", "admin1", "week_start", "deaths", "latitude", "longitude"]]
    table = table.merge(places, on=["iso3", "admin1", "week_start"], how="left")
    table["ratio"] = table["events"] / table["prior_average"].where(table["prior_average"] > 0)
    table["ratio"] = table["ratio"].fillna(float("inf"))
    table["events"] = table["events"].astype("int64")
    return table[SURGE_COLUMNS].sort_values(["week_start", "events", "admin1"], ascending=[False, False, True],
                                            ignore_index=True)


def week_start(when: pd.Timestamp | pd.Series) -> pd.Timestamp | pd.Series:
    """The Monday that starts the week of a date (or of each date)."""
    if isinstance(when, pd.Series):
        return (when - pd.to_timedelta(when.dt.day_of_week, unit="D")).dt.normalize()
    return (when - timedelta(days=when.weekday())).normalize()
