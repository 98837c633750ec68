"""The briefing pack in one call: gather the facts, export the charts, lay them out as PDF or PPTX."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from time import perf_counter

from r2p.exports.briefing import Briefing, gather_briefing
from r2p.exports.files import filename
from r2p.exports.pack_figures import briefing_charts, chart_images
from r2p.exports.pack_pdf import pdf_pack
from r2p.exports.pack_pptx import pptx_pack
from r2p.exports.sections import cover_lines, pack_sections
from r2p.warehouse.store import Warehouse

PACK_FORMATS: tuple[str, ...] = ("pdf", "pptx")


@dataclass(frozen=True)
class Pack:
    """A built pack: its bytes, the name to save it under, and how long the charts and the whole build took."""

    data: bytes
    filename: str
    fmt: str
    chart_seconds: float
    seconds: float


def pack_filename(briefing: Briefing, fmt: str) -> str:
    """e.g. `r2p-briefing-sdn-2026-11-23-DEMO.pdf`."""
    return filename(f"r2p-briefing-{briefing.iso3}-{briefing.today}", fmt, briefing.is_demo)


def build_pack(briefing: Briefing, fmt: str, link: str | None = None, images: dict[str, bytes] | None = None) -> Pack:
    """The pack of a gathered briefing; `link` (the page's permalink) is printed on the cover when given.
    `images` (key -> PNG, from `pack_images`) lets two formats share one chart export."""
    if fmt not in PACK_FORMATS:
        raise ValueError(f"unknown pack format {fmt!r}; one of {', '.join(PACK_FORMATS)}")
    started = perf_counter()
    images = pack_images(briefing) if images is None else images
    chart_seconds = perf_counter() - started
    cover = cover_lines(briefing, link)
    sections = pack_sections(briefing, tuple(images))
    if fmt == "pdf":
        running = f"R2P Watch briefing: {briefing.title} · {briefing.today}"
        data = pdf_pack(briefing.title, cover, sections, images, briefing.marking, briefing.is_demo, running)
    else:  # NOTE: short, so it fits beside the bottom marking at 14 pt whatever the country's name
        running = f"R2P Watch · {briefing.iso3} · {briefing.today}"
        data = pptx_pack(briefing.title, cover, sections, images, briefing.marking, briefing.is_demo, running)
    return Pack(data, pack_filename(briefing, fmt), fmt, chart_seconds, perf_counter() - started)


def pack_images(briefing: Briefing) -> dict[str, bytes]:
    """The pack's charts exported as PNG with their title and provenance, no marking (the slow part: about 1 s
    each, warm)."""
    return chart_images(briefing_charts(briefing))


def make_pack(warehouse: Warehouse, iso3: str, fmt: str, since: date | None = None, method_name: str | None = None,
              today: date | None = None, link: str | None = None) -> Pack:
    """Gather and build in one go (the CLI, and the page's download button); `seconds` covers both."""
    started = perf_counter()
    briefing = gather_briefing(warehouse, iso3, since, method_name, today)
    pack = build_pack(briefing, fmt, link)
    return Pack(pack.data, pack.filename, fmt, pack.chart_seconds, perf_counter() - started)
