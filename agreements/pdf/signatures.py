"""The signature page: one block per signing party, with room to sign. Each block names the
party, gives a line to sign and a line for the date (the date the party signed, when the snapshot
records it), and under them the signatory's name and position."""

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from agreements.pdf.layout import FONT, FRAME_WIDTH, GREY, LOOKS, Lines, markup, p
from agreements.pdf_text import format_date, holders_text, label, organization_name, plain

ROOM_TO_SIGN = 0.6 * inch
DATE_SHARE = 0.36  # of a block's width, for the date line


class SignatureLines(Flowable):
    """A line to sign and a line for the date, captioned underneath; the date, when known, is
    printed on its line."""

    caption_size, height_below = 7, 11

    def __init__(self, *, signature: str, date_caption: str, date: str):
        super().__init__()
        self.signature, self.date_caption, self.date = signature, date_caption, date

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = ROOM_TO_SIGN + self.height_below
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        gap = 12
        date_width = self.width * DATE_SHARE
        sign_width = self.width - date_width - gap
        y = self.height_below
        canvas.setLineWidth(0.6)
        canvas.line(0, y, sign_width, y)
        canvas.line(sign_width + gap, y, self.width, y)
        look = LOOKS["sign"]
        if self.date:
            canvas.setFont(look.font, look.size)
            canvas.drawString(sign_width + gap + 2, y + 3, self.date)
        canvas.setFont(FONT, self.caption_size)
        canvas.setFillColor(GREY)
        canvas.drawString(0, y - self.caption_size - 1, self.signature)
        canvas.drawString(sign_width + gap, y - self.caption_size - 1, self.date_caption)


def signature_block(party: dict, language: str) -> list:
    """The flowables of one party's block."""
    signatory = party.get("signatory") or {}
    name = organization_name(party.get("organization"), language)
    holder = holders_text(signatory, language) if signatory else ""
    title = plain(signatory.get("title"), language) or label("not_set", language)
    return [
        Lines(label("signed_for", language, name=name), "sign_name"),
        SignatureLines(
            signature=label("signature", language),
            date_caption=label("date", language),
            date=format_date(party.get("signed_date"), language),
        ),
        Spacer(1, 3),
        Lines(holder or label("vacant", language), "sign_name"),
        Lines(title, "sign"),
    ]


def signatures(snapshot: dict, language: str) -> list:
    signing = [party for party in snapshot.get("parties", []) if party.get("signs", True)]
    if not signing:
        return [p(markup(label("no_signatories", language)))]
    blocks = [signature_block(party, language) for party in signing]
    if len(blocks) % 2:
        blocks.append("")
    rows = [blocks[index : index + 2] for index in range(0, len(blocks), 2)]
    grid = Table(
        rows,
        colWidths=(FRAME_WIDTH / 2, FRAME_WIDTH / 2),
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 18),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 18),
            ]
        ),
        hAlign="LEFT",
    )
    return [KeepTogether([p(markup(label("witness", language))), Spacer(1, 6), grid])]
