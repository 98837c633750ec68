"""Charts and tables drawn with their export buttons, carrying the provenance every export must show."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from r2p.ui.downloads import show_chart, table_downloads


@dataclass(frozen=True)
class About:
    """What an exported chart or table says about itself: sources, as-of, tier method, DEMO."""

    sources: str
    as_of: object = None
    method_version: str = ""
    is_demo: bool = False


def scores_about(method_label: str, sources: pd.DataFrame, is_demo: bool) -> About:
    """Provenance of a tier figure or table: the method version and every source it scores from."""
    return About(f"{method_label} scores from " + ", ".join(sources["name"]), sources["as_of"].max(), method_label,
                 is_demo)


def plot(figure: go.Figure, key: str, about: About) -> None:
    """The on-screen chart, and PNG/SVG/PDF of the same figure rendered on the server."""
    show_chart(figure, key, sources=about.sources, as_of=about.as_of, method_version=about.method_version,
               is_demo=about.is_demo)


def table_exports(frame: pd.DataFrame, key: str, title: str, about: About,
                  filters: Mapping[str, object] | None = None) -> None:
    """CSV and XLSX of exactly the rows and columns shown."""
    table_downloads(frame, key, title=title, sources=about.sources, as_of=about.as_of,
                    method_version=about.method_version, filters=filters, is_demo=about.is_demo)
