"""A governance body's meeting frequency is a choice, said in the reader's language on the page and
in the PDF; versions signed while it was free text keep their words."""

import importlib

import pytest
from django.apps import apps

from agreements.documents import agreement_document
from agreements.models import GovernanceBody
from agreements.pdf import render_agreement_pdf
from tests.factories import GovernanceBodyFactory
from tests.pdf.builders import document, snapshot
from tests.pdf.conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def governed(registrar, publish):
    body = GovernanceBodyFactory(meeting_frequency=GovernanceBody.MeetingFrequency.QUARTERLY)
    return publish(governing_body=body)


def test_snapshot_freezes_both_labels(governed):
    frozen = governed.versions.get().snapshot["agreement"]["governing_body"]["meeting_frequency"]
    assert frozen == {
        "code": "quarterly",
        "label": {"en": "Every quarter", "fr": "Chaque trimestre"},
    }


@pytest.mark.parametrize(
    ("language", "shown", "absent"),
    [("en", "Every quarter", "Chaque trimestre"), ("fr", "Chaque trimestre", "Every quarter")],
)
def test_page_says_it_in_the_page_language(client, governed, language, shown, absent):
    html = client.get(f"/{language}/agreements/{governed.reference}/").content.decode()
    assert shown in html
    assert absent not in html


def test_french_pdf_says_it_in_french(governed):
    version = governed.versions.get()
    text = " ".join(pdf_text(render_agreement_pdf(agreement_document(version), "fr")))
    assert "Chaque trimestre" in text
    assert "Every quarter" not in text


def test_a_version_signed_with_free_text_keeps_it():
    old = snapshot()
    old["agreement"]["governing_body"]["meeting_frequency"] = "Quarterly"
    text = " ".join(pdf_text(render_agreement_pdf(document(old), "en")))
    assert "Quarterly" in text


def test_migration_maps_the_phrases_entered_so_far(registrar):
    migration = importlib.import_module("agreements.migrations.0010_meeting_frequency_choices")
    bodies = {
        phrase: GovernanceBodyFactory()
        for phrase in ("Quarterly", "twice a year.", "Trimestrielle", "When the minister asks")
    }
    for phrase, body in bodies.items():
        GovernanceBody.objects.filter(pk=body.pk).update(meeting_frequency=phrase)
    migration.phrases_to_choices(apps, None)
    assert {
        phrase: GovernanceBody.objects.get(pk=body.pk).meeting_frequency
        for phrase, body in bodies.items()
    } == {
        "Quarterly": "quarterly",
        "twice a year.": "twice_a_year",
        "Trimestrielle": "quarterly",
        "When the minister asks": "When the minister asks",  # kept as typed, nothing lost
    }
