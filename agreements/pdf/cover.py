"""The first page of an agreement: its title, reference and version, the parties, and the
verification box (the signed content's SHA-256, where to check it, and a QR code of that
address drawn with reportlab's own barcode module), followed by the contents.

The fingerprint printed is the version's snapshot SHA-256 (`AgreementVersion.snapshot_sha256`,
recomputed here from the snapshot with the same function): a PDF cannot carry its own hash, and
the verification page accepts the snapshot's as well as each PDF's (agreements.verification).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib.units import inch
from reportlab.platypus import Spacer, Table, TableStyle

from agreements.models.versions import snapshot_digest
from agreements.pdf.layout import (
    FRAME_WIDTH,
    RULE,
    Contents,
    cell,
    localized_markup,
    markup,
    p,
    table,
    widths,
)
from agreements.pdf_text import COLON, choice_label, format_date, label, organization_name, plain
from jurisdictions.standing import has_own_standing, standing

QR_SIZE = 1.25 * inch
# The fingerprint in groups of eight hex digits, four groups a line (the verification page
# ignores the spaces when it is pasted back).
GROUP, GROUPS_PER_LINE = 8, 4


def verification_url(*, sha256: str, language: str, with_fingerprint: bool = True) -> str:
    """The public verification page in `language`, asking about `sha256` when
    `with_fingerprint`. Built from the registry's public address (SITE_URL)."""
    base = (settings.SITE_URL or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    with translation.override(language):
        path = reverse("agreement_pdfs:verify")
    return f"{base}{path}?sha256={sha256}" if with_fingerprint else f"{base}{path}"


def grouped_fingerprint(sha256: str) -> str:
    """ "3f9a0c1e 77b2…" in lines of four groups, as paragraph markup."""
    groups = [sha256[start : start + GROUP] for start in range(0, len(sha256), GROUP)]
    lines = [
        " ".join(groups[start : start + GROUPS_PER_LINE])
        for start in range(0, len(groups), GROUPS_PER_LINE)
    ]
    return "<br/>".join(markup(line) for line in lines)


def qr_code(value: str, size: float = QR_SIZE) -> QrCode:
    """A QR code of `value`, `size` points square, with a two-module quiet zone, drawn
    straight on the page by reportlab's QR flowable (its graphics widget draws the same code
    several times slower, one shape per module)."""
    return QrCode(value, width=size, height=size, qrBorder=2, qrLevel="M")


def version_kind(kind: str | None, amendment: dict | None, language: str) -> str:
    if kind != "amendment" or not amendment:
        return label("original", language)
    text = label("amendment", language, number=amendment.get("number", ""))
    title = plain(amendment.get("title"), language)
    return f"{text}{COLON[language]} {title}" if title else text


def _parties(snapshot: dict, language: str) -> Table:
    parties = snapshot.get("parties", [])
    if any(has_own_standing(party.get("organization")) for party in parties):
        return _parties_with_standing(parties, language)
    rows = []
    for party in parties:
        organization = party.get("organization") or {}
        jurisdiction = organization.get("jurisdiction") or {}
        rows.append(
            [
                cell((organization_name(organization, language), "cell")),
                cell((choice_label(party.get("role"), language), "cell")),
                cell((plain(jurisdiction.get("name"), language), "cell")),
                cell((choice_label(jurisdiction.get("level"), language), "cell")),
            ]
        )
    header = [label(key, language) for key in ("party", "role", "jurisdiction", "level")]
    return table(header, rows, widths(0.36, 0.18, 0.28, 0.18))


def _parties_with_standing(parties: list[dict], language: str) -> Table:
    """Parties that are not all a government's own bodies (a non-government organisation, a
    municipal association, an intermunicipal body): each party's standing in one column
    (jurisdictions.standing), instead of a jurisdiction and an order of government that would
    misdescribe them. Snapshots with government bodies only keep the four-column table."""
    rows = [
        [
            cell((organization_name(party.get("organization"), language), "cell")),
            cell((choice_label(party.get("role"), language), "cell")),
            cell((standing(party.get("organization"), language), "cell")),
        ]
        for party in parties
    ]
    header = [label(key, language) for key in ("party", "role", "standing")]
    return table(header, rows, widths(0.4, 0.2, 0.4))


def _verification_box(snapshot: dict, language: str) -> Table:
    version, agreement = snapshot["version"], snapshot["agreement"]
    sha256 = snapshot_digest(snapshot)
    text = [
        p(markup(label("verify_heading", language)), "box_head"),
        p(
            markup(
                label(
                    "verify_fingerprint",
                    language,
                    number=version["number"],
                    reference=agreement["reference"],
                )
            ),
            "box",
        ),
        p(grouped_fingerprint(sha256), "mono"),
        p(markup(label("verify_where", language)), "box"),
        p(markup(verification_url(sha256=sha256, language=language, with_fingerprint=False))),
    ]
    box = Table(
        [[text, qr_code(verification_url(sha256=sha256, language=language))]],
        colWidths=(FRAME_WIDTH - QR_SIZE - 12, QR_SIZE + 12),
        style=TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        ),
        hAlign="LEFT",
    )
    return box


def cover(snapshot: dict, language: str, contents: list[tuple[str, str]]) -> list:
    """The cover block and the contents, on the first page."""
    agreement, version = snapshot["agreement"], snapshot["version"]
    colon = COLON[language]
    effective = label(
        "version_line",
        language,
        number=version["number"],
        date=format_date(version["effective_date"], language),
    )
    kind = version_kind(version.get("kind"), version.get("amendment"), language)
    reference = (
        f"{markup(label('reference', language) + colon)} <b>{markup(agreement['reference'])}</b>"
    )
    agreement_type = f"{label('agreement_type', language)}{colon} {choice_label(agreement.get('type'), language)}"
    return [
        p(markup(label("registry", language)), "registry"),
        p(localized_markup(agreement.get("title"), language), "title"),
        p(reference, "meta"),
        p(markup(f"{effective} — {kind}"), "meta"),
        p(markup(agreement_type), "meta"),
        p(markup(label("between", language)), "h2"),
        _parties(snapshot, language),
        Spacer(1, 10),
        _verification_box(snapshot, language),
        p(markup(label("contents", language)), "h2"),
        Contents(contents),
    ]
