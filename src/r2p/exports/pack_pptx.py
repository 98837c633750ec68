"""The briefing pack as a 16:9 PPTX (python-pptx), readable when projected: every text at 14 pt or more and never
shrunk to fit, each chart on a slide of its own filling its body, short sections sharing a slide, and the marking
once at the top and once at the bottom of every slide."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from io import BytesIO

from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from r2p.exports.pack_text import Section, Subheading, Table

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
BODY_TOP, BODY_BOTTOM = Inches(1.3), Inches(6.95)  # the free area between the slide title and the bottom marking
BODY_WIDTH, BODY_HEIGHT = WIDTH - 2 * MARGIN, BODY_BOTTOM - BODY_TOP
TITLE_ONLY = 5
TEXT_PT, SUBHEADING_PT, HEADING_PT, TITLE_PT, TABLE_PT, FURNITURE_PT = 16, 18, 22, 26, 14, 14
MIN_PT = 14  # nothing smaller: the pack is projected
ROOM = BODY_HEIGHT / Inches(1)  # inches of body on a slide
TABLE_GAP = 0.1  # inches below a table
DEMO_RED = RGBColor(0xB2, 0x18, 0x2B)
GREY = RGBColor(0x59, 0x59, 0x59)


@dataclass(frozen=True)
class _Block:
    """One thing placed on a slide: a heading, a line, part of a table or a chart; `height` in inches."""

    kind: str  # heading, subheading, line, table, chart
    text: str = ""
    table: Table | None = None
    rows: tuple[tuple[str, ...], ...] = ()
    height: float = 0.0


def pptx_pack(title: str, cover: tuple[str, ...], sections: tuple[Section, ...], images: Mapping[str, bytes],
              marking: str, is_demo: bool, running: str) -> bytes:
    """The pack's bytes: the bottom line first, then the sections, filled slide by slide."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    first, *rest = sections
    opening = [_Block("line", line, height=_line_height(line, TEXT_PT)) for line in cover]
    _fill(deck, f"{title}: {first.heading}", [*opening, *_blocks(first, with_heading=False)], images, marking,
          is_demo, running)
    later = [block for section in rest for block in _blocks(section, with_heading=True)]
    _fill(deck, "", later, images, marking, is_demo, running)
    buffer = BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _blocks(section: Section, with_heading: bool) -> Iterator[_Block]:
    if with_heading:
        yield _Block("heading", section.heading, height=0.6)
    for line in section.lines:
        kind, size = ("subheading", SUBHEADING_PT) if isinstance(line, Subheading) else ("line", TEXT_PT)
        yield _Block(kind, line, height=_line_height(line, size))
    for table in section.tables:
        yield from _table_blocks(table)
    for key in section.charts:  # NOTE: after the tables, so a section's text and tables share slides
        yield _Block("chart", key, height=ROOM)


@dataclass
class _Page:
    title: str
    section: str  # the section the slide's last block belongs to
    blocks: list[_Block]

    @property
    def used(self) -> float:
        return sum(block.height for block in self.blocks)

    @property
    def is_chart(self) -> bool:
        return bool(self.blocks) and self.blocks[0].kind == "chart"


def _fill(deck: Presentation, first_title: str, blocks: list[_Block], images: Mapping[str, bytes], marking: str,
          is_demo: bool, running: str) -> None:
    for page in _balanced(_paginated(first_title, blocks)):
        _slide(deck, page.title, page.blocks, images, marking, is_demo, running)


def _paginated(first_title: str, blocks: list[_Block]) -> list[_Page]:
    """Blocks onto slides in order. A slide is titled by the section heading it starts with (else the section
    it continues); a heading never ends a slide; a chart gets a slide of its own."""
    pages = [_Page(first_title, first_title, [])]
    for index, block in enumerate(blocks):
        page = pages[-1]
        # a heading keeps with what follows it: the start of it, or the whole of a chart
        following = blocks[index + 1] if block.kind in ("heading", "subheading") and index + 1 < len(blocks) else None
        follower = 0.0 if following is None else following.height if following.kind == "chart" else \
            min(following.height, 1.0)
        full = page.used + block.height + follower > ROOM
        split = block.kind == "table" and page.blocks and page.blocks[-1].table is block.table  # one part a slide
        if page.blocks and (block.kind == "chart" or page.is_chart or full or split):
            continued = page.section if page.is_chart or block.kind == "chart" else f"{page.section} (continued)"
            page = _Page(continued, page.section, [])
            pages.append(page)
        if block.kind == "heading":
            page.section = block.text
            if not page.blocks:
                page.title = block.text  # the slide's title says it
                continue
        page.blocks.append(block)
    return [page for page in pages if page.blocks]


def _balanced(pages: list[_Page]) -> list[_Page]:
    """No text slide less than about a third full when the one before it can spare lines: blocks move down
    from the end of the slide before (a heading moving down becomes the slide's title)."""
    for before, after in zip(pages, pages[1:], strict=False):
        if before.is_chart or after.is_chart or after.title != f"{before.section} (continued)":
            continue  # only a section's own continuation takes its lines
        while after.used < ROOM / 3 and _can_spare(before, after):
            _move_down(before, after)
            while before.blocks[-1].kind == "subheading" and len(before.blocks) > 1:
                _move_down(before, after)  # a sub-heading never ends a slide
    return pages


def _can_spare(before: _Page, after: _Page) -> bool:
    last = before.blocks[-1]
    return last.kind != "table" and before.used - last.height > ROOM / 2 and after.used + last.height <= ROOM


def _move_down(before: _Page, after: _Page) -> None:
    moved = before.blocks.pop()
    if moved.kind == "heading":
        after.title = moved.text
    else:
        after.blocks.insert(0, moved)


def _slide(deck: Presentation, title: str, blocks: list[_Block], images: Mapping[str, bytes], marking: str,
           is_demo: bool, running: str) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    heading = slide.shapes.title
    heading.left, heading.top, heading.width, heading.height = MARGIN, Inches(0.45), BODY_WIDTH, Inches(0.8)
    _write(heading.text_frame, [(title, TITLE_PT, True, None)])
    _furniture(slide, marking, is_demo, running, len(deck.slides))
    if blocks[0].kind == "chart":
        _picture(slide, images[blocks[0].text])
        return
    top, pending = BODY_TOP, []
    for block in blocks:
        if block.kind == "table":
            top = _text(slide, pending, top)
            pending = []
            top = _table(slide, block, top) + Inches(TABLE_GAP)
        else:
            pending.append(block)
    _text(slide, pending, top)


def _text(slide: Slide, blocks: list[_Block], top: int) -> int:
    """The blocks as paragraphs of one text box from `top`; returns where the box ends."""
    if not blocks:
        return top
    height = Inches(sum(block.height for block in blocks))
    frame = slide.shapes.add_textbox(MARGIN, top, BODY_WIDTH, height).text_frame
    frame.word_wrap = True
    styles = {"heading": (HEADING_PT, True, None), "subheading": (SUBHEADING_PT, True, None)}
    _write(frame, [(block.text, *styles.get(block.kind, (TEXT_PT, False, DEMO_RED if block.text.startswith("DEMO")
                                                        else None))) for block in blocks])
    return top + height


def _write(frame: object, paragraphs: list[tuple[str, int, bool, RGBColor | None]],
           align: PP_ALIGN = PP_ALIGN.LEFT) -> None:
    """Each text as one paragraph of one run at its size; the frame never shrinks its text."""
    frame.auto_size = MSO_AUTO_SIZE.NONE  # type: ignore[attr-defined]
    for index, (text, size, bold, colour) in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()  # type: ignore[attr-defined]
        paragraph.alignment = align
        paragraph.space_after = Pt(4)
        run = paragraph.add_run()
        run.text = text
        run.font.size, run.font.bold = Pt(max(MIN_PT, size)), bold or (colour is not None)
        if colour is not None:
            run.font.color.rgb = colour


def _picture(slide: Slide, png: bytes) -> None:
    """The chart as large as the body allows, keeping its proportions, centred."""
    with Image.open(BytesIO(png)) as image:
        ratio = image.size[1] / image.size[0]
    width = min(BODY_WIDTH, int(BODY_HEIGHT / ratio))
    height = int(width * ratio)
    slide.shapes.add_picture(BytesIO(png), MARGIN + (BODY_WIDTH - width) // 2, BODY_TOP + (BODY_HEIGHT - height) // 2,
                             width=Emu(width), height=Emu(height))


def _table_blocks(table: Table) -> Iterator[_Block]:
    """The table in parts that each fit a slide's body (its caption and header repeated on each part)."""
    room = BODY_HEIGHT / Inches(1) - 0.5
    header = _row_height(table, table.columns) + (_line_height(table.caption, SUBHEADING_PT) if table.caption else 0)
    rows: list[tuple[str, ...]] = []
    used = header
    for row in table.rows:
        height = _row_height(table, row)
        if rows and used + height > room:
            yield _Block("table", table=table, rows=tuple(rows), height=used + TABLE_GAP)
            rows, used = [], header
        rows.append(row)
        used += height
    yield _Block("table", table=table, rows=tuple(rows), height=used + TABLE_GAP)


def _table(slide: Slide, block: _Block, top: int) -> int:
    table = block.table
    assert table is not None
    if table.caption:
        top = _text(slide, [_Block("subheading", table.caption, height=_line_height(table.caption, SUBHEADING_PT))],
                    top)
    heights = [_row_height(table, row) for row in (table.columns, *block.rows)]
    shape = slide.shapes.add_table(len(heights), len(table.columns), MARGIN, top, BODY_WIDTH, Inches(sum(heights)))
    grid, total = shape.table, sum(table.widths)
    for index, share in enumerate(table.widths):
        grid.columns[index].width = Emu(int(BODY_WIDTH * share / total))
    for row_index, values in enumerate((table.columns, *block.rows)):
        grid.rows[row_index].height = Inches(heights[row_index])
        for column_index, value in enumerate(values):
            frame = grid.cell(row_index, column_index).text_frame
            frame.word_wrap = True
            _write(frame, [(value, TABLE_PT, row_index == 0, None)])
    return top + Inches(sum(heights))


def _furniture(slide: Slide, marking: str, is_demo: bool, running: str, number: int) -> None:
    """The marking centred at the top and the bottom, DEMO top right, the running title and slide number."""
    for top in (Inches(0.02), HEIGHT - Inches(0.45)):
        _box(slide, marking, Inches(4.2), top, WIDTH - Inches(8.4), [(marking, FURNITURE_PT, True, None)],
             PP_ALIGN.CENTER)
    if is_demo:
        _box(slide, "DEMO", WIDTH - Inches(4.1), Inches(0.02), Inches(3.6),
             [("DEMO — synthetic data", FURNITURE_PT, True, DEMO_RED)], PP_ALIGN.RIGHT)
    _box(slide, running, MARGIN, HEIGHT - Inches(0.45), Inches(3.6), [(running, FURNITURE_PT, False, GREY)])
    _box(slide, str(number), WIDTH - Inches(1.5), HEIGHT - Inches(0.45), Inches(1.0),
         [(str(number), FURNITURE_PT, False, GREY)], PP_ALIGN.RIGHT)


def _box(slide: Slide, name: str, left: int, top: int, width: int,
         paragraphs: list[tuple[str, int, bool, RGBColor | None]], align: PP_ALIGN = PP_ALIGN.LEFT) -> None:
    shape = slide.shapes.add_textbox(left, top, width, Inches(0.42))
    shape.name = name[:40]
    _write(shape.text_frame, paragraphs, align)


def _line_height(text: str, size: int, width: float | None = None) -> float:
    """Inches a paragraph of `text` takes at `size` pt wrapped to `width` inches (the body's by default)."""
    chars = max(8, int((width or BODY_WIDTH / Inches(1)) * 72 / (size * 0.48)))  # Calibri averages under 0.48 em
    lines = max(1, math.ceil(len(text) / chars))
    return lines * size * 1.2 / 72 + 4 / 72


def _row_height(table: Table, row: tuple[str, ...]) -> float:
    total = sum(table.widths)
    widths = [BODY_WIDTH / Inches(1) * share / total - 0.2 for share in table.widths]
    return max(_line_height(value, TABLE_PT, width) for value, width in zip(row, widths, strict=True)) + 0.12
