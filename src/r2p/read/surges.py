"""A country's sub-national surges (the shipped admin1_surge rule) in the year to its latest event, for its page."""

from __future__ import annotations

from datetime import date

import pandas as pd

from r2p.triggers.rules import Rule, rule_book
from r2p.triggers.surges import SURGE_COLUMNS, surge_weeks, weekly_surges
from r2p.warehouse.queries import query
from r2p.warehouse.store import Warehouse

WEEKS_SHOWN = 52  # the year to the country's latest event, like the events map beside it
AREA_COLUMNS = ["admin1", "surge_weeks", "latest_week", "peak_events", "latitude", "longitude"]


def surge_rule() -> Rule:
    """The admin1_surge rule the trigger run uses (r2p/catalog/triggers.yml): the page shows what it would fire."""
    return next(rule for rule in rule_book().rules if rule.kind == "admin1_surge")


def country_surges(warehouse: Warehouse, iso3: str) -> pd.DataFrame:
    """Admin-1 surge weeks of one country in the WEEKS_SHOWN weeks to its latest event, newest first: SURGE_COLUMNS
    plus `provisional` (a UCDP GED Candidate event is among the week's), `source_name` and `as_of` (the latest
    event's date)."""
    last = query(warehouse, "read/surge_country_last_event", {"iso3": iso3})["last_date"].iloc[0]
    if last is None or pd.isna(last):
        return _none()
    as_of = pd.Timestamp(last).date()
    rule = surge_rule()
    since = surge_weeks(as_of, WEEKS_SHOWN, rule.weeks_before)[0].date()
    weeks = query(warehouse, "read/surge_country_weeks", {"iso3": iso3, "since": since, "as_of": as_of,
                                                           "violence_types": list(rule.violence_types)})
    surges = weekly_surges(weeks, as_of, weeks_before=rule.weeks_before, ratio=rule.surge_ratio,
                           minimum=rule.minimum, weeks=WEEKS_SHOWN)
    if surges.empty:
        return _none()
    marks = weeks[["admin1", "week_start", "provisional", "source_name"]]
    return surges.merge(marks, on=["admin1", "week_start"], how="left").assign(as_of=as_of)


def _none() -> pd.DataFrame:
    return pd.DataFrame(columns=[*SURGE_COLUMNS, "provisional", "source_name", "as_of"])


def surge_areas(surges: pd.DataFrame) -> pd.DataFrame:
    """One row per area with surges (the map's points): AREA_COLUMNS, the position the mean of its surge weeks'
    event centroids."""
    if surges.empty:
        return pd.DataFrame(columns=AREA_COLUMNS)
    areas = surges.groupby("admin1", as_index=False).agg(
        surge_weeks=("week_start", "size"), latest_week=("week_start", "max"), peak_events=("events", "max"),
        latitude=("latitude", "mean"), longitude=("longitude", "mean"))
    return areas[AREA_COLUMNS].sort_values(["surge_weeks", "admin1"], ascending=[False, True], ignore_index=True)


def surge_rule_text(as_of: date | None) -> str:
    """What a surge is, in words, for the caption under the table."""
    rule = surge_rule()
    until = f" to {as_of:%d %B %Y}" if as_of else ""
    return (f"A surge: a week (Monday to Sunday) in which an admin-1 area's events reached at least "
            f"{rule.surge_ratio:g} times the average of the {rule.weeks_before} weeks before, and at least "
            f"{rule.minimum:g} events (in the style of ACLED's sub-national surge tracker; the `{rule.id}` trigger "
            f"rule). Weeks in the {WEEKS_SHOWN} weeks{until}, the country's latest event.")
