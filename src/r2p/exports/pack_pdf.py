"""The briefing pack as an A4 PDF (fpdf2): page 1 the bottom line, then the sections flowing on (a section starts
a new page only when little room is left), the marking once at the top and once at the bottom of every page."""

from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace
from PIL import Image

from r2p.exports.pack_text import Section, Subheading, Table

FONT_CHOICES: tuple[tuple[Path, Path], ...] = (
    (Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
     Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf")),
    (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
     Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")),
)
CORE_FONT = "helvetica"
DEMO_RED = (178, 24, 43)
GREY = (90, 90, 90)
SECTION_ROOM = 60  # mm: with less left on the page, a section starts on the next one
MIN_FILL = 1 / 3  # no page emptier than this, where a layout allows it
LAYOUTS = ((1.0, False), (0.9, False), (1.0, True), (0.8, False), (0.9, True), (0.8, True))  # chart width, break
# Core PDF fonts hold Latin-1 only: these stand in for the few other characters the pack prints.
_LATIN1 = str.maketrans({"→": "->", "—": "-", "–": "-", "…": "...", "‘": "'", "’": "'", "“": '"', "”": '"',
                         "•": "-", "≥": ">=", "≤": "<=", "†": "+", "▲": "^", "▼": "v", "◆": "*"})


def unicode_fonts(choices: tuple[tuple[Path, Path], ...] = FONT_CHOICES) -> tuple[Path, Path] | None:
    """The first TrueType pair (regular, bold) present: Liberation Sans (Makefile installs it), else DejaVu."""
    return next(((regular, bold) for regular, bold in choices if regular.is_file() and bold.is_file()), None)


class _PackPDF(FPDF):
    def __init__(self, marking: str, running_title: str, is_demo: bool, fonts: tuple[Path, Path] | None) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.marking, self.running_title, self.is_demo = marking, running_title, is_demo
        self.pack_font = CORE_FONT
        if fonts:
            self.add_font("PackSans", "", str(fonts[0]))
            self.add_font("PackSans", "B", str(fonts[1]))
            self.pack_font = "PackSans"
        self.fills: list[float] = []  # how full each finished page is (0-1), for the layout checks
        self.set_margins(15, 18, 15)
        self.set_auto_page_break(True, margin=18)
        self.set_title(self.plain(running_title))
        self.set_creator("R2P Watch")

    def plain(self, text: str) -> str:
        """Text the current font can print: unchanged with a Unicode font, else reduced to Latin-1."""
        if self.pack_font != CORE_FONT:
            return text
        return text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")

    def header(self) -> None:
        self.set_y(7)
        self.use(9, bold=True)
        self.cell(0, 5, self.plain(self.marking), align="C")
        if self.is_demo:
            self.set_text_color(*DEMO_RED)
            self.set_x(self.l_margin)
            self.cell(0, 5, "DEMO DATA", align="R")
            self.set_text_color(0, 0, 0)
        self.set_y(self.t_margin)

    def footer(self) -> None:
        """The running title and page number, with the marking on a line of its own below them (on one line, a long
        country name ran into the centred marking)."""
        self.set_y(-16)
        self.use(8)
        self.set_text_color(*GREY)
        self.cell(0, 5, self.plain(self.running_title), align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0, 0, 0)
        self.set_xy(self.l_margin, -10)
        self.use(9, bold=True)
        self.cell(0, 5, self.plain(self.marking), align="C")

    def add_page(self, *args: object, **kwargs: object) -> None:
        if self.page:
            self.fills.append(self.filled())
        super().add_page(*args, **kwargs)

    def filled(self) -> float:
        """The share of the page's body height used so far."""
        return max(0.0, min(1.0, (self.get_y() - self.t_margin) / (self.page_break_trigger - self.t_margin)))

    def room(self) -> float:
        return self.page_break_trigger - self.get_y()

    def use(self, size: float, bold: bool = False) -> None:
        self.set_font(self.pack_font, "B" if bold else "", size)

    def paragraph(self, text: str, size: float = 10, bold: bool = False, colour: tuple[int, int, int] = (0, 0, 0),
                  gap: float = 1.5) -> None:
        self.use(size, bold)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.45, self.plain(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(gap)


def pdf_pack(title: str, cover: tuple[str, ...], sections: tuple[Section, ...], images: Mapping[str, bytes],
             marking: str, is_demo: bool, running: str, fonts: tuple[Path, Path] | None = None,
             core_font_only: bool = False) -> bytes:
    """The pack's bytes. `fonts` defaults to the first Unicode font found; without one (or with
    `core_font_only`) core Helvetica prints the text reduced to Latin-1."""
    return laid_out(title, cover, sections, images, marking, is_demo, running, fonts, core_font_only)[0]


def laid_out(title: str, cover: tuple[str, ...], sections: tuple[Section, ...], images: Mapping[str, bytes],
             marking: str, is_demo: bool, running: str, fonts: tuple[Path, Path] | None = None,
             core_font_only: bool = False) -> tuple[bytes, tuple[float, ...]]:
    """The pack's bytes and how full each page is (0-1).

    NOTE: flowing the sections leaves only the last page's fill to chance (two table rows can spill onto a
    page of their own). Charts a little narrower pull the tail back; so can starting the last section on a
    page of its own. The first layout with no page under a third full wins, else the fullest emptiest page."""
    chosen = None if core_font_only else fonts or unicode_fonts()
    best: tuple[bytes, tuple[float, ...]] | None = None
    for chart_share, break_last in LAYOUTS:
        pdf = _layout(title, cover, sections, images, _PackPDF(marking, running, is_demo, chosen), chart_share,
                      break_last)
        fills = (*pdf.fills, pdf.filled())
        if best is None or min(fills) > min(best[1]):
            best = bytes(pdf.output()), fills
        if min(fills) >= MIN_FILL:
            break
    assert best is not None
    return best


def _layout(title: str, cover: tuple[str, ...], sections: tuple[Section, ...], images: Mapping[str, bytes],
            pdf: _PackPDF, chart_share: float, break_last: bool) -> _PackPDF:
    pdf.add_page()
    pdf.paragraph(f"Briefing pack: {title}", size=20, bold=True, gap=2)
    for line in cover:
        pdf.paragraph(line, size=9, bold=line.startswith("DEMO"), colour=DEMO_RED if line.startswith("DEMO") else GREY)
    for number, section in enumerate(sections):
        last = number == len(sections) - 1
        if number == 1 or (number > 1 and (pdf.room() < SECTION_ROOM or (last and break_last))):
            pdf.add_page()  # page 1 holds the bottom line alone; later sections flow on while there is room
        _section(pdf, section, images, chart_share)
    return pdf


def _section(pdf: _PackPDF, section: Section, images: Mapping[str, bytes], chart_share: float = 1.0) -> None:
    pdf.ln(2)
    pdf.paragraph(section.heading, size=15, bold=True, gap=2)
    for line in section.lines:
        if isinstance(line, Subheading):
            pdf.paragraph(line, size=11, bold=True, gap=0.5)
        else:
            pdf.paragraph(line, colour=DEMO_RED if line.startswith("DEMO") else (0, 0, 0))
    for key in section.charts:
        _image(pdf, images[key], chart_share)
    for table in section.tables:
        _table(pdf, table)


def _image(pdf: _PackPDF, png: bytes, share: float = 1.0) -> None:
    with Image.open(BytesIO(png)) as image:
        width, height = image.size
    shown = min(pdf.epw * share, (pdf.page_break_trigger - pdf.t_margin) * width / height)
    if pdf.get_y() + shown * height / width > pdf.page_break_trigger:
        pdf.add_page()
    pdf.image(BytesIO(png), x=pdf.l_margin + (pdf.epw - shown) / 2, w=shown)
    pdf.ln(4)


def _table(pdf: _PackPDF, table: Table) -> None:
    if table.caption:
        pdf.paragraph(table.caption, size=10, bold=True)
    pdf.use(8)
    heading = FontFace(emphasis="BOLD", fill_color=(232, 232, 232))
    with pdf.table(col_widths=table.widths, text_align="LEFT", line_height=3.8, headings_style=heading,
                   padding=1) as drawn:
        for values in (table.columns, *table.rows):
            row = drawn.row()
            for value in values:
                row.cell(pdf.plain(value))
    pdf.ln(4)
