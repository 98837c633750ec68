"""A chart's text alternative, read from the figure itself: a one-line summary and its data as a table."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

MAX_NAMED = 6  # a summary names at most this many series, then says how many more
TAG = re.compile(r"<[^>]+>")


def chart_table(figure: go.Figure) -> pd.DataFrame:
    """Every plotted value, one row per point, with the series it belongs to; decorative traces are left out."""
    frames = [frame.assign(Series=_plain(trace.name or "")) for trace in figure.data
              if not (frame := _trace_frame(figure, trace)).empty]
    if not frames:
        return pd.DataFrame()
    table = pd.concat(frames, ignore_index=True)
    named = table["Series"].ne("").any()
    return table[["Series", *[c for c in table.columns if c != "Series"]]] if named else table.drop(columns="Series")


def chart_summary(figure: go.Figure, table: pd.DataFrame) -> str:
    """What the chart shows in a sentence a screen reader can speak: kind, title, series and span."""
    title = _plain(figure.layout.title.text or "") or "untitled"
    kind = "Map" if any(t.type in {"choroplethmap", "scattermap", "choropleth", "scattergeo"} for t in figure.data) \
        else "Chart"
    if table.empty:
        return f"{kind}: {title}. It holds no data points."
    parts = [f"{kind}: {title}. {len(table)} data points"]
    if "Series" in table.columns:
        counts = table["Series"].value_counts(sort=False)
        named = ", ".join(name if str(name).endswith(f"({count})") else f"{name} ({count})"  # a legend may count
                          for name, count in list(counts.items())[:MAX_NAMED])
        more = f" and {len(counts) - MAX_NAMED} more" if len(counts) > MAX_NAMED else ""
        parts.append(f" in {len(counts)} series: {named}{more}")
    first = table.columns[1] if "Series" in table.columns else table.columns[0]
    if kind == "Chart" and len(table[first].dropna()) > 1:
        values = table[first].dropna()
        with contextlib.suppress(TypeError):  # mixed kinds of labels have no order
            parts.append(f"; {first} from {_text(values.min())} to {_text(values.max())}")
    return "".join(parts) + ". The table below holds every value."


def _trace_frame(figure: go.Figure, trace: go.BasicTraceType) -> pd.DataFrame:
    if trace.hoverinfo == "skip" or trace.visible is False:
        return pd.DataFrame()  # outlines, fills and invisible anchors carry no data of their own
    if trace.type in {"choroplethmap", "choropleth"}:
        columns = {"Code": trace.locations, "Place": _labels(trace.text), "Value": _varying(trace.z)}
    elif trace.type in {"scattermap", "scattergeo"}:
        columns = {"Place": _labels(trace.text), "Latitude": trace.lat, "Longitude": trace.lon}
    else:
        columns = {_axis_title(figure, trace, "x"): trace.x, _axis_title(figure, trace, "y"): trace.y,
                   "Label": _labels(trace.text)}
    present = {name: list(values) for name, values in columns.items() if _has_values(values)}
    if not present:
        return pd.DataFrame()
    frame = pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in present.items()})
    return frame.dropna(how="all")


def _axis_title(figure: go.Figure, trace: go.BasicTraceType, axis: str) -> str:
    anchor = getattr(trace, f"{axis}axis", None) or axis
    name = f"{axis}axis{anchor[1:]}"
    layout_axis = figure.layout[name] if name in figure.layout else None  # noqa: SIM401 (Layout has no .get)
    title = _plain(layout_axis.title.text or "") if layout_axis is not None else ""
    return title or axis.upper()


def _labels(text: object) -> list[str] | None:
    if text is None or isinstance(text, str):
        return None  # one text for every point is a style, not data
    return [_plain(str(value)) for value in text]


def _varying(values: object) -> Sequence | None:
    """Values that differ between points; a constant z only paints a shape one colour."""
    if values is None or len(set(map(str, values))) <= 1:
        return None
    return values


def _has_values(values: object) -> bool:
    return values is not None and not isinstance(values, str) and len(values) > 0 and \
        any(value is not None for value in values)


def _plain(text: str) -> str:
    return TAG.sub(" ", str(text)).replace("  ", " ").strip()


def _text(value: object) -> str:
    return f"{value:.3g}" if isinstance(value, float) else str(value)[:10] if hasattr(value, "year") else str(value)
