"""The briefing pack's charts: built by the very functions the Country and Engagement pages call, plus the
casualty trend and a static event map drawn from the shipped outlines.

NOTE: each chart is exported with its title, provenance and DEMO label but no handling marking: the pack's page
or slide carries the marking once at the top and once at the bottom, and a chart's own would repeat it."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from r2p import geo
from r2p.exports.briefing import Briefing
from r2p.exports.charts import ChartMeta, export_figure
from r2p.exports.labels import format_as_of
from r2p.figures.engagement import engagement_network
from r2p.figures.event_charts import casualty_trend_chart, static_event_map
from r2p.figures.event_map import outlines_near
from r2p.figures.tier_charts import contribution_chart, tier_history_chart
from r2p.provenance import Provenance, of_rows, of_scores
from r2p.read import profile

REGISTRY_SOURCE = "R2P Watch engagement registry (curated from public UN, US and regional sources)"
NO_MARKING = ""  # see the module's NOTE
ORDER = ("casualty_trend", "event_map", "tier_history", "contributions", "engagement")
# NOTE: one height for every chart (with its title and footer, about 2:1 at the export width), so a chart fills
# a 16:9 slide's body and two fit on an A4 page.
PACK_HEIGHT = 450


@dataclass(frozen=True, eq=False)
class PackChart:
    key: str
    figure: go.Figure
    meta: ChartMeta


def briefing_charts(b: Briefing) -> tuple[PackChart, ...]:
    """The casualty trend, the event map (when events are held), tier history, what makes up the score (when
    scored) and the engagement network (when anyone is engaged), in ORDER.

    NOTE: the network, not the matrix: for a handful of situations the matrix draws a one-row subplot's cells
    off their row (r2p.figures.engagement.engagement_matrix, seen for Sudan), and the network reads better."""
    demo, label = (" — DEMO" if b.is_demo else ""), b.method.label
    charts = [_casualty_chart(b, demo)]
    if b.trend.recent.events:
        charts.append(_event_map(b, demo))
    charts.append(_scored(b, "tier_history", tier_history_chart(
        b.history, label, b.method.thresholds, f"Model tier ({label}) and analyst's tier, {b.name}{demo}"),
        "Top: model tier per year, with the analyst's tier beside it. Bottom: model score against the method's "
        "tier thresholds."))
    snap = b.snapshot
    if len(snap.parts):
        title = f"What makes up the {snap.period} score: {snap.parts_kind} ({label}){demo}"
        scale = profile.parts_scale(profile.period_row(b.history, snap.period or 0), b.method)
        charts.append(_scored(b, "contributions", contribution_chart(snap.parts, title, scale), _parts_note(b, scale)))
    if len(b.situation.engaged):
        title = f"Engagements active on {b.today}: {b.situation.name}{demo}"
        figure = engagement_network(b.situation.engaged, b.situation.ranked, title)
        charts.append(_chart("engagement", figure, b, Provenance(REGISTRY_SOURCE, b.today, label, b.is_demo),
                             "Situations (inner ring, coloured by model tier) and the actors engaged on them, lines "
                             "coloured by kind of engagement; the situation and those sharing a country."))
    return tuple(charts)


def _casualty_chart(b: Briefing, demo: str) -> PackChart:
    deaths, events = b.trend.deaths, b.trend.events
    years = [*deaths["period"].dropna().astype(int), *events["year"].astype(int)]
    span = f"{min(years)}–{max(years)}" if years else "no years held"
    figure = casualty_trend_chart(deaths, events, f"Deaths and events per year, {b.name}, {span}{demo}")
    provenance = of_rows(deaths, b.sources, b.is_demo) if len(deaths) \
        else Provenance("event data" if len(events) else "no data", None, "", b.is_demo)
    note = (f"Lines: deaths per year by series (best estimate). Bars: events held per year. The data end in "
            f"{max(years)}." if years else "Nothing is held for this country.")
    return _chart("casualty_trend", figure, b, provenance, note)


def _event_map(b: Briefing, demo: str) -> PackChart:
    recent = b.trend.recent
    first, last = format_as_of(recent.first_event), format_as_of(recent.last_event)
    outlines = outlines_near(geo.load_country_shapes(), b.iso3)
    figure = static_event_map(b.trend.dots, outlines, b.iso3, f"Events located in {b.name}, {first} to {last}{demo}")
    provenance = Provenance(", ".join(recent.sources) or "event data", recent.as_of, "", b.is_demo)
    return _chart("event_map", figure, b, provenance,
                  f"The latest {profile.EVENT_WINDOW_MONTHS} months of events held ({recent.events:,}); dot size "
                  "grows with deaths (best estimate); colour is the type of violence. Outlines: Natural Earth 1:110m.")


def _parts_note(b: Briefing, scale: str) -> str:
    if b.snapshot.score is None:
        return b.name
    if scale == profile.PART_OF_SCORE:
        return f"{b.name}: each bar is one part of the score; the parts add up to the score ({b.snapshot.score:.3g})."
    return (f"{b.name}: each bar is one predictor's push on the forecast (SHAP values, log-odds); the base value and "
            f"the bars add up to the forecast ({b.snapshot.score:.1%}).")


def chart_images(charts: tuple[PackChart, ...]) -> dict[str, bytes]:
    """PNG bytes of each chart, exported with its title, provenance and DEMO label (no marking: see NOTE)."""
    return {chart.key: export_figure(chart.figure, chart.meta, "png") for chart in charts}


def _scored(b: Briefing, key: str, figure: go.Figure, subtitle: str) -> PackChart:
    return _chart(key, figure, b, of_scores(b.method.label, b.sources, b.is_demo), subtitle)


def _chart(key: str, built: go.Figure, b: Briefing, provenance: Provenance, subtitle: str) -> PackChart:
    title = built.layout.title.text or key
    figure = go.Figure(built.to_dict())
    figure.update_layout(height=PACK_HEIGHT)
    return PackChart(key, figure, ChartMeta(title=title, subtitle=subtitle, provenance=provenance,
                                            marking=NO_MARKING, generated_at=b.generated_at))
