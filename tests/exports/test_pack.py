"""The briefing pack opened with real parsers: pypdf for the PDF, python-pptx for the PPTX. The words, their
order, the marking once at the top and once at the bottom of each page, and the PPTX readable when projected."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.enum.text import MSO_AUTO_SIZE
from pypdf import PdfReader

from r2p.exports import pack_pptx
from r2p.exports.briefing import Briefing, gather_briefing
from r2p.exports.charts import framed_figure
from r2p.exports.pack import Pack, build_pack, make_pack, pack_images
from r2p.exports.pack_figures import briefing_charts
from r2p.exports.pack_pdf import laid_out, pdf_pack
from r2p.exports.sections import HEADINGS, cover_lines, pack_sections
from r2p.ops.build import initialise
from r2p.warehouse import Warehouse
from tests.exports.conftest import MARKING
from tests.helpers.data import FIXED_TODAY

SINCE = date(2023, 6, 1)
LINK = "http://localhost:8501/meeting-prep?country=SDN&since=2023-06-01"
A_THIRD = 1 / 3


@pytest.fixture(scope="module")
def sudan(briefed: Warehouse) -> Briefing:
    return gather_briefing(briefed, "SDN", SINCE, "composite-1", FIXED_TODAY, MARKING)


@pytest.fixture(scope="module")
def images(sudan: Briefing, warm_renderer: None) -> dict[str, bytes]:
    return pack_images(sudan)  # exported once, laid out twice


@pytest.fixture(scope="module")
def sudan_packs(sudan: Briefing, images: dict[str, bytes]) -> dict[str, Pack]:
    return {fmt: build_pack(sudan, fmt, LINK, images) for fmt in ("pdf", "pptx")}


def _pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _slides(data: bytes) -> list[tuple[str, str]]:
    """(title, every text on the slide) per slide."""
    deck = Presentation(io.BytesIO(data))
    return [(slide.shapes.title.text, "\n".join(_texts(slide))) for slide in deck.slides]


def _texts(slide: object) -> list[str]:
    texts = []
    for shape in slide.shapes:  # type: ignore[attr-defined]
        if shape.has_text_frame:
            texts.append(shape.text_frame.text)
        if shape.has_table:
            texts += [cell.text for row in shape.table.rows for cell in row.cells]
    return texts


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _in_order(text: str, headings: list[str]) -> bool:
    """Each heading found after the one before it."""
    position = 0
    for heading in headings:
        position = text.find(heading, position)
        if position < 0:
            return False
        position += len(heading)
    return True


def _headings(briefing: Briefing) -> list[str]:
    return [f"{h} since {briefing.since}" if h == "What changed" else h for h in HEADINGS]


def test_page_1_is_the_bottom_line_and_the_sections_follow_in_order(sudan: Briefing,
                                                                    sudan_packs: dict[str, Pack]) -> None:
    pack = sudan_packs["pdf"]
    assert pack.data.startswith(b"%PDF") and pack.filename == "r2p-briefing-sdn-2026-11-23-DEMO.pdf"
    pages = [_flat(page) for page in _pdf_pages(pack.data)]
    first = pages[0]
    assert "Briefing pack: Sudan (SDN)" in first and "Bottom line" in first and LINK in first
    assert _in_order(first, ["Risk tier", "Key judgements", "What changed", "Next decision points",
                             "Who should be in the room"])
    assert f"By the model: {sudan.snapshot.model_tier} — " in first and "method version composite-1" in first
    assert "By the analyst: High" in first and "B. Analyst" in first
    assert sudan.invitees["name"].iloc[0] in first
    assert "What changed since" not in first  # the section proper starts on page 2
    assert _in_order(" ".join(pages), _headings(sudan))


def test_every_pdf_page_has_the_marking_once_at_the_top_and_once_at_the_bottom(
        sudan_packs: dict[str, Pack]) -> None:
    for number, page in enumerate(_pdf_pages(sudan_packs["pdf"].data), start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert page.count(MARKING) == 2, (number, page.count(MARKING))
        assert MARKING in lines[0] and "DEMO" in lines[0], number  # the header: marking, DEMO
        assert lines[-1].endswith(MARKING), number  # the footer ends with it


def test_the_footers_marking_has_a_line_of_its_own_below_the_running_title(sudan_packs: dict[str, Pack]) -> None:
    for number, page in enumerate(PdfReader(io.BytesIO(sudan_packs["pdf"].data)).pages, start=1):
        heights: dict[str, list[float]] = {"title": [], "marking": []}

        def seen(text: str, _cm: object, matrix: list[float], *_: object, heights: dict = heights) -> None:
            kind = "marking" if text.strip() == MARKING else "title" if "R2P Watch briefing" in text else None
            if kind:
                heights[kind].append(matrix[5])  # the baseline, up from the page's foot

        page.extract_text(visitor_text=seen)
        footer_marking = min(heights["marking"])
        assert heights["title"] and footer_marking < min(heights["title"]) - 8, (number, heights)  # 8 pt: a line


def test_no_pdf_page_is_less_than_a_third_full(sudan: Briefing, images: dict[str, bytes]) -> None:
    _, fills = laid_out(sudan.title, cover_lines(sudan), pack_sections(sudan, tuple(images)), images, MARKING,
                        True, "running")
    assert len(fills) >= 4 and min(fills) >= A_THIRD, [round(f, 2) for f in fills]


def test_the_charts_carry_no_marking_of_their_own(sudan: Briefing, images: dict[str, bytes]) -> None:
    charts = briefing_charts(sudan)
    assert {"casualty_trend", "event_map", "tier_history", "contributions", "engagement"} == {c.key for c in charts}
    assert set(images) == {chart.key for chart in charts}
    for chart in charts:
        frame = framed_figure(b"", "png", chart.meta, 1100, int(chart.figure.layout.height))
        texts = [a.text for a in frame.layout.annotations] + [a.text or "" for a in chart.figure.layout.annotations]
        texts.append(chart.figure.layout.title.text or "")
        assert not any(MARKING in text or "UNCLASSIFIED" in text for text in texts), chart.key
        assert any("DEMO" in text for text in texts), chart.key  # the DEMO label stays
        assert any("Source:" in text for text in texts), chart.key  # and so does the provenance


def test_the_pptx_carries_the_same_sections_in_order_with_one_marking_top_and_bottom(
        sudan: Briefing, sudan_packs: dict[str, Pack]) -> None:
    slides = _slides(sudan_packs["pptx"].data)
    assert slides[0][0] == "Sudan (SDN): Bottom line"
    assert _in_order(_flat(" ".join(f"{title} {text}" for title, text in slides)), _headings(sudan))
    deck = Presentation(io.BytesIO(sudan_packs["pptx"].data))
    for slide in deck.slides:
        marked = [shape for shape in slide.shapes if shape.has_text_frame and MARKING in shape.text_frame.text]
        assert len(marked) == 2 and all(shape.text_frame.text == MARKING for shape in marked)
        tops = sorted(shape.top for shape in marked)
        assert tops[0] < pack_pptx.Inches(0.3) and tops[1] > pack_pptx.HEIGHT - pack_pptx.Inches(0.6)
        assert "DEMO" in "\n".join(_texts(slide))


def test_pptx_text_is_never_below_14_pt_nor_shrunk_to_fit(sudan_packs: dict[str, Pack]) -> None:
    deck = Presentation(io.BytesIO(sudan_packs["pptx"].data))
    frames = []
    for slide in deck.slides:
        for shape in slide.shapes:
            frames += [shape.text_frame] if shape.has_text_frame else []
            frames += [cell.text_frame for row in shape.table.rows for cell in row.cells] if shape.has_table else []
    runs = [run for frame in frames for paragraph in frame.paragraphs for run in paragraph.runs]
    assert len(runs) > 100
    assert all(run.font.size is not None and run.font.size.pt >= 14 for run in runs), \
        sorted({run.font.size.pt for run in runs if run.font.size is not None})
    assert not any(frame.auto_size == MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE for frame in frames)
    assert b"normAutofit" not in b"".join(slide.part.blob for slide in deck.slides)


def test_pptx_charts_fill_the_slide(sudan_packs: dict[str, Pack]) -> None:
    deck = Presentation(io.BytesIO(sudan_packs["pptx"].data))
    free = pack_pptx.BODY_WIDTH * pack_pptx.BODY_HEIGHT  # between the title and the bottom marking, within margins
    pictures = [shape for slide in deck.slides for shape in slide.shapes
                if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 5
    for picture in pictures:
        assert picture.width * picture.height >= 0.8 * free, picture.width * picture.height / free
        assert picture.top >= pack_pptx.BODY_TOP and picture.top + picture.height <= pack_pptx.BODY_BOTTOM


def test_the_pack_is_the_same_briefing_in_both_formats(sudan: Briefing, sudan_packs: dict[str, Pack]) -> None:
    pdf_text = _flat(" ".join(_pdf_pages(sudan_packs["pdf"].data)))
    slides_text = _flat(" ".join(text for _, text in _slides(sudan_packs["pptx"].data)))
    for name in sudan.invitees["name"]:
        assert name in slides_text and name in pdf_text, name
    for line in pack_sections(sudan, ())[1].lines:  # what changed, word for word
        assert _flat(line) in slides_text and _flat(line) in pdf_text, line


def test_the_pdf_prints_names_outside_latin_1(briefed: Warehouse, warm_renderer: None) -> None:
    pack = make_pack(briefed, "CIV", "pdf", SINCE, None, FIXED_TODAY)
    text = "\n".join(_pdf_pages(pack.data))
    assert "Côte d'Ivoire (CIV)" in text and "UNCLASSIFIED" in text


def test_without_a_unicode_font_the_pdf_falls_back_to_helvetica(sudan: Briefing) -> None:
    sections = pack_sections(sudan)  # no charts: this is about the text
    data = pdf_pack("Côte d'Ivoire (CIV)", cover_lines(sudan), sections, {}, MARKING, True, "running",
                    core_font_only=True)
    text = "\n".join(_pdf_pages(data))
    assert "Côte d'Ivoire (CIV)" in text and "->" in text and "→" not in text


def test_a_warehouse_without_demo_or_scores_still_gives_a_pack_with_no_demo_label(
        template_warehouse: Path, tmp_path: Path, warm_renderer: None) -> None:
    path = tmp_path / "r2p.duckdb"
    path.write_bytes(template_warehouse.read_bytes())
    empty = Warehouse(str(path))
    initialise(empty, want_demo=False, today=FIXED_TODAY)
    pack = make_pack(empty, "SDN", "pdf", SINCE, None, FIXED_TODAY)
    text = _flat("\n".join(_pdf_pages(pack.data)))
    assert "DEMO" not in text and pack.filename == "r2p-briefing-sdn-2026-11-23.pdf"
    assert "By the model: not scored" in text and "the model has not scored Sudan" in text
    slides = _slides(make_pack(empty, "SDN", "pptx", SINCE, None, FIXED_TODAY).data)
    assert all("DEMO" not in text for _, text in slides)
