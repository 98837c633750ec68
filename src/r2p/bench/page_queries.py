"""The data queries the pages make (r2p/ui/cache.py and the Engagement and Meeting prep reads), run uncached."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from r2p import tiers
from r2p.config import setting
from r2p.engagement import registry
from r2p.exports.briefing import gather_briefing
from r2p.read import comparison, explore, profile, standings
from r2p.reviews import records as reviews
from r2p.tiers import backtest
from r2p.tiers.method import method
from r2p.warehouse.queries import query
from r2p.warehouse.store import Warehouse


@dataclass(frozen=True)
class View:
    """What the benchmarked pages show: the country with the most events, a synthetic indicator, the last year."""

    country: str
    indicator: str
    period: int
    today: date

    @property
    def method_label(self) -> str:
        return method(setting("tier_method")).label


def busiest_country(warehouse: Warehouse) -> str:
    """The country holding the most events: the heaviest Country page."""
    cursor = warehouse.reader().cursor()
    try:
        return str(cursor.execute("SELECT iso3 FROM event GROUP BY iso3 ORDER BY count(*) DESC, iso3 LIMIT 1")
                   .fetchall()[0][0])
    finally:
        cursor.close()


def page_queries(warehouse: Warehouse, view: View) -> dict[str, Callable[[], Any]]:
    """name -> a call with the arguments the pages pass for `view` (every cached query of r2p/ui/cache.py)."""
    w, label, iso3 = warehouse, view.method_label, view.country
    return {
        "countries": lambda: explore.countries(w),
        "indicators": lambda: explore.indicators(w),
        "indicator_values": lambda: explore.indicator_values(w, view.indicator, view.period),
        "country_series": lambda: explore.country_series(w, iso3),
        "data_sources": lambda: explore.data_sources(w),
        "ingests": lambda: explore.ingests(w),
        "risk_factor_coverage": lambda: explore.risk_factor_coverage(w),
        "source_coverage": lambda: explore.source_coverage(w, view.today.year),
        "rejected_rows": lambda: explore.rejected_rows(w),
        "backtest_report": lambda: backtest.backtest_report(w),
        "tier_table": lambda: tiers.tier_table(w, label, view.period),
        "scored_periods": lambda: standings.scored_periods(w, label),
        "tier_movers": lambda: standings.tier_movers(w, label, view.period),
        "review_list": lambda: reviews.list_reviews(w, view.today),
        "tier_history": lambda: profile.tier_history(w, iso3, label),
        "recent_events": lambda: profile.recent_events(w, iso3),
        "latest_event_date": lambda: profile.latest_event_date(w),
        "compare_series": lambda: comparison.compare_series(w, (view.indicator,), (iso3,)),
        "engagement_registry": lambda: registry.load_registry(w),
        "current_tiers": lambda: tiers.current_tiers(w, label),
        "country_event_summary": lambda: query(w, "read/country_events_since", {
            "iso3": iso3, "since": view.today - timedelta(days=365), "until": view.today}),
        "briefing": lambda: gather_briefing(w, iso3, view.today - timedelta(days=365), label, view.today),
    }
