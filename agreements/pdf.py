"""Printable PDFs: the signed agreement and the minister's accountability brief. The only module
that imports reportlab (ruff's TID251 holds that line).

Drawing works from plain data only (`agreements.documents`, `agreements.briefs`): no queries and
no request while drawing. Output is deterministic: reportlab's invariant mode, metadata and
creation date fixed by the data (a version's effective date), fonts shipped in the repository
(agreements/fonts: DejaVu Sans, which covers French and the combining marks of Indigenous names
such as Sḵwx̱wú7mesh), labels from `agreements.pdf_text`. The same version and language therefore
give the same bytes on any machine, which is what lets the registry publish each PDF's SHA-256.

User text never reaches reportlab's paragraph markup unescaped: table cells are plain text
drawn by `_Lines` (no markup at all), and the few paragraphs escape it, so a title containing
"<font>" or "<a href=…>" prints those characters instead of being obeyed.

"Page X of Y" and the contents' page numbers are drawn when the document is saved, in a single
layout pass: `_PagedCanvas` holds every page until the end, when the total is known.
"""

import datetime
import functools
import hashlib
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
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from agreements.documents import AgreementDocument
from agreements.pdf_text import (
    COLON,
    CREATOR,
    change_lines,
    choice_label,
    format_date,
    holders_text,
    label,
    localized,
    organization_name,
    plain,
    snapshot_choices,
)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT, FONT_BOLD, FONT_ITALIC = "RegistrySans", "RegistrySans-Bold", "RegistrySans-Oblique"
PAGE_WIDTH, PAGE_HEIGHT = LETTER  # Canadian governments print on letter paper
MARGIN = 0.75 * inch
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
GREY = colors.HexColor("#5a5a5a")
RULE = colors.HexColor("#9a9a9a")
HEADER_FILL = colors.HexColor("#e6e6e6")
CELL_PADDING = 3
# A row broken across pages keeps at least this much (two lines) on each page.
MIN_SPLIT_HEIGHT = 20
LANGUAGES = ("en", "fr")


@functools.cache
def _register_fonts() -> None:
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
def _styles() -> dict[str, ParagraphStyle]:
    _register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, spaceAfter=4)
    return {
        "body": base,
        "registry": ParagraphStyle("registry", parent=base, fontSize=10, textColor=GREY),
        "title": ParagraphStyle(
            "title", parent=base, fontName=FONT_BOLD, fontSize=20, leading=25, spaceBefore=18
        ),
        "meta": ParagraphStyle("meta", parent=base, fontSize=11, leading=15),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=14,
            leading=18,
            spaceBefore=14,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "item": ParagraphStyle("item", parent=base, leftIndent=12, bulletIndent=2),
    }


# --- Text ------------------------------------------------------------------------------------


def _markup(value: Any) -> str:
    """Text made safe for paragraph markup: escaped, line breaks kept."""
    return escape(str(value)).replace("\n", "<br/>")


def _localized_markup(texts: dict | None, language: str) -> str:
    """The text in `language`, or the other language's text after a visible note saying so."""
    text, other = localized(texts, language)
    if other is None:
        return _markup(text)
    note = _markup(label("only_in", language))
    return f'<font color="#5a5a5a"><i>{note}</i></font> {_markup(text)}'


def _p(markup: str, style: str = "body") -> Paragraph:
    return Paragraph(markup, _styles()[style])


@dataclass(frozen=True)
class _Look:
    font: str
    size: float
    leading: float
    color: Any = colors.black


LOOKS = {
    "cell": _Look(FONT, 7.5, 9.5),
    "head": _Look(FONT_BOLD, 7.5, 9.5),
    "small": _Look(FONT, 6.5, 8.5, GREY),
    "note": _Look(FONT_ITALIC, 6.5, 8.5, GREY),
    "field": _Look(FONT, 9, 12),
    "field_head": _Look(FONT_BOLD, 9, 12),
}


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """A word wider than the column, cut into pieces that fit (never before a combining mark,
    which stays with its letter)."""
    pieces, piece = [], ""
    for char in word:
        wider = pdfmetrics.stringWidth(piece + char, font, size) > width
        if piece and wider and not unicodedata.combining(char):
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece]


def _wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking at spaces; line breaks in the text are kept."""
    space = pdfmetrics.stringWidth(" ", font, size)
    lines = []
    for paragraph in text.strip().split("\n"):
        line, used = "", 0.0
        for word in paragraph.split():
            word_width = pdfmetrics.stringWidth(word, font, size)
            if word_width > width:
                pieces = _break_word(word, font, size, width)
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


class _Lines(Flowable):
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
            self._lines = _wrap_text(self.text, look.font, look.size, available_width)
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
            _Lines("\n".join(part), self._look_name, lines=part, width=self._wrapped_for)
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


def _cell(*parts: tuple[str, str] | None) -> list[_Lines]:
    """A table cell from (text, look) parts; empty parts are left out, an empty cell shows —."""
    lines = [_Lines(str(part[0]), part[1]) for part in parts if part and str(part[0] or "").strip()]
    return lines or [_Lines("—")]


def _localized_parts(texts: dict | None, language: str, look: str = "cell") -> list:
    """(note, text) parts: the note says when the text exists only in the other language."""
    text, other = localized(texts, language)
    note = (label("only_in", language), "note") if other else None
    return [note, (text, look)]


# --- Layout ----------------------------------------------------------------------------------


class _PagedCanvas(Canvas):
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
            self.setFont(FONT, 11)
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


class _Heading(Paragraph):
    """A section heading: bookmarked, listed in the outline and the contents."""

    def __init__(self, key: str, title: str):
        super().__init__(_markup(title), _styles()["h1"])
        self.key, self.title = key, title


class _Contents(Flowable):
    """The contents: one line per section, its page number filled in at save time."""

    def __init__(self, entries: list[tuple[str, str]]):
        super().__init__()
        self.entries, self.leading = entries, 18

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, self.leading * len(self.entries)

    def draw(self):
        canvas = self.canv
        canvas.setFont(FONT, 11)
        for index, (key, title) in enumerate(self.entries):
            y = self.leading * (len(self.entries) - index - 1) + 4
            canvas.drawString(0, y, f"{index + 1}.  {title}")
            x0, y0 = canvas.absolutePosition(0, y - 3)
            x1, y1 = canvas.absolutePosition(self.width, y + self.leading - 5)
            canvas.contents_lines[canvas.getPageNumber()].append(
                (key, x1, y0 + 3, (x0, y0, x1, y1))
            )


class _Document(BaseDocTemplate):
    def __init__(self, buffer, **kwargs):
        super().__init__(
            buffer,
            pagesize=LETTER,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            author=CREATOR,
            creator=CREATOR,
            invariant=1,
            **kwargs,
        )
        frame = Frame(MARGIN, MARGIN, FRAME_WIDTH, PAGE_HEIGHT - 2 * MARGIN, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def afterFlowable(self, flowable):
        if isinstance(flowable, _Heading):
            self.canv.anchors.append((self.page, flowable.key, flowable.title))


def _build(story: list, *, language: str, created: datetime.date, footer, **metadata) -> bytes:
    _register_fonts()
    buffer = BytesIO()
    document = _Document(buffer, lang=language, **metadata)
    document.build(
        story, canvasmaker=functools.partial(_PagedCanvas, footer=footer, created=created)
    )
    return buffer.getvalue()


def _table(header: Iterable[str] | None, rows: list[list], widths) -> Table:
    """A ruled table; the header row (if any) repeats on every page and a row taller than a
    page (a 5,000-character obligation) splits across pages instead of stopping the build."""
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
        data.insert(0, [_cell((text, "head")) for text in header])
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL))
    return Table(
        data,
        colWidths=widths,
        repeatRows=1 if header is not None else 0,
        splitByRow=0,
        splitInRow=MIN_SPLIT_HEIGHT,
        style=TableStyle(commands),
    )


def _fields(pairs: list[tuple[str, list]], *, label_width: float = 0.26) -> Table:
    """Label / value rows; each value is a list of (text, look) parts, printed a little larger
    than in the schedule."""
    larger = {"cell": "field"}
    rows = [
        [
            _cell((name, "field_head")),
            _cell(*[(part[0], larger.get(part[1], part[1])) for part in parts if part]),
        ]
        for name, parts in pairs
    ]
    return _table(None, rows, _widths(label_width, 1 - label_width))


def _widths(*fractions: float) -> tuple[float, ...]:
    return tuple(FRAME_WIDTH * fraction for fraction in fractions)


# --- The agreement ---------------------------------------------------------------------------

SECTIONS = ("purpose", "term", "services", "governance", "schedule", "history", "signatures")
# Schedule: clause, responsibility, responsible party, accountable position, standard, due.
SCHEDULE_WIDTHS = _widths(0.075, 0.32, 0.15, 0.19, 0.135, 0.13)


def _position_parts(position: dict | None, language: str, *, holders: bool = True) -> list:
    if not position:
        return [(label("no_owner", language), "cell")]
    parts = [
        (plain(position.get("title"), language), "cell"),
        (organization_name(position.get("organization"), language), "small"),
    ]
    if holders:
        parts.append((holders_text(position, language), "cell"))
    return parts


def _version_kind(kind: str | None, amendment: dict | None, language: str) -> str:
    if kind != "amendment" or not amendment:
        return label("original", language)
    text = label("amendment", language, number=amendment.get("number", ""))
    title = plain(amendment.get("title"), language)
    return f"{text}{COLON[language]} {title}" if title else text


def _cover(snapshot: dict, language: str) -> list:
    agreement, version = snapshot["agreement"], snapshot["version"]
    effective = format_date(version["effective_date"], language)
    colon = COLON[language]
    rows = []
    for party in snapshot.get("parties", []):
        organization = party.get("organization") or {}
        jurisdiction = organization.get("jurisdiction") or {}
        rows.append(
            [
                _cell((organization_name(organization, language), "cell")),
                _cell((choice_label(party.get("role"), language), "cell")),
                _cell((plain(jurisdiction.get("name"), language), "cell")),
                _cell((choice_label(jurisdiction.get("level"), language), "cell")),
            ]
        )
    header = [label(key, language) for key in ("party", "role", "jurisdiction", "level")]
    return [
        _p(_markup(label("registry", language)), "registry"),
        _p(_localized_markup(agreement.get("title"), language), "title"),
        _p(
            f"{_markup(label('reference', language) + colon)} <b>{_markup(agreement['reference'])}</b>",
            "meta",
        ),
        _p(
            _markup(label("version_line", language, number=version["number"], date=effective)),
            "meta",
        ),
        _p(_markup(_version_kind(version.get("kind"), version.get("amendment"), language)), "meta"),
        _p(
            _markup(
                f"{label('agreement_type', language)}{colon} "
                f"{choice_label(agreement.get('type'), language)}"
            ),
            "meta",
        ),
        Spacer(1, 14),
        _p(_markup(label("parties", language)), "h2"),
        _table(header, rows, _widths(0.4, 0.17, 0.25, 0.18)),
    ]


def _purpose(snapshot: dict, language: str) -> list:
    # Related agreements are deliberately not printed: the PDF is public and stored for ever,
    # while a related agreement may be restricted or unpublished (the web page filters them
    # through the public rule at request time instead).
    summary = _localized_markup(snapshot["agreement"].get("summary"), language)
    return [_p(summary or _markup(label("no_summary", language)))]


def _term(snapshot: dict, language: str) -> list:
    agreement = snapshot["agreement"]
    not_set = label("not_set", language)

    def day(field: str, empty: str = not_set) -> list:
        return [(format_date(agreement.get(field), language) or empty, "cell")]

    notice = agreement.get("notice_period_days")
    renewal = _localized_parts(agreement.get("renewal_terms"), language)
    return [
        _fields(
            [
                (label("signed_date", language), day("signed_date")),
                (label("effective_date", language), day("effective_date")),
                (label("expiry_date", language), day("expiry_date", label("open_ended", language))),
                (label("next_review_date", language), day("next_review_date")),
                (
                    label("notice_period_days", language),
                    [
                        (
                            label("days", language, count=notice)
                            if notice is not None
                            else not_set,
                            "cell",
                        )
                    ],
                ),
                (
                    label("renewal_terms", language),
                    renewal if renewal[1][0] else [(label("none", language), "cell")],
                ),
            ]
        )
    ]


def _services(snapshot: dict, language: str) -> list:
    agreement = snapshot["agreement"]
    pairs = []
    for key in ("service_areas", "delivery_channels"):
        names = ", ".join(plain(item["name"], language) for item in agreement.get(key) or [])
        pairs.append((label(key, language), [(names or label("none", language), "cell")]))
    return [_fields(pairs)]


def _governance(snapshot: dict, language: str, effective: str) -> list:
    body = snapshot["agreement"].get("governing_body")
    if not body:
        return [_p(_markup(label("no_governing_body", language)))]
    not_set = [(label("not_set", language), "cell")]
    mandate = _localized_parts(body.get("mandate"), language)
    story = [
        _fields(
            [
                (label("governing_body", language), _localized_parts(body.get("name"), language)),
                (label("mandate", language), mandate if mandate[1][0] else not_set),
                (
                    label("meeting_frequency", language),
                    [(body.get("meeting_frequency"), "cell")]
                    if body.get("meeting_frequency")
                    else not_set,
                ),
                (
                    label("chair", language),
                    _position_parts(body["chair"], language)
                    if body.get("chair")
                    else [(label("none", language), "cell")],
                ),
            ]
        )
    ]
    members = body.get("members") or []
    if members:
        header = (
            label("position", language),
            label("organization", language),
            label("holder_on", language, date=effective),
        )
        rows = [
            [
                _cell((plain(member.get("title"), language), "cell")),
                _cell((organization_name(member.get("organization"), language), "cell")),
                _cell((holders_text(member, language), "cell")),
            ]
            for member in members
        ]
        story += [
            _p(_markup(label("members", language)), "h2"),
            _table(header, rows, _widths(0.4, 0.35, 0.25)),
        ]
    return story


def _due_text(item: dict, language: str) -> str:
    recurrence = item.get("recurrence") or {}
    if recurrence.get("code") not in (None, "", "none"):
        anchor = format_date(item.get("recurrence_anchor"), language)
        text = choice_label(recurrence, language)
        return f"{text}; {label('first_due', language, date=anchor)}" if anchor else text
    if item.get("due_date"):
        return label("due_on", language, date=format_date(item["due_date"], language))
    return "—"


def _schedule(snapshot: dict, language: str, effective: str) -> list:
    items = snapshot.get("responsibilities") or []
    if not items:
        return [_p(_markup(label("no_responsibilities", language)))]
    header = (
        label("clause", language),
        label("responsibility", language),
        label("responsible_party", language),
        label("accountable", language, date=effective),
        label("service_standard", language),
        label("due", language),
    )
    rows = []
    for item in items:
        kind = (
            choice_label(item.get("kind"), language),
            choice_label(item.get("status"), language),
        )
        rows.append(
            [
                _cell((item.get("clause"), "cell")),
                _cell(
                    *_localized_parts(item.get("text"), language),
                    (" · ".join(filter(None, kind)), "small"),
                ),
                _cell((organization_name(item.get("responsible_party"), language), "cell")),
                _cell(*_position_parts(item.get("owner"), language)),
                _cell(*_localized_parts(item.get("service_standard"), language)),
                _cell((_due_text(item, language), "cell")),
            ]
        )
    return [_table(header, rows, SCHEDULE_WIDTHS)]


def _history(document: AgreementDocument, language: str) -> list:
    choices = snapshot_choices(document.snapshot)
    story = []
    for entry in document.history:
        heading = " — ".join(
            (
                label("version", language, number=entry.number),
                _version_kind(entry.kind, entry.amendment, language),
                label("in_effect_from", language, date=format_date(entry.effective_date, language)),
            )
        )
        lines = change_lines(entry.change_summary, language, choices) or [
            label("first_version" if entry.kind != "amendment" else "no_changes", language)
        ]
        story.append(_p(_markup(heading), "h2"))
        story += [Paragraph(_markup(line), _styles()["item"], bulletText="•") for line in lines]
    return story


def _signatures(snapshot: dict, language: str) -> list:
    signing = [party for party in snapshot.get("parties", []) if party.get("signs", True)]
    if not signing:
        return [_p(_markup(label("no_signatories", language)))]
    not_set = label("not_set", language)
    story = []
    for party in signing:
        signatory = party.get("signatory")
        name = organization_name(party.get("organization"), language)
        signed = format_date(party.get("signed_date"), language) or label("not_signed", language)
        block = _fields(
            [
                (
                    label("signatory", language),
                    [(plain((signatory or {}).get("title"), language) or not_set, "cell")],
                ),
                (label("name", language), [(holders_text(signatory, language) or not_set, "cell")]),
                (label("date", language), [(signed, "cell")]),
                (label("signature", language), [("\n\n", "cell")]),
            ]
        )
        heading = _p(_markup(label("signed_for", language, name=name)), "h2")
        story.append(KeepTogether([heading, block, Spacer(1, 8)]))
    return story


def render_agreement_pdf(document: AgreementDocument | Any, language: str) -> bytes:
    """The agreement as signed, in `language` ("en" or "fr"), as PDF bytes.

    `document` is an `AgreementDocument` (snapshot and history: no queries), or an
    `AgreementVersion`, whose document is gathered first (one query) before drawing.
    Raises ValueError for another language.
    """
    if language not in LANGUAGES:
        raise ValueError(f"Unsupported language: {language!r}")
    if not isinstance(document, AgreementDocument):
        from agreements.documents import agreement_document

        document = agreement_document(document)
    snapshot = document.snapshot
    reference, number = document.reference, document.number
    effective = format_date(document.effective_date, language)
    sections = {
        "purpose": lambda: _purpose(snapshot, language),
        "term": lambda: _term(snapshot, language),
        "services": lambda: _services(snapshot, language),
        "governance": lambda: _governance(snapshot, language, effective),
        "schedule": lambda: _schedule(snapshot, language, effective),
        "history": lambda: _history(document, language),
        "signatures": lambda: _signatures(snapshot, language),
    }
    titles = [(key, label(key, language)) for key in SECTIONS]
    story = _cover(snapshot, language)
    story += [PageBreak(), _p(_markup(label("contents", language)), "h1"), _Contents(titles)]
    for key, title in titles:
        story += [CondPageBreak(1.5 * inch), _Heading(key, title), *sections[key]()]
    title = plain(snapshot["agreement"].get("title"), language)
    return _build(
        story,
        language=language,
        created=document.effective_date,
        footer=lambda page, pages: label(
            "footer", language, reference=reference, number=number, page=page, pages=pages
        ),
        title=f"{reference} — {title}",
        subject=label("subject", language, reference=reference, number=number, date=effective),
        keywords=f"{reference}, version {number}, {language}",
    )


# --- The accountability brief ----------------------------------------------------------------


def _brief_cell(column: str, item: dict, language: str) -> list[_Lines]:
    if column == "agreement":
        return _cell((item["reference"], "cell"))
    if column == "clause":
        return _cell((item.get("clause"), "cell"))
    if column == "responsibility":
        return _cell(*_localized_parts(item.get("text"), language))
    if column == "position":
        return _cell(*_position_parts(item.get("position"), language))
    if column == "responsible_party":
        return _cell((organization_name(item.get("responsible_party"), language), "cell"))
    if column == "status":
        return _cell((choice_label(item.get("status"), language), "cell"))
    if column == "next_due":
        due = format_date(item.get("next_due"), language)
        return _cell((due or label("nothing_due", language), "cell"))
    if column == "overdue":
        missed = len(item.get("overdue") or [])
        return _cell((label("missed", language, count=missed) if missed else "", "cell"))
    return _cell((format_date(item.get(column), language), "cell"))


def _brief_table(items: list[dict], language: str, columns: dict[str, float]) -> Table:
    """A brief table: `columns` maps a column (label key) to its share of the width."""
    header = [label(column, language) for column in columns]
    rows = [[_brief_cell(column, item, language) for column in columns] for item in items]
    return _table(header, rows, _widths(*columns.values()))


def render_accountability_brief_pdf(brief: dict, language: str) -> bytes:
    """A minister's office's accountability brief (data from `agreements.briefs`) as PDF bytes."""
    if language not in LANGUAGES:
        raise ValueError(f"Unsupported language: {language!r}")
    as_of = format_date(brief["as_of"], language)
    names = ", ".join(organization_name(org, language) for org in brief["organizations"])
    scope = ", ".join(organization_name(org, language) for org in brief["scope"])
    days = brief["window_days"]
    counts = _fields(
        [
            (label(key, language, days=days), [(str(count), "cell")])
            for key, count in (
                (
                    "count_responsibilities",
                    sum(len(p["responsibilities"]) for p in brief["positions"]),
                ),
                ("count_positions", len(brief["positions"])),
                ("count_overdue", len(brief["overdue"])),
                ("count_expiring", len(brief["expiring"])),
                ("count_unowned", len(brief["unowned"])),
            )
        ],
        label_width=0.55,
    )
    story = [
        _p(_markup(label("registry", language)), "registry"),
        _p(_markup(label("brief_title", language)), "title"),
        _p(_markup(label("brief_for", language, names=names)), "meta"),
        _p(_markup(label("brief_as_of", language, date=as_of)), "meta"),
        _p(_markup(label("brief_scope", language, names=scope)), "body"),
        counts,
        _Heading("overdue", label("overdue", language)),
    ]
    if brief["overdue"]:
        columns = {
            "agreement": 0.15,
            "clause": 0.08,
            "responsibility": 0.39,
            "position": 0.24,
            "due_date": 0.14,
        }
        story.append(_brief_table(brief["overdue"], language, columns))
    else:
        story.append(_p(_markup(label("no_overdue", language))))
    story.append(_Heading("expiring", label("expiring", language, days=days)))
    if brief["expiring"]:
        header = [
            label(k, language) for k in ("agreement", "title", "expiry_date", "notice_deadline")
        ]
        rows = [
            [
                _cell((item["reference"], "cell")),
                _cell(*_localized_parts(item.get("title"), language)),
                _cell((format_date(item.get("expiry_date"), language), "cell")),
                _cell((format_date(item.get("notice_deadline"), language), "cell")),
            ]
            for item in brief["expiring"]
        ]
        story.append(_table(header, rows, _widths(0.17, 0.51, 0.16, 0.16)))
    else:
        story.append(_p(_markup(label("no_expiring", language))))
    story.append(_Heading("unowned", label("unowned", language)))
    if brief["unowned"]:
        columns = {
            "agreement": 0.15,
            "clause": 0.08,
            "responsibility": 0.37,
            "responsible_party": 0.18,
            "position": 0.22,
        }
        story.append(_brief_table(brief["unowned"], language, columns))
    else:
        story.append(_p(_markup(label("no_unowned", language))))
    story.append(_Heading("positions", label("by_position", language)))
    if not brief["positions"]:
        story.append(_p(_markup(label("no_positions", language))))
    columns = {
        "agreement": 0.15,
        "clause": 0.08,
        "responsibility": 0.41,
        "status": 0.1,
        "next_due": 0.14,
        "overdue": 0.12,
    }
    for position in brief["positions"]:
        organization = organization_name(position["organization"], language)
        title = f"{plain(position['title'], language)} — {organization}"
        held_by = label("held_by", language, names=holders_text(position, language))
        story += [
            CondPageBreak(1.2 * inch),
            _p(_markup(title), "h2"),
            _p(_markup(held_by)),
            _brief_table(position["responsibilities"], language, columns),
        ]
    created = datetime.date.fromisoformat(brief["as_of"])
    return _build(
        story,
        language=language,
        created=created,
        footer=lambda page, pages: label(
            "brief_footer", language, date=as_of, page=page, pages=pages
        ),
        title=label("brief_title", language),
        subject=label("brief_subject", language, names=names, date=as_of),
        keywords=f"accountability, {language}",
    )
