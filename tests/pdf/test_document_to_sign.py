"""The agreement PDF reads as a document to sign (issue 10): the cover holds the parties, the
verification line (the version's SHA-256, the verification address and a QR code of it) and the
contents, and the first section starts below them; a short schedule shares its page; each
signing party has a block with its signatory's name and position, a line to sign and the date;
names are never cut inside a word; the viewer shows the title."""

import copy
import io

import pypdf
import pytest
from django.test import override_settings

from agreements.pdf import render_agreement_pdf
from agreements.pdf.layout import FONT, break_word
from tests.pdf import builders
from tests.pdf.conftest import pdf_text

SITE = "https://registry.example.ca"


def _pages(content: bytes) -> list[str]:
    return pdf_text(content)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.django_db
@override_settings(SITE_URL=SITE)
def test_cover_holds_parties_fingerprint_address_and_first_section_when_rendered(
    version_in_force,
):
    sha256 = version_in_force.snapshot_sha256  # recorded by the signing service
    first = _pages(render_agreement_pdf(version_in_force, "en"))[0]
    flat = _flat(first)
    assert version_in_force.snapshot["agreement"]["title"]["en"] in flat
    for party in version_in_force.snapshot["parties"]:
        assert party["organization"]["name"]["en"] in flat
    assert "Verifying this document" in flat
    # Printed in groups of eight hex digits, four groups a line.
    groups = [sha256[start : start + 8] for start in range(0, 64, 8)]
    assert " ".join(groups[:4]) in first
    assert " ".join(groups[4:]) in first
    assert f"{SITE}/en/verify/" in flat
    assert "Contents" in flat
    assert "1. Recitals and purpose" in flat
    assert "This agreement is made between the parties named on the first page" in flat


def _qr_modules(content: bytes) -> set[tuple[int, int]]:
    """The dark modules (row, column) of the QR code drawn on page 1, read back from the
    page's content stream: the code is the only run of rectangles under 3 points high."""
    page = pypdf.PdfReader(io.BytesIO(content)).pages[0]
    rects = [
        tuple(float(value) for value in operands)
        for operands, operator in page.get_contents().operations
        if operator == b"re" and 0 < float(operands[3]) < 3
    ]
    assert len(rects) > 100
    module = min(height for *_, height in rects) / 1.05
    left = min(x for x, *_ in rects)
    top = max(y for _, y, *_ in rects)
    modules = set()
    for x, y, width, _height in rects:
        row, column = round((top - y) / module), round((x - left) / module)
        modules.update((row, column + step) for step in range(round(width / module)))
    return modules


@pytest.mark.django_db
@override_settings(SITE_URL=SITE)
def test_qr_code_encodes_the_verification_address_with_the_fingerprint_when_rendered(
    version_in_force,
):
    from reportlab.graphics.barcode import qrencoder  # noqa: TID251 (an independent encoder)

    address = f"{SITE}/fr/verify/?sha256={version_in_force.snapshot_sha256}"
    expected = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    expected.addData(address)
    expected.make()
    dark = {
        (row, column)
        for row, cells in enumerate(expected.modules)
        for column, value in enumerate(cells)
        if value
    }
    assert _qr_modules(render_agreement_pdf(version_in_force, "fr")) == dark


def test_three_row_schedule_shares_its_page_when_rendered():
    pages = _pages(render_agreement_pdf(builders.document(responsibilities=3), "en"))
    assert len(pages) == 3
    second = _flat(pages[1])
    for heading in ("2. Term and renewal", "5. Schedule of responsibilities", "6. Amendment"):
        assert heading in second
    assert "Obligation number 2: deliver the service." in second


def _signature_page(language: str, data: dict | None = None) -> list[str]:
    content = render_agreement_pdf(builders.document(data), language)
    return _pages(content)[-1].splitlines()


def test_every_signing_party_has_a_block_with_signatory_line_and_date_when_rendered():
    lines = _signature_page("en")
    text = _flat("\n".join(lines))
    assert "7. Signatures" in text
    assert "In witness whereof, the parties have signed this agreement." in text
    for party, holder, title in (
        ("Service New Brunswick (SNB)", "Chloé Thériault", "President and CEO"),
        ("Department of Health", "Hon. Réjean Côté", "Minister of Health"),
        ("Mi'kmaq Confederacy", "Sḵwx̱wú7mesh Lena Paul", "Chief"),
        ("Nisga'a Lisims Government", "Eva Clayton", "President"),
    ):
        assert f"For {party}" in lines
        assert holder in lines
        assert title in lines
    # A captioned line to sign and a dated line for each of the four parties.
    assert lines.count("Signature") == 4
    assert lines.count("Date") == 4
    assert lines.count("15 March 2021") == 4
    assert "Signature —" not in text


def test_signature_lines_are_drawn_with_room_to_sign_when_rendered():
    content = render_agreement_pdf(builders.document(), "en")
    last = pypdf.PdfReader(io.BytesIO(content)).pages[-1]
    strokes = [op for _operands, op in last.get_contents().operations if op == b"l"]
    # Two lines (signature, date) per party.
    assert len(strokes) == 8


def test_date_is_left_to_fill_in_when_the_party_has_not_signed_yet():
    data = builders.snapshot()
    for party in data["parties"]:
        party["signed_date"] = None
        party["signatures"] = []  # a party that has not signed has no signature on the version
    lines = _signature_page("fr", data)
    assert lines.count("Date") == 4
    assert lines.count("Signature") == 4
    assert "15 mars 2021" in _signature_page("fr")
    assert "15 mars 2021" not in lines


def test_parties_who_do_not_sign_have_no_block_when_rendered():
    data = builders.snapshot()
    data["parties"][3]["signs"] = False
    lines = _signature_page("en", data)
    assert lines.count("Signature") == 3
    assert "For Nisga'a Lisims Government" not in lines


def test_french_pdf_labels_the_cover_and_signatures_in_french_when_rendered():
    pages = _pages(render_agreement_pdf(builders.document(), "fr"))
    cover, signatures = _flat(pages[0]), pages[-1].splitlines()
    for french in ("Vérifier ce document", "Entre les parties", "Table des matières"):
        assert french in cover
    assert "a l’empreinte SHA-256 suivante :" in cover
    assert "Pour Services Nouveau-Brunswick (SNB)" in signatures
    assert "En foi de quoi, les parties ont signé la présente entente." in signatures
    text = _flat("\n".join(pages))
    for english in ("Verifying", "Between the parties", "In witness", "For Service", "Recitals"):
        assert english not in text


LONG_NAMES = {
    "en": "Department of Environment and Local Government of New Brunswick",
    "fr": "Ministère de l’Environnement et des Gouvernements locaux du Nouveau-Brunswick",
}


def test_french_names_are_never_cut_inside_a_word_when_rendered():
    data = builders.snapshot(responsibilities=8)
    organization = copy.deepcopy(builders.HEALTH)
    organization["name"] = dict(LONG_NAMES)
    for party in data["parties"]:
        if party["organization"]["id"] == organization["id"]:
            party["organization"] = organization
    for item in data["responsibilities"]:
        if item["responsible_party"]["organization_id"] == organization["id"]:
            item["responsible_party"]["name"] = dict(LONG_NAMES)
    words = set(
        _flat("\n".join(_pages(render_agreement_pdf(builders.document(data), "fr")))).split()
    )
    names = [LONG_NAMES["fr"], "Province du Nouveau-Brunswick", "Services Nouveau-Brunswick"]
    names += ["Nation Wolastoqey au Nouveau-Brunswick", "Sḵwx̱wú7mesh Úxwumixw (Nation Squamish)"]
    for name in names:
        for word in name.split():
            assert word in words, f"{word!r} of {name!r} was cut"
    assert "Nouveau-Brunswi" not in words


def test_a_compound_word_wider_than_its_column_breaks_at_its_hyphen():
    # "Nouveau-Brunswick" is 79 points wide at 8 points; "Nouveau-" 38, "Brunswick" 41.
    assert break_word("Nouveau-Brunswick", FONT, 8, 60) == ["Nouveau-", "Brunswick"]
    assert break_word("Nouveau-Brunswick", FONT, 8, 80) == ["Nouveau-Brunswick"]
    # A word without a hyphen is cut between letters only as a last resort, and never
    # before a combining mark.
    pieces = break_word("Sḵwx̱wú7meshÚxwumixw", FONT, 8, 30)
    assert "".join(pieces) == "Sḵwx̱wú7meshÚxwumixw"
    assert len(pieces) > 1
    assert not [piece for piece in pieces if piece[0] in "\u0331\u0332"]
