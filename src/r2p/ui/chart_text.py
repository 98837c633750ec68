"""A chart's text alternative, read from the figure itself: a one-line summary and its data as a table."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

MAX_NAMED = 6  # a summary names at most this many series, then says how many more
TAG = re.compile(r"<[^>]+>")
MAP_TRACES = frozenset({"choroplethmap", "scattermap", "choropleth", "scattergeo"})


def chart_table(figure: go.Figure) -> pd.DataFrame:
    """Every plotted value, one row per point, with the series it belongs to; decorative traces are left out.
    A map trace holding several series (one trace per tier cost the browser too much) names each point's series
    in customdata, one text per point (its z then only picks the series' colour); the rows are then listed in the
    order of the traces named after those series (the legend's entries), as one trace per series listed them."""
    frames = [frame if "Series" in frame.columns else frame.assign(Series=_plain(trace.name or ""))
              for trace in figure.data if not (frame := _trace_frame(figure, trace)).empty]
    if not frames:
        return pd.DataFrame()
    table = pd.concat(frames, ignore_index=True).astype({"Series": str})
    if any(_point_series(trace) for trace in figure.data):
        order = {name: place for place, name in enumerate(_plain(t.name or "") for t in figure.data
                                                          if not _point_series(t))}
        table = table.sort_values("Series", key=lambda names: names.map(order).fillna(len(order)), kind="stable",
                                  ignore_index=True)
    named = table["Series"].ne("").any()
    return table[["Series", *[c for c in table.columns if c != "Series"]]] if named else table.drop(columns="Series")


def chart_summary(figure: go.Figure, table: pd.DataFrame) -> str:
    """What the chart shows in a sentence a screen reader can speak: kind, title, series and span."""
    title = _plain(figure.layout.title.text or "") or "untitled"
    kind = "Map" if any(t.type in MAP_TRACES for t in figure.data) else "Chart"
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
        value = None if _point_series(trace) else _varying(trace.z)
        columns = {"Code": trace.locations, "Place": _labels(trace.text), "Value": value,
                   "Series": _point_series(trace)}
    elif trace.type in {"scattermap", "scattergeo"}:
        columns = {"Place": _labels(trace.text), "Latitude": trace.lat, "Longitude": trace.lon,
                   "Series": _point_series(trace)}
    else:
        columns = {_axis_title(figure, trace, "x"): trace.x, _axis_title(figure, trace, "y"): trace.y,
                   "Label": _labels(trace.text)}
    present = {name: list(values) for name, values in columns.items() if _has_values(values)}
    if not present:
        return pd.DataFrame()
    frame = pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in present.items()})
    return frame.dropna(how="all")


def _point_series(trace: go.BasicTraceType) -> list[str] | None:
    """The series of each point of a map trace that names them in customdata (one text per point), else None."""
    series = getattr(trace, "customdata", None)
    if trace.type not in MAP_TRACES or series is None or not all(isinstance(name, str) for name in series):
        return None
    return [_plain(name) for name in series] or None


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
