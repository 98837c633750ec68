"""Chart export: the on-screen figure rendered inside a frame carrying title, provenance, DEMO and the marking."""

from __future__ import annotations

import base64
import html
import textwrap
from dataclasses import dataclass, field
from datetime import datetime

import plotly.graph_objects as go
import plotly.io as pio

from r2p.config import setting
from r2p.exports import renderer
from r2p.exports.labels import DEMO_NOTE, format_as_of, stamp
from r2p.figures.maps import fit_world
from r2p.provenance import Provenance

FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
WIDTH = 1100  # px: a full A4-landscape or 16:9 slide width at print resolution with PNG_SCALE
DEFAULT_HEIGHT = 450
PNG_SCALE = 2
TITLE_ROOM = 30  # px of the figure's top margin its own title used; the frame prints the title instead
MIN_TOP = 20
DEMO_COLOUR = "#b2182b"
TEXT_COLOUR = "#222222"
MUTED_COLOUR = "#555555"
# (font size, line height) in px of each band of the frame
MARKING, TITLE, SUBTITLE, FOOTER = (12, 22), (18, 24), (13, 18), (11, 15)
PAD = 8
GEO_TRACES = frozenset({"choropleth", "scattergeo"})


@dataclass(frozen=True)
class ChartMeta:
    """What every exported chart states besides the chart itself."""

    title: str
    subtitle: str = ""
    provenance: Provenance = Provenance()
    marking: str = field(default_factory=lambda: setting("handling_marking"))
    generated_at: datetime | None = None


def export_figure(fig: go.Figure, meta: ChartMeta, fmt: str, width: int = WIDTH) -> bytes:
    """PNG, SVG or PDF bytes of the figure with its header and footer; the figure itself is left untouched."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}; one of {', '.join(FORMATS)}")
    topojson = _offline_topojson(fig)
    content = chart_content(fit_world(fig, width))
    height = int(content.layout.height or DEFAULT_HEIGHT)
    scale = PNG_SCALE if fmt == "png" else 1
    # NOTE: the chart is rendered first and placed as an image in a frame figure. plotly.js cannot anchor an
    # annotation to the figure's edge (only to the plot area, whose margins legends and tick labels push by
    # amounts unknown here), so a footer added to the figure itself lands on legends. SVG inside SVG/PDF
    # stays vector.
    inner_format = "png" if fmt == "png" else "svg"
    inner = renderer.render(content.to_dict(), inner_format, width, height, scale, topojson)
    frame = framed_figure(inner, inner_format, meta, width, height)
    return renderer.render(frame.to_dict(), fmt, width, int(frame.layout.height), scale)


def _offline_topojson(fig: go.Figure) -> str | None:
    """Where a plotly geo map finds its outlines: only local files (`pio.defaults.topojson = "file:///…/"`).

    Our maps are MapLibre choropleths (r2p.figures.maps), which need none. A geo trace would make plotly.js fetch
    its outlines from cdn.plot.ly, which offline means a blank map after a long wait; it is refused instead."""
    if not any(trace.type in GEO_TRACES for trace in fig.data):
        return None
    local = pio.defaults.topojson
    if isinstance(local, str) and local.startswith("file://"):
        return local
    raise ValueError("This chart is a plotly geo map, whose country outlines come from a CDN. Draw it with "
                     "go.Choroplethmap (r2p.figures.maps), or set plotly.io.defaults.topojson to local files.")


def chart_content(fig: go.Figure) -> go.Figure:
    """A copy of the figure without its title (the frame prints it), the title's room given back, and room
    made for tick labels."""
    # NOTE: go.Figure(fig.to_dict()), not go.Figure(fig): copying a figure object re-inserts keys of the
    # original's trace dicts (same content, new order), and the on-screen figure must stay exactly as it was.
    content = go.Figure(fig.to_dict())
    top = content.layout.margin.t
    content.update_layout(title=None, margin_t=max(MIN_TOP, (80 if top is None else top) - TITLE_ROOM))
    # Streamlit's chart theme makes room for long tick labels on screen; a static image must ask for it.
    content.update_xaxes(automargin=True)
    content.update_yaxes(automargin=True)
    return content


def framed_figure(image: bytes, image_format: str, meta: ChartMeta, width: int, height: int) -> go.Figure:
    """A figure of exactly the chart's size plus a header and footer band, the chart placed as an image.

    Header: the marking (centred), the title, the subtitle. Footer: DEMO, the provenance line, the marking."""
    header = _lines(meta.marking, MARKING, width, bold=True, centre=True) + _lines(meta.title, TITLE, width, bold=True)
    header += _lines(meta.subtitle, SUBTITLE, width, colour=MUTED_COLOUR)
    footer = _lines(DEMO_NOTE, FOOTER, width, colour=DEMO_COLOUR) if meta.provenance.is_demo else []
    footer += _lines(provenance_line(meta), FOOTER, width, colour=MUTED_COLOUR)
    footer += _lines(meta.marking, MARKING, width, bold=True, centre=True)
    top = sum(line.height for line in header) + PAD
    total = top + height + PAD + sum(line.height for line in footer)
    annotations = _place(header, 0, total, width) + _place(footer, top + height + PAD, total, width)
    if meta.provenance.is_demo:
        annotations.append(_watermark(top, height, width, total))
    mime = "image/png" if image_format == "png" else "image/svg+xml"
    frame = go.Figure()
    frame.update_layout(
        width=width, height=total, margin={"l": 0, "r": 0, "t": 0, "b": 0}, showlegend=False,
        paper_bgcolor="#ffffff", plot_bgcolor="#ffffff", xaxis={"visible": False}, yaxis={"visible": False},
        images=[{"source": f"data:{mime};base64,{base64.b64encode(image).decode('ascii')}", "xref": "paper",
                 "yref": "paper", "x": 0, "y": 1 - top / total, "sizex": 1, "sizey": height / total,
                 "xanchor": "left", "yanchor": "top", "sizing": "stretch", "layer": "below"}],
        annotations=annotations,
    )
    return frame


def provenance_line(meta: ChartMeta) -> str:
    """Source · data as of · tier method · exported."""
    about = meta.provenance
    parts = [f"Source: {about.sources or 'not stated'}", f"data as of {format_as_of(about.as_of)}"]
    parts += [f"tier method {about.method_version}"] if about.method_version else []
    parts += [f"exported {stamp(meta.generated_at)} from R2P Watch"]
    return " · ".join(parts)


@dataclass(frozen=True)
class _Line:
    markup: str
    height: int
    size: int
    colour: str
    centre: bool


def _lines(text: str, style: tuple[int, int], width: int, bold: bool = False, colour: str = TEXT_COLOUR,
           centre: bool = False) -> list[_Line]:
    """The text wrapped to the width, escaped for plotly's HTML-like labels; nothing for empty text."""
    size, line_height = style
    chars = max(20, int((width - 2 * PAD) / (size * 0.55)))
    wrapped = textwrap.wrap(text, chars) if text.strip() else []
    return [_Line(f"<b>{html.escape(line, quote=False)}</b>" if bold else html.escape(line, quote=False),
                  line_height, size, colour, centre) for line in wrapped]


def _place(lines: list[_Line], from_top: int, total: int, width: int) -> list[dict]:
    """Annotations for lines stacked downwards from `from_top` px (paper = the whole frame: no margins)."""
    placed, offset = [], from_top
    for line in lines:
        placed.append({"text": line.markup, "xref": "paper", "yref": "paper", "showarrow": False,
                       "x": 0.5 if line.centre else PAD / width, "xanchor": "center" if line.centre else "left",
                       "y": 1 - (offset + line.height / 2) / total, "yanchor": "middle",
                       "font": {"size": line.size, "color": line.colour}})
        offset += line.height
    return placed


def _watermark(top: int, height: int, width: int, total: int) -> dict:
    return {"text": "DEMO", "xref": "paper", "yref": "paper", "x": 0.5, "y": 1 - (top + height / 2) / total,
            "showarrow": False, "textangle": -30, "font": {"size": int(min(width, height) / 3.5),
                                                          "color": "rgba(178, 24, 43, 0.14)"}}
