"""Every read the pages cache, by name: the one registry r2p/ui/cache.py wraps and `r2p bench` times (no streamlit).

NOTE: here, in the UI package, though it imports no streamlit: the briefing is one of the reads, and the layer
order (tests/test_layers.py) lets only the UI and above import exports. Each read takes the warehouse first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from r2p import tiers
from r2p.convening.judgements import draft_judgements, latest_judgements
from r2p.convening.worksheet import latest_worksheet
from r2p.engagement import registry
from r2p.exports.briefing import gather_briefing
from r2p.notes import country_notes
from r2p.read import audit_trail, comparison, explore, overview, profile, standings, surges
from r2p.read.release_record import release_lists
from r2p.read.releases import releases_held
from r2p.reviews import records as reviews
from r2p.tiers.evaluation_report import evaluation

Read = Callable[..., Any]


READS: dict[str, Read] = {
    # Countries, indicators and the data behind them (Data & methods, Trends, Overview map).
    "countries": explore.countries,
    "indicators": explore.indicators,
    "indicator_values": explore.indicator_values,
    "country_series": explore.country_series,
    "data_sources": explore.data_sources,
    "ingests": explore.ingests,
    "risk_factor_coverage": explore.risk_factor_coverage,
    "source_coverage": explore.source_coverage,
    "rejected_rows": explore.rejected_rows,
    "evaluation": evaluation,
    "release_lists": release_lists,
    "releases_held": releases_held,
    # Tiers, movers, reviews, country profile and Trends comparison (Overview, Country, Trends, Reviews).
    "tier_table": tiers.tier_table,
    "current_tiers": tiers.current_tiers,
    "scored_periods": standings.scored_periods,
    "current_period": tiers.current_period,
    "scored_methods": tiers.scored_methods,
    "tier_movers": standings.tier_movers,
    "review_list": reviews.list_reviews,
    "tier_history": profile.tier_history,
    "recent_events": profile.recent_events,
    "country_surges": surges.country_surges,
    "latest_event_date": profile.latest_event_date,
    "last_country_event": profile.last_country_event,
    "country_events": profile.country_events,
    "country_event_dots": profile.country_event_dots,
    "compare_series": comparison.compare_series,
    "country_notes": country_notes,
    "worksheet": latest_worksheet,
    "judgements": latest_judgements,
    "judgement_draft": draft_judgements,
    # The engagement registry (Engagement page), the briefing (Meeting prep) and the audit log (Audit).
    "actors": registry.actors,
    "situations": registry.situations,
    "engagements": registry.engagements,
    "engagement_gaps": overview.engagement_gaps,
    "briefing": gather_briefing,
    "audit_chain_broken": audit_trail.broken_rows,
    "audit_facets": audit_trail.audit_facets,
    "audit_row_count": audit_trail.audit_row_count,
}
