"""Each version's PDF is stored once per language, with its SHA-256, and never changed; a new
version's PDFs are rendered by a task once the version is committed."""

import hashlib

import pytest
from django.db import IntegrityError, connection, transaction

from agreements.models import AgreementVersionPDF
from agreements.models.pdfs import PDF_IMMUTABLE, PDF_NOT_DELETABLE
from agreements.models.versions import VersionImmutable
from agreements.pdf import render_agreement_pdf
from agreements.services import pdfs as services
from agreements.services.pdfs import UNSUPPORTED_LANGUAGE, version_pdf_get_or_create
from tests.factories import agreement_into_force

pytestmark = pytest.mark.django_db


def test_pdf_is_rendered_and_stored_with_its_hash_when_first_asked(version_in_force):
    pdf, created = version_pdf_get_or_create(version=version_in_force, language="fr")
    assert created
    content = bytes(pdf.content)
    assert content == render_agreement_pdf(version_in_force, "fr")
    assert pdf.sha256 == hashlib.sha256(content).hexdigest()
    assert pdf.size == len(content)
    assert pdf.generator.startswith("reportlab ")


def test_stored_pdf_is_returned_without_rendering_when_asked_again(version_in_force, monkeypatch):
    first, _ = version_pdf_get_or_create(version=version_in_force, language="en")

    def refuse(*args, **kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(services, "render_agreement_pdf", refuse)
    again, created = version_pdf_get_or_create(version=version_in_force, language="en")
    assert (again.pk, created) == (first.pk, False)


def test_concurrent_store_returns_the_winner_when_insert_collides(version_in_force, monkeypatch):
    """Another process stores the PDF between our look-up and our insert."""
    winner = {}
    render = services.render_agreement_pdf

    def render_while_another_stores(document, language):
        content = render(document, language)
        winner["pdf"] = AgreementVersionPDF.objects.create(
            version=version_in_force,
            language=language,
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
            generator="another process",
        )
        return content

    monkeypatch.setattr(services, "render_agreement_pdf", render_while_another_stores)
    pdf, created = version_pdf_get_or_create(version=version_in_force, language="en")
    assert (pdf.pk, created) == (winner["pdf"].pk, False)
    assert AgreementVersionPDF.objects.filter(version=version_in_force).count() == 1


def test_second_pdf_for_same_version_and_language_is_refused_when_inserted(version_in_force):
    pdf, _ = version_pdf_get_or_create(version=version_in_force, language="en")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementVersionPDF.objects.create(
            version=version_in_force,
            language="en",
            content=b"%PDF-",
            sha256="0" * 64,
            size=5,
            generator="test",
        )


def test_stored_pdf_cannot_be_changed_or_deleted_when_asked(version_in_force):
    pdf, _ = version_pdf_get_or_create(version=version_in_force, language="en")
    pdf.size = 1
    with pytest.raises(VersionImmutable, match=str(PDF_IMMUTABLE)):
        pdf.save()
    with pytest.raises(VersionImmutable, match=str(PDF_NOT_DELETABLE)):
        pdf.delete()
    rows = AgreementVersionPDF.objects.filter(pk=pdf.pk)
    with pytest.raises(VersionImmutable, match=str(PDF_IMMUTABLE)):
        rows.update(size=1)
    with pytest.raises(VersionImmutable, match=str(PDF_IMMUTABLE)):
        AgreementVersionPDF.objects.bulk_update([pdf], ["size"])
    with pytest.raises(VersionImmutable, match=str(PDF_NOT_DELETABLE)):
        rows.delete()


def test_database_refuses_update_when_sql_bypasses_the_model(version_in_force):
    pdf, _ = version_pdf_get_or_create(version=version_in_force, language="en")
    with (
        pytest.raises(Exception, match="immutable"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE agreements_agreementversionpdf SET size = 1 WHERE id = %s", [pdf.pk])
    assert AgreementVersionPDF.objects.get(pk=pdf.pk).size == pdf.size


def test_other_languages_are_refused_when_asked(version_in_force):
    with pytest.raises(ValueError, match=UNSUPPORTED_LANGUAGE.format(language="de")):
        version_pdf_get_or_create(version=version_in_force, language="de")


def test_both_pdfs_are_stored_by_the_task_when_a_version_is_committed(
    registrar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        agreement = agreement_into_force(by=registrar)
    version = agreement.versions.get()
    assert callbacks  # the PDFs were queued for after the commit, not rendered inside it
    stored = {pdf.language: pdf for pdf in AgreementVersionPDF.objects.filter(version=version)}
    assert set(stored) == {"en", "fr"}
    for language, pdf in stored.items():
        assert bytes(pdf.content) == render_agreement_pdf(version, language)


def test_nothing_is_rendered_when_the_transaction_rolls_back(
    registrar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        agreement_into_force(by=registrar)
    assert callbacks
    assert not AgreementVersionPDF.objects.exists()


def test_task_is_idempotent_when_run_twice(version_in_force):
    from agreements.tasks import render_version_pdfs

    first = render_version_pdfs.enqueue(version_id=version_in_force.pk).return_value
    second = render_version_pdfs.enqueue(version_id=version_in_force.pk).return_value
    assert first == second
    assert set(first) == {"en", "fr"}
    assert AgreementVersionPDF.objects.filter(version=version_in_force).count() == 2
