"""A version's PDF holds the whole agreement as signed: cover, contents, every section, every
party, responsibility, accountable position and signature."""

import io

import pypdf
import pytest

from agreements.documents import agreement_document
from agreements.pdf import render_agreement_pdf
from tests.factories import agreement_into_force, amendment_signed
from tests.pdf import builders
from tests.pdf.conftest import pdf_text

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    return "\n".join(pdf_text(content))


def _flat(text: str) -> str:
    """Line breaks from wrapping become spaces, so phrases can be searched whole."""
    return " ".join(text.split())


def test_every_party_responsibility_position_and_signature_appears_when_rendered(
    version_in_force,
):
    snapshot = version_in_force.snapshot
    for language in ("en", "fr"):
        text = _flat(_text(render_agreement_pdf(version_in_force, language)))
        for party in snapshot["parties"]:
            name = party["organization"]["name"][language]
            assert name in text
            assert party["organization"]["jurisdiction"]["name"][language] in text
            assert party["signatory"]["title"][language] in text
            assert party["signatory"]["holders"][0]["name"] in text
        for item in snapshot["responsibilities"]:
            assert item["text"][language] in text
            assert item["clause"] in text
            assert item["owner"]["title"][language] in text
            assert item["owner"]["holders"][0]["name"] in text
        assert snapshot["agreement"]["reference"] in text
        assert snapshot["agreement"]["title"][language] in text


def test_sections_and_contents_appear_in_english_when_language_is_en(version_in_force):
    text = _flat(_text(render_agreement_pdf(version_in_force, "en")))
    for heading in (
        "Contents",
        "1. Recitals and purpose",
        "2. Term and renewal",
        "3. Services and delivery channels",
        "4. Governance",
        "5. Schedule of responsibilities",
        "6. Amendment history",
        "7. Signatures",
        "Version 1, in effect from 1 April 2021",
        "Notice period 90 days",
        "Expiry date 31 March 2031",
    ):
        assert heading in text


def test_labels_are_french_when_language_is_fr(version_in_force):
    text = _flat(_text(render_agreement_pdf(version_in_force, "fr")))
    for label in (
        "Table des matières",
        "1. Préambule et objet",
        "2. Durée et renouvellement",
        "5. Annexe des responsabilités",
        "6. Historique des modifications",
        "7. Signatures",
        "En foi de quoi, les parties ont signé la présente entente.",
        "Version 1, en vigueur à compter du 1er avril 2021",
        "Délai de préavis 90 jours",
        "page 1 de",
    ):
        assert label in text
    for english in ("Contents", "Schedule of responsibilities", "page 1 of", "In witness"):
        assert english not in text


def test_note_marks_text_when_it_exists_only_in_the_other_language(registrar):
    # A summary in English only, published with a registrar's reason (the parity gate).
    agreement = agreement_into_force(
        by=registrar, summary_fr="", parity_exemption_reason="French summary to follow."
    )
    version_in_force = agreement.versions.get()
    french = _flat(_text(render_agreement_pdf(version_in_force, "fr")))
    assert "[Texte disponible en anglais seulement] Delivery of counter services" in french
    english = _flat(_text(render_agreement_pdf(version_in_force, "en")))
    assert "Delivery of counter services" in english
    assert "[Text available in French only]" not in english


def test_french_only_text_is_marked_in_english_pdf_when_english_is_missing():
    data = builders.snapshot(summary=builders.texts("", "Résumé seulement en français."))
    text = _flat(_text(render_agreement_pdf(builders.document(data), "en")))
    assert "[Text available in French only] Résumé seulement en français." in text


def test_contents_and_outline_give_the_page_of_each_section_when_rendered():
    content = render_agreement_pdf(builders.document(responsibilities=60), "en")
    reader = pypdf.PdfReader(io.BytesIO(content))
    outline = {
        entry.title: reader.get_destination_page_number(entry) + 1 for entry in reader.outline
    }
    assert list(outline) == [
        "1. Recitals and purpose",
        "2. Term and renewal",
        "3. Services and delivery channels",
        "4. Governance",
        "5. Schedule of responsibilities",
        "6. Amendment history",
        "7. Signatures",
    ]
    pages = [page.extract_text() for page in reader.pages]
    for title, page in outline.items():
        assert title in pages[page - 1]
    # The first section starts on the cover page, below the contents; the 60-row schedule
    # runs over several pages before the signatures.
    assert outline["1. Recitals and purpose"] == 1
    assert outline["7. Signatures"] > outline["5. Schedule of responsibilities"] + 1
    # The contents' page numbers are drawn at save time, just before the footer, in order.
    lines = pages[0].splitlines()
    assert lines[-1].endswith("page 1 of " + str(len(pages)))
    assert lines[-1 - len(outline) : -1] == [str(page) for page in outline.values()]


def test_amendment_history_lists_every_version_with_its_changes_when_amended(
    version_in_force, registrar
):
    agreement = version_in_force.agreement
    item = agreement.responsibilities.first()

    def reword(agreement):
        item.text_en = "Issue Medicare cards within five business days."
        item.save()

    second = amendment_signed(
        agreement,
        by=registrar,
        effective_date=builders.EFFECTIVE.replace(year=2023),
        change=reword,
        title="Faster card issuance",
    )
    document = agreement_document(second)
    assert [entry.number for entry in document.history] == [1, 2]
    text = _flat(_text(render_agreement_pdf(document, "en")))
    assert "Version 1 — Original agreement — in effect from 1 April 2021" in text
    assert "Version 2 — Amendment 1: Faster card issuance — in effect from 1 April 2023" in text
    assert "Responsibility reworded" in text
    assert "Issue Medicare cards within five business days." in text
    # The first version's PDF knows nothing of the later amendment.
    first = _flat(_text(render_agreement_pdf(version_in_force, "en")))
    assert "Faster card issuance" not in first


def test_document_history_takes_one_query_when_gathered(
    version_in_force, django_assert_num_queries
):
    with django_assert_num_queries(1):
        agreement_document(version_in_force)


def test_rendering_runs_no_query_when_given_a_document(django_assert_num_queries):
    document = builders.document(responsibilities=5)
    with django_assert_num_queries(0):
        render_agreement_pdf(document, "fr")


def test_unsupported_language_is_refused_when_asked():
    with pytest.raises(ValueError, match="Unsupported language"):
        render_agreement_pdf(builders.document(), "de")
