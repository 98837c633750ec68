"""The briefing pack opened with real parsers: pypdf for the PDF, python-pptx for the PPTX."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from r2p.exports.briefing import Briefing, gather_briefing
from r2p.exports.pack import Pack, build_pack, make_pack, pack_images
from r2p.exports.pack_pdf import pdf_pack
from r2p.exports.sections import ENGAGEMENT, INVITEES, REVIEWS, SNAPSHOT, SOURCES, cover_lines, pack_sections
from r2p.ops.build import initialise
from r2p.warehouse import Warehouse
from tests.exports.conftest import MARKING
from tests.helpers.data import FIXED_TODAY

SINCE = date(2023, 6, 1)
HEADINGS = [SNAPSHOT, f"What changed since {SINCE}", ENGAGEMENT, INVITEES, REVIEWS, SOURCES]
LINK = "http://localhost:8501/meeting-prep?country=SDN&since=2023-06-01"


@pytest.fixture(scope="module")
def sudan(briefed: Warehouse) -> Briefing:
    return gather_briefing(briefed, "SDN", SINCE, "composite-1", FIXED_TODAY, MARKING)


@pytest.fixture(scope="module")
def sudan_packs(sudan: Briefing, warm_renderer: None) -> dict[str, Pack]:
    images = pack_images(sudan)  # exported once, laid out twice
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


def test_the_pdf_states_the_facts_with_the_marking_and_demo_on_every_page(sudan: Briefing,
                                                                           sudan_packs: dict[str, Pack]) -> None:
    pack = sudan_packs["pdf"]
    assert pack.data.startswith(b"%PDF") and pack.filename == "r2p-briefing-sdn-2026-11-23-DEMO.pdf"
    pages = _pdf_pages(pack.data)
    assert len(pages) >= 7  # cover + six sections
    assert all(page.count(MARKING) >= 2 and "DEMO" in page for page in pages)  # top and bottom of each page
    text = "\n".join(pages)
    assert "Sudan (SDN)" in pages[0] and LINK in pages[0]
    assert f"Model tier (composite-1, {sudan.snapshot.period}): {sudan.snapshot.model_tier}" in text
    assert "Assessed tier (analyst): High" in text and "B. Analyst" in text
    for heading in HEADINGS:
        assert heading in text, heading
    assert "→" in text  # the tier move, printed with the Unicode font
    assert "Security Council Committee established pursuant to resolution 1591" in text.replace("\n", " ")
    assert "Deferred from review" in text.replace("\n", " ")  # the open review, a decision still needed
    assert "R2P Watch demo data" in text


def test_the_pptx_has_a_title_slide_and_a_slide_per_section_with_the_same_facts(
        sudan: Briefing, sudan_packs: dict[str, Pack]) -> None:
    slides = _slides(sudan_packs["pptx"].data)
    titles = [title for title, _ in slides]
    assert titles[0] == "Briefing pack: Sudan (SDN)"
    assert [t for t in titles[1:] if not t.endswith("(continued)")] == HEADINGS
    assert all(text.count(MARKING) >= 2 and "DEMO" in text for _, text in slides)
    by_title = dict(slides)
    snapshot = by_title[SNAPSHOT]
    assert f"Model tier (composite-1, {sudan.snapshot.period}): {sudan.snapshot.model_tier}" in snapshot
    assert "Assessed tier (analyst): High" in snapshot
    assert "UNISFA" in by_title[ENGAGEMENT]
    assert "Deferred from review" in by_title[REVIEWS]
    deck = Presentation(io.BytesIO(sudan_packs["pptx"].data))
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 3  # tier history, what makes up the score, the engagement network


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
    text = "\n".join(_pdf_pages(pack.data))
    assert "DEMO" not in text and pack.filename == "r2p-briefing-sdn-2026-11-23.pdf"
    assert "Model tier (composite-1, no scored year): not scored" in text
    slides = _slides(make_pack(empty, "SDN", "pptx", SINCE, None, FIXED_TODAY).data)
    assert all("DEMO" not in text for _, text in slides)


def test_the_pack_is_the_same_briefing_in_both_formats(sudan: Briefing, sudan_packs: dict[str, Pack]) -> None:
    pdf_text = " ".join(_pdf_pages(sudan_packs["pdf"].data)).replace("\n", " ")
    slides_text = " ".join(text for _, text in _slides(sudan_packs["pptx"].data)).replace("\n", " ")
    for name in sudan.invitees["name"]:
        assert name in slides_text and name in pdf_text, name
