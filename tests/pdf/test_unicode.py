"""French accents and Indigenous names with combining diacritics survive into the PDF text.

"Sḵwx̱wú7mesh" mixes a precomposed letter (ḵ, U+1E35), a letter with a combining mark (x +
U+0331) and an accented vowel (ú). The bundled DejaVu Sans has every glyph and reportlab writes
a ToUnicode map, so pypdf extracts the same code points. Extraction is compared both as is and
after NFC normalisation, which would absorb an extractor that decomposes (NFD) what it reads.
"""

import unicodedata

import pytest

from agreements.pdf import render_agreement_pdf
from tests.pdf import builders
from tests.pdf.conftest import pdf_text

NAMES = ("Wolastoqey", "Mi'kmaq", "Nisga'a", "Sḵwx̱wú7mesh")
PEOPLE = ("Chloé Thériault", "Hon. Réjean Côté", "Marie Léger")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.fixture(scope="module", params=["en", "fr"])
def text(request):
    content = render_agreement_pdf(builders.document(), request.param)
    return "\n".join(pdf_text(content))


def test_indigenous_names_come_through_when_extracted(text):
    for name in NAMES:
        assert _nfc(name) in _nfc(text)


def test_combining_mark_stays_on_its_letter_when_extracted(text):
    # Exact code points, not only an NFC-equivalent: x followed by U+0331.
    assert "Sḵwx\u0331wú7mesh" in text


def test_accented_names_come_through_when_extracted(text):
    for name in PEOPLE:
        assert name in text


def test_french_text_and_labels_keep_their_accents_when_language_is_fr():
    text = " ".join(" ".join(pdf_text(render_agreement_pdf(builders.document(), "fr"))).split())
    for phrase in (
        "Ministère de la Santé",
        "Coprésident, comité mixte",
        "Durée et renouvellement",
        "Délai de préavis",
        "Échéance",
        "1er avril 2021",
        "Référence : SNB-2021-004",  # split() turned the no-break space into a space
    ):
        assert phrase in text
