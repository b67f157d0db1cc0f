"""The page, the fonts and the building blocks every registry PDF is made of: styles, plain-text
table cells that wrap without breaking names, ruled tables, label / value fields, the canvas that
numbers pages at save time, and `build`, which turns a story into deterministic bytes.

Output is deterministic: reportlab's invariant mode, metadata and creation date fixed by the data
(a version's effective date), fonts shipped in the repository (agreements/fonts: DejaVu Sans,
which covers French and the combining marks of Indigenous names such as Sḵwx̱wú7mesh).

User text never reaches reportlab's paragraph markup unescaped: table cells are plain text drawn
by `Lines` (no markup at all), and paragraphs go through `markup`, so a title containing
"<font>" or "<a href=…>" prints those characters instead of being obeyed.
"""

import datetime
import functools
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import DummyDoc, PDFText
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from agreements.pdf_text import label, localized

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT, FONT_BOLD, FONT_ITALIC = "RegistrySans", "RegistrySans-Bold", "RegistrySans-Oblique"
MONO = "Courier"  # one of the PDF standard fonts: fingerprints only (hex digits)
PAGE_WIDTH, PAGE_HEIGHT = LETTER  # Canadian governments print on letter paper
MARGIN = 0.75 * inch
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
GREY = colors.HexColor("#5a5a5a")
RULE = colors.HexColor("#9a9a9a")
HEADER_FILL = colors.HexColor("#e6e6e6")
BOX_FILL = colors.HexColor("#f3f3f3")
CELL_PADDING = 3
# A row broken across pages keeps at least this much (two lines) on each page.
MIN_SPLIT_HEIGHT = 20
LANGUAGES = ("en", "fr")
# Where a compound word may end a line: after a hyphen, an en dash or a slash.
WORD_JOINS = re.compile(r"[^-–/]+[-–/]*|[-–/]+")


@functools.cache
def register_fonts() -> None:
    """Register the bundled fonts once per process."""
    for name, filename in (
        (FONT, "DejaVuSans.ttf"),
        (FONT_BOLD, "DejaVuSans-Bold.ttf"),
        (FONT_ITALIC, "DejaVuSans-Oblique.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
    )


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, spaceAfter=4)
    return {
        "body": base,
        "registry": ParagraphStyle("registry", parent=base, fontSize=9, textColor=GREY),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=18,
            leading=23,
            spaceBefore=6,
            spaceAfter=6,
        ),
        "meta": ParagraphStyle("meta", parent=base, fontSize=10.5, leading=14, spaceAfter=2),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=13,
            leading=17,
            spaceBefore=14,
            spaceAfter=6,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
        ),
        "item": ParagraphStyle("item", parent=base, leftIndent=12, bulletIndent=2),
        "box_head": ParagraphStyle("box_head", parent=base, fontName=FONT_BOLD, spaceAfter=2),
        "box": ParagraphStyle("box", parent=base, fontSize=8.5, leading=11, spaceAfter=3),
        "mono": ParagraphStyle(
            "mono", parent=base, fontName=MONO, fontSize=9, leading=11, spaceAfter=3
        ),
    }


# --- Text ------------------------------------------------------------------------------------


def markup(value: Any) -> str:
    """Text made safe for paragraph markup: escaped, line breaks kept."""
    return escape(str(value)).replace("\n", "<br/>")


def localized_markup(texts: dict | None, language: str) -> str:
    """The text in `language`, or the other language's text after a visible note saying so."""
    text, other = localized(texts, language)
    if other is None:
        return markup(text)
    note = markup(label("only_in", language))
    return f'<font color="#5a5a5a"><i>{note}</i></font> {markup(text)}'


def p(text_markup: str, style: str = "body") -> Paragraph:
    return Paragraph(text_markup, styles()[style])


@dataclass(frozen=True)
class Look:
    font: str
    size: float
    leading: float
    color: Any = colors.black


LOOKS = {
    "cell": Look(FONT, 8, 10),
    "head": Look(FONT_BOLD, 8, 10),
    "small": Look(FONT, 7, 9, GREY),
    "note": Look(FONT_ITALIC, 7, 9, GREY),
    "field": Look(FONT, 9, 12),
    "field_head": Look(FONT_BOLD, 9, 12),
    "sign_name": Look(FONT_BOLD, 9, 12),
    "sign": Look(FONT, 8.5, 11),
}


def _cut(word: str, font: str, size: float, width: float) -> list[str]:
    """A word wider than the column, cut into pieces that fit (never before a combining mark,
    which stays with its letter). The last resort of `break_word`."""
    pieces, piece = [], ""
    for char in word:
        wider = pdfmetrics.stringWidth(piece + char, font, size) > width
        if piece and wider and not unicodedata.combining(char):
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece]


def break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """A word wider than the column in pieces that fit: at its hyphens, dashes and slashes
    first ("Nouveau-" / "Brunswick"), and cut between letters only where one part alone is
    still wider than the column."""
    pieces, piece = [], ""
    for part in WORD_JOINS.findall(word):
        if pdfmetrics.stringWidth(piece + part, font, size) <= width:
            piece += part
            continue
        if piece:
            pieces.append(piece)
        if pdfmetrics.stringWidth(part, font, size) <= width:
            piece = part
        else:
            *whole, piece = _cut(part, font, size, width)
            pieces.extend(whole)
    return [*pieces, piece]


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking at spaces; line breaks in the text are kept."""
    space = pdfmetrics.stringWidth(" ", font, size)
    lines = []
    for paragraph in text.strip().split("\n"):
        line, used = "", 0.0
        for word in paragraph.split():
            word_width = pdfmetrics.stringWidth(word, font, size)
            if word_width > width:
                pieces = break_word(word, font, size, width)
                if line:
                    lines.append(line)
                lines.extend(pieces[:-1])
                line = pieces[-1]
                used = pdfmetrics.stringWidth(line, font, size)
            elif line and used + space + word_width <= width:
                line, used = f"{line} {word}", used + space + word_width
            else:
                if line:
                    lines.append(line)
                line, used = word, word_width
        lines.append(line)
    return lines


class Lines(Flowable):
    """Plain text wrapped to its column and drawn line by line: the table cell primitive.

    No markup is parsed (user text is drawn as it is) and a cell taller than the page splits
    between lines. Much cheaper than a Paragraph, which matters in a 500-row schedule.
    """

    def __init__(self, text: str, look: str = "cell", *, lines=None, width=None):
        super().__init__()
        self.text, self.look = text, LOOKS[look]
        self._look_name = look
        self._lines, self._wrapped_for = lines, width

    def wrap(self, available_width, available_height):
        if self._wrapped_for != available_width:
            look = self.look
            self._lines = wrap_text(self.text, look.font, look.size, available_width)
            self._wrapped_for = available_width
        self.width, self.height = available_width, len(self._lines) * self.look.leading
        return self.width, self.height

    def split(self, available_width, available_height):
        # A table asks with the column's full width but measured the cell without its padding:
        # split the lines as last measured.
        if self._lines is None:
            self.wrap(available_width, available_height)
        fits = int(available_height // self.look.leading)
        if not 0 < fits < len(self._lines):
            return []
        # Each piece keeps only its own lines, so wrapping it again (a table measures cells
        # without their padding) can only break them further, never bring back the rest.
        return [
            Lines("\n".join(part), self._look_name, lines=part, width=self._wrapped_for)
            for part in (self._lines[:fits], self._lines[fits:])
        ]

    def draw(self):
        look = self.look
        # Baseline inside the first line box, as a Paragraph would place it.
        first = self.height - look.leading + (look.leading - look.size) / 2 + 0.22 * look.size
        text = self.canv.beginText(0, first)
        text.setFont(look.font, look.size, look.leading)
        text.setFillColor(look.color)
        for line in self._lines:
            text.textLine(line)
        self.canv.drawText(text)


def cell(*parts: tuple[str, str] | None) -> list[Lines]:
    """A table cell from (text, look) parts; empty parts are left out, an empty cell shows —."""
    lines = [Lines(str(part[0]), part[1]) for part in parts if part and str(part[0] or "").strip()]
    return lines or [Lines("—")]


def localized_parts(texts: dict | None, language: str, look: str = "cell") -> list:
    """(note, text) parts: the note says when the text exists only in the other language."""
    text, other = localized(texts, language)
    note = (label("only_in", language), "note") if other else None
    return [note, (text, look)]


# --- Tables ----------------------------------------------------------------------------------


def widths(*fractions: float) -> tuple[float, ...]:
    return tuple(FRAME_WIDTH * fraction for fraction in fractions)


def table(header: Iterable[str] | None, rows: list[list], column_widths) -> Table:
    """A ruled table; the header row (if any) repeats on every page and a row taller than a
    page (a 5,000-character obligation) splits across pages instead of stopping the build.
    Rows move whole to the next page when they can, and split between lines only when they
    must."""
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    data = list(rows)
    if header is not None:
        data.insert(0, [cell((text, "head")) for text in header])
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL))
    return Table(
        data,
        colWidths=column_widths,
        repeatRows=1 if header is not None else 0,
        splitByRow=1,
        splitInRow=MIN_SPLIT_HEIGHT,
        style=TableStyle(commands),
        hAlign="LEFT",
    )


def fields(pairs: list[tuple[str, list]], *, label_width: float = 0.26) -> Table:
    """Label / value rows; each value is a list of (text, look) parts, printed a little larger
    than in the schedule."""
    larger = {"cell": "field"}
    rows = [
        [
            cell((name, "field_head")),
            cell(*[(part[0], larger.get(part[1], part[1])) for part in parts if part]),
        ]
        for name, parts in pairs
    ]
    return table(None, rows, widths(label_width, 1 - label_width))


# --- Pages -----------------------------------------------------------------------------------


class PagedCanvas(Canvas):
    """A canvas that keeps every page until `save()`, then stamps each one with its footer
    ("page X of Y"), its bookmarks and outline entries, and the contents' page numbers and
    links, which are only known once the last page is laid out."""

    def __init__(self, *args, footer: Callable[[int, int], str], created: datetime.date, **kw):
        super().__init__(*args, **kw)
        self._pages: list[dict] = []
        self._footer = footer
        # (page, key, title) of each section start, bookmarked in the outline at save time.
        self.anchors: list[tuple[int, str, str]] = []
        # page → [(key, x, y, link rectangle)]: contents lines waiting for their page number.
        self.contents_lines: dict[int, list[tuple[str, float, float, tuple]]] = defaultdict(list)
        self._stamp = stamp = f"D:{created:%Y%m%d}000000+00'00'"
        # Fixed dates whatever the clock or SOURCE_DATE_EPOCH say.
        self.setDateFormatter(lambda *_parts: stamp)

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        anchor_pages = {key: page for page, key, _title in self.anchors}
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            for page, key, title in self.anchors:
                if page == number:
                    self.bookmarkPage(key)
                    self.addOutlineEntry(title, key, level=0)
            self.setFont(FONT, Contents.size)
            for key, x, y, rect in self.contents_lines.get(number, []):
                self.drawRightString(x, y, str(anchor_pages.get(key, "")))
                self.linkRect("", key, rect, relative=0)
            self.setFont(FONT, 7.5)
            self.setFillColor(GREY)
            self.drawCentredString(PAGE_WIDTH / 2, MARGIN / 2, self._footer(number, total))
            super().showPage()
        if self.anchors:
            self.showOutline()
        self._fix_document_id()
        super().save()

    def _fix_document_id(self):
        """reportlab derives the file identifier from a timestamp that SOURCE_DATE_EPOCH can
        change even in invariant mode; derive it from the document's own metadata instead."""
        info = self._doc.info
        seed = "\n".join((info.title, info.subject, info.keywords, self._stamp))
        digest = hashlib.md5(seed.encode("utf-8"), usedforsecurity=False).digest()
        identifier = PDFText(digest, enc="raw").format(DummyDoc())
        self._doc._ID = (
            b"\n[" + identifier + identifier + b"]\n% ReportLab generated PDF document\n"
        )


def subheading(text: str, *, room: float = 0.9 * inch) -> list:
    """A subheading that starts a new page when less than `room` is left below it (headings
    do not keep with what follows: a long table would then leave the page blank)."""
    return [CondPageBreak(room), p(markup(text), "h2")]


def section(key: str, title: str, *, room: float = 1.2 * inch) -> list:
    """A numbered section's heading, on a new page when less than `room` is left."""
    return [CondPageBreak(room), Heading(key, title)]


class Heading(Paragraph):
    """A section heading: bookmarked, listed in the outline and the contents."""

    def __init__(self, key: str, title: str):
        super().__init__(markup(title), styles()["h1"])
        self.key, self.title = key, title


class Contents(Flowable):
    """The contents: one line per section, its page number filled in at save time."""

    size, leading = 9.5, 14

    def __init__(self, entries: list[tuple[str, str]]):
        super().__init__()
        self.entries = entries

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, self.leading * len(self.entries)

    def draw(self):
        canvas = self.canv
        canvas.setFont(FONT, self.size)
        for index, (key, title) in enumerate(self.entries):
            y = self.leading * (len(self.entries) - index - 1) + 3
            canvas.drawString(0, y, title)
            x0, y0 = canvas.absolutePosition(0, y - 3)
            x1, y1 = canvas.absolutePosition(self.width, y + self.leading - 4)
            canvas.contents_lines[canvas.getPageNumber()].append(
                (key, x1, y0 + 3, (x0, y0, x1, y1))
            )


class Document(BaseDocTemplate):
    def __init__(self, buffer, **kwargs):
        super().__init__(
            buffer,
            pagesize=LETTER,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            invariant=1,
            displayDocTitle=1,
            **kwargs,
        )
        frame = Frame(MARGIN, MARGIN, FRAME_WIDTH, PAGE_HEIGHT - 2 * MARGIN, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def afterFlowable(self, flowable):
        if isinstance(flowable, Heading):
            self.canv.anchors.append((self.page, flowable.key, flowable.title))


def build(story: list, *, language: str, created: datetime.date, footer, **metadata) -> bytes:
    """The story as PDF bytes. Author, creator and producer are the registry's name in the
    document's language; the viewer shows the document's title rather than its file name."""
    register_fonts()
    buffer = BytesIO()
    name = label("registry", language)
    document = Document(
        buffer,
        lang=language,
        author=name,
        creator=name,
        producer=label("producer", language),
        **metadata,
    )
    document.build(
        story, canvasmaker=functools.partial(PagedCanvas, footer=footer, created=created)
    )
    return buffer.getvalue()
