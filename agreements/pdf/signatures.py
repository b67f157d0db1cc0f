"""The signature page: one block per signing party, with room to sign. Each block names the
party, gives a line to sign and a line for the date (the date the party signed, when the snapshot
records it), and under them the signatory's name and position."""

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from agreements.models.signatures import MULTILATERAL_PARTIES
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


def signature_block(
    party: dict, language: str, *, signatory: dict | None = None, signed_date: str | None = None
) -> list:
    """The flowables of one signatory's block: the party's signatory (and signature date)
    unless another of its signatories is given."""
    if signatory is None:
        signatory, signed_date = party.get("signatory") or {}, party.get("signed_date")
    name = organization_name(party.get("organization"), language)
    holder = holders_text(signatory, language) if signatory else ""
    title = plain(signatory.get("title"), language) or label("not_set", language)
    return [
        Lines(label("signed_for", language, name=name), "sign_name"),
        SignatureLines(
            signature=label("signature", language),
            date_caption=label("date", language),
            date=format_date(signed_date, language),
        ),
        Spacer(1, 3),
        Lines(holder or label("vacant", language), "sign_name"),
        Lines(title, "sign"),
    ]


def signatures(snapshot: dict, language: str) -> list:
    signing = [party for party in snapshot.get("parties", []) if party.get("signs", True)]
    if not signing:
        return [p(markup(label("no_signatories", language)))]
    heading = [p(markup(label("witness", language)))]
    if all("signatures" in party for party in signing):
        # Versions that record their own signatures (snapshot schema 2): a block per signatory
        # (a party may have several), and how many parties signed. Older versions keep the
        # one-block-per-party page they were signed with, byte for byte.
        blocks = [block for party in signing for block in _party_blocks(party, language)]
        heading += _count_lines(snapshot, signing, language)
    else:
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
    return [KeepTogether([*heading, Spacer(1, 6), grid])]


def _party_blocks(party: dict, language: str) -> list[list]:
    """One block per signature the version records for `party`; a party that had not signed
    gets its signatory's block with the date left blank."""
    if not party["signatures"]:
        return [signature_block(party, language, signatory=party.get("signatory") or {})]
    return [
        signature_block(
            party, language, signatory=item.get("signatory") or {}, signed_date=item["signed_date"]
        )
        for item in party["signatures"]
    ]


def _count_lines(snapshot: dict, signing: list[dict], language: str) -> list:
    """ "Signed by N of M parties." and, for an agreement in force for the parties that signed
    with some still to sign, which parties those are."""
    signed = [party for party in signing if party["signatures"]]
    lines = [
        p(markup(label("signed_by_count", language, signed=len(signed), signing=len(signing))))
    ]
    partial = snapshot.get("agreement", {}).get("in_force_for_signatories_only")
    if partial and len(signing) >= MULTILATERAL_PARTIES and len(signed) < len(signing):
        names = "; ".join(
            organization_name(party.get("organization"), language) for party in signed
        )
        lines.append(p(markup(label("in_force_for", language, names=names))))
    return lines
