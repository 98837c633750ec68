"""The briefing pack as a 16:9 PPTX (python-pptx): a title slide and a slide per section, marking top and bottom."""

from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO

from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from r2p.exports.sections import Section, Table

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
BODY_TOP = Inches(1.35)
BODY_BOTTOM = Inches(6.95)
ROWS_PER_SLIDE = 8
TITLE_ONLY, TITLE_SLIDE = 5, 0
DEMO_RED = RGBColor(0xB2, 0x18, 0x2B)
GREY = RGBColor(0x59, 0x59, 0x59)


def pptx_pack(title: str, cover: tuple[str, ...], sections: tuple[Section, ...], images: Mapping[str, bytes],
              marking: str, is_demo: bool, running: str) -> bytes:
    """The pack's bytes: title slide, then each section (a continuation slide when a table runs long)."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    _title_slide(deck, title, cover, marking, is_demo, running)
    for section in sections:
        _section_slides(deck, section, images, marking, is_demo, running)
    buffer = BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _title_slide(deck: Presentation, title: str, cover: tuple[str, ...], marking: str, is_demo: bool,
                 running: str) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_SLIDE])
    slide.shapes.title.text = f"Briefing pack: {title}"
    _place(slide.shapes.title, MARGIN, Inches(1.3), WIDTH - 2 * MARGIN, Inches(1.4))
    body = slide.placeholders[1]
    _place(body, MARGIN, Inches(2.9), WIDTH - 2 * MARGIN, Inches(3.8))
    _lines(body.text_frame, cover, size=18, align=PP_ALIGN.LEFT)
    _furniture(slide, marking, is_demo, running, 1)


def _section_slides(deck: Presentation, section: Section, images: Mapping[str, bytes], marking: str,
                    is_demo: bool, running: str) -> None:
    slide = _slide(deck, section.heading, marking, is_demo, running)
    charts = [images[key] for key in section.charts if key in images]
    if charts:
        split = Inches(4.9)
        _text(slide, section.lines, MARGIN, BODY_TOP, split - MARGIN - Inches(0.2), BODY_BOTTOM - BODY_TOP)
        _pictures(slide, charts, split, BODY_TOP, WIDTH - split - MARGIN, BODY_BOTTOM - BODY_TOP)
        pending, top = list(section.tables), None
    else:
        text_height = min(Inches(2.4), Inches(0.36) * max(1, len(section.lines)))
        _text(slide, section.lines, MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, text_height)
        pending, top = list(section.tables), BODY_TOP + text_height + Inches(0.15)
    for table in pending:
        for start in range(0, max(1, len(table.rows)), ROWS_PER_SLIDE):
            if top is None:
                slide = _slide(deck, f"{section.heading} (continued)", marking, is_demo, running)
                top = BODY_TOP
            _table(slide, table, table.rows[start:start + ROWS_PER_SLIDE], top)
            top = None


def _slide(deck: Presentation, heading: str, marking: str, is_demo: bool, running: str) -> Slide:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    slide.shapes.title.text = heading
    _place(slide.shapes.title, MARGIN, Inches(0.45), WIDTH - 2 * MARGIN, Inches(0.8))
    for paragraph in slide.shapes.title.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(28), True
    _furniture(slide, marking, is_demo, running, len(deck.slides))
    return slide


def _furniture(slide: Slide, marking: str, is_demo: bool, running: str, number: int) -> None:
    """The marking centred at the top and the bottom, DEMO top right, the running title and slide number."""
    for top in (Inches(0.05), HEIGHT - Inches(0.4)):
        _box(slide, marking, 0, top, WIDTH, Inches(0.35), size=12, bold=True, align=PP_ALIGN.CENTER)
    if is_demo:
        _box(slide, "DEMO — synthetic data", WIDTH - Inches(4.1), Inches(0.05), Inches(3.9), Inches(0.35),
             size=12, bold=True, align=PP_ALIGN.RIGHT, colour=DEMO_RED)
    _box(slide, running, MARGIN, HEIGHT - Inches(0.4), Inches(5.5), Inches(0.35), size=9, colour=GREY)
    _box(slide, str(number), WIDTH - Inches(1.5), HEIGHT - Inches(0.4), Inches(1.0), Inches(0.35), size=9,
         colour=GREY, align=PP_ALIGN.RIGHT)


def _text(slide: Slide, lines: tuple[str, ...], left: int, top: int, width: int, height: int) -> None:
    if not lines:
        return
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    characters = sum(len(line) for line in lines)
    _lines(frame, lines, size=16 if characters < 500 else 13 if characters < 1100 else 11)
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # PowerPoint and LibreOffice shrink what still overflows


def _lines(frame: object, lines: tuple[str, ...], size: int, align: PP_ALIGN = PP_ALIGN.LEFT) -> None:
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()  # type: ignore[attr-defined]
        paragraph.alignment = align
        paragraph.space_after = Pt(6)
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        if line.startswith("DEMO"):
            run.font.bold, run.font.color.rgb = True, DEMO_RED


def _pictures(slide: Slide, charts: list[bytes], left: int, top: int, width: int, height: int) -> None:
    """Charts stacked in the box, each as large as its share of the height allows, keeping its proportions."""
    slot = height // len(charts)
    for index, png in enumerate(charts):
        with Image.open(BytesIO(png)) as image:
            ratio = image.size[1] / image.size[0]
        shown_width = min(width, int(slot / ratio))
        slide.shapes.add_picture(BytesIO(png), left + (width - shown_width) // 2, top + index * slot,
                                 width=Emu(shown_width))


def _table(slide: Slide, table: Table, rows: tuple[tuple[str, ...], ...], top: int) -> None:
    width = WIDTH - 2 * MARGIN
    shape = slide.shapes.add_table(len(rows) + 1, len(table.columns), MARGIN, top, width,
                                   Inches(0.4) * (len(rows) + 1))
    grid = shape.table
    total = sum(table.widths)
    for index, share in enumerate(table.widths):
        grid.columns[index].width = Emu(int(width * share / total))
    size = 9 if len(table.columns) > 5 else 10
    for row_index, values in enumerate((table.columns, *rows)):
        for column_index, value in enumerate(values):
            cell = grid.cell(row_index, column_index)
            cell.text = value
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size, run.font.bold = Pt(size), row_index == 0


def _box(slide: Slide, text: str, left: int, top: int, width: int, height: int, size: int, bold: bool = False,
         align: PP_ALIGN = PP_ALIGN.LEFT, colour: RGBColor | None = None) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    paragraph = frame.paragraphs[0]
    paragraph.alignment = align
    run = paragraph.add_run()
    run.text = text
    run.font.size, run.font.bold = Pt(size), bold
    if colour is not None:
        run.font.color.rgb = colour


def _place(shape: object, left: int, top: int, width: int, height: int) -> None:
    shape.left, shape.top, shape.width, shape.height = left, top, width, height  # type: ignore[attr-defined]
