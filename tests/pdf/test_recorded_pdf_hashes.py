"""Versions signed before the PDF hashes were recorded get them from migration 0008 (the stored
PDF's, or a fresh rendering's), and a version without recorded hashes is still checked, against
a fresh rendering, before its PDF is served."""

import hashlib
import importlib

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from agreements.models import AgreementVersion, AgreementVersionPDF
from agreements.pdf import render_agreement_pdf
from agreements.services import versions as version_services
from agreements.services.pdfs import version_pdf_get_or_create
from tests.factories import agreement_into_force

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("agreements.migrations.0008_protect_stored_pdfs")


class _SchemaEditor:
    """What the migration's RunPython functions use of a schema editor."""

    connection = connection

    def execute(self, sql, params=None):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


@pytest.fixture
def unrecorded(registrar, monkeypatch):
    """A version signed the way it was before its PDF hashes were recorded."""
    monkeypatch.setattr(version_services, "version_pdf_hashes", lambda *, version: {})
    version = agreement_into_force(by=registrar).versions.get()
    monkeypatch.undo()
    assert (version.pdf_sha256_en, version.pdf_sha256_fr) == (None, None)
    return version


def test_migration_records_stored_and_rendered_hashes_when_versions_have_none(unrecorded):
    english, _ = version_pdf_get_or_create(version=unrecorded, language="en")
    french = hashlib.sha256(render_agreement_pdf(unrecorded, "fr")).hexdigest()

    with transaction.atomic():
        MIGRATION.record_pdf_hashes(apps, _SchemaEditor())

    version = AgreementVersion.objects.get(pk=unrecorded.pk)
    assert (version.pdf_sha256_en, version.pdf_sha256_fr) == (english.sha256, french)
    stored = AgreementVersionPDF.objects.get(version=version, language="fr")
    assert stored.sha256 == hashlib.sha256(bytes(stored.content)).hexdigest() == french
    # The versions' UPDATE trigger was lifted for the migration only.
    with (
        pytest.raises(IntegrityError, match="immutable"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE agreements_agreementversion SET pdf_sha256_en = NULL WHERE id = %s",
            [version.pk],
        )


def test_forged_pdf_is_withheld_when_its_version_has_no_recorded_hash(client, unrecorded):
    genuine = render_agreement_pdf(unrecorded, "en")
    forged = genuine.replace(b"%PDF-", b"%PDF-\n% forged\n", 1)
    AgreementVersionPDF.objects.create(
        version=unrecorded,
        language="en",
        content=forged,
        sha256=hashlib.sha256(forged).hexdigest(),
        size=len(forged),
        generator="forger",
    )
    url = reverse(
        "agreement_pdfs:version-pdf",
        kwargs={"reference": unrecorded.agreement.reference, "number": 1, "language": "en"},
    )

    assert client.get(url).status_code == 503
    french = client.get(url.replace("/en.pdf", "/fr.pdf"))
    assert french.status_code == 200
    assert french.content == render_agreement_pdf(unrecorded, "fr")
