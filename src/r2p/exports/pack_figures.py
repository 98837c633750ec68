"""The briefing pack's charts: built by the very functions the Country and Engagement pages call."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from r2p.exports.briefing import Briefing
from r2p.exports.charts import ChartMeta, export_figure

# NOTE: these builder modules live in r2p.ui but import only plotly; the pack must show the same figures as
# the pages, so it calls them rather than keeping copies. (Importing r2p.ui loads streamlit, harmlessly.)
from r2p.figures.engagement import engagement_network
from r2p.figures.tier_charts import contribution_chart, tier_history_chart
from r2p.provenance import Provenance, of_scores
from r2p.read import profile

REGISTRY_SOURCE = "R2P Watch engagement registry (curated from public UN, US and regional sources)"


@dataclass(frozen=True, eq=False)
class PackChart:
    key: str
    figure: go.Figure
    meta: ChartMeta


def briefing_charts(b: Briefing) -> tuple[PackChart, ...]:
    """Tier history, what makes up the score (when scored) and the engagement network (when anyone is engaged).

    NOTE: the network, not the matrix: for a handful of situations the matrix draws a one-row subplot's cells
    off their row (r2p.figures.engagement.engagement_matrix, seen for Sudan), and the network reads better."""
    demo, label = (" — DEMO" if b.is_demo else ""), b.method.label
    charts = [_chart(b, "tier_history", tier_history_chart(b.history, label, b.method.thresholds,
                                                           f"Model tier ({label}) and assessed tier, {b.name}{demo}"),
                     "Top: model tier per year, with the analyst's assessed tier beside it. Bottom: model score "
                     "against the method's tier thresholds.")]
    snap = b.snapshot
    if len(snap.parts):
        title = f"What makes up the {snap.period} score: {snap.parts_kind} ({label})"
        scale = profile.parts_scale(profile.period_row(b.history, snap.period or 0), b.method)
        charts.append(_chart(b, "contributions", contribution_chart(snap.parts, title, scale), _parts_note(b, scale)))
    if len(b.situation.engaged):
        title = f"Engagements active on {b.today}: {b.situation.name}{demo}"
        figure = engagement_network(b.situation.engaged, b.situation.ranked, title)
        charts.append(PackChart("engagement", figure, ChartMeta(
            title=title, subtitle="Situations (inner ring, coloured by model tier) and the actors engaged on them, "
                                  "lines coloured by kind of engagement; the situation and those sharing a country.",
            provenance=Provenance(REGISTRY_SOURCE, b.today, label, b.is_demo), marking=b.marking,
            generated_at=b.generated_at)))
    return tuple(charts)


def _parts_note(b: Briefing, scale: str) -> str:
    if b.snapshot.score is None:
        return b.name
    if scale == profile.PART_OF_SCORE:
        return f"{b.name}: each bar is one part of the score; the parts add up to the score ({b.snapshot.score:.3g})."
    return (f"{b.name}: each bar is one predictor's push on the forecast (SHAP values, log-odds); the base value and "
            f"the bars add up to the forecast ({b.snapshot.score:.1%}).")


def chart_images(charts: tuple[PackChart, ...]) -> dict[str, bytes]:
    """PNG bytes of each chart, exported with its header and footer."""
    return {chart.key: export_figure(chart.figure, chart.meta, "png") for chart in charts}


def _chart(b: Briefing, key: str, figure: go.Figure, subtitle: str) -> PackChart:
    title = figure.layout.title.text or key
    return PackChart(key, figure, ChartMeta(title=title, subtitle=subtitle,
                                            provenance=of_scores(b.method.label, b.sources, b.is_demo),
                                            marking=b.marking, generated_at=b.generated_at))
