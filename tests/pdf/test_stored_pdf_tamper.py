"""A stored PDF cannot be replaced: the database refuses to change or delete it, and a forged row
slipped in by someone able to lift the triggers (a table owner) is neither served nor called
authentic, because every PDF is checked against the SHA-256 recorded when its version was signed."""

import hashlib
from contextlib import contextmanager

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from agreements.models import AgreementVersionPDF
from agreements.pdf import render_agreement_pdf
from agreements.services import pdfs as services
from agreements.services.pdfs import PDFNotAsSigned, version_pdf_get_or_create
from agreements.views.pdf import PDF_WITHHELD

pytestmark = pytest.mark.django_db

TABLE = AgreementVersionPDF._meta.db_table


def _download_url(version, language):
    return reverse(
        "agreement_pdfs:version-pdf",
        kwargs={
            "reference": version.agreement.reference,
            "number": version.number,
            "language": language,
        },
    )


def _verify(client, *, content: bytes | None = None, sha256: str = "") -> str:
    url = f"/en{reverse('agreement_pdfs:verify')[3:]}"
    if content is not None:
        upload = SimpleUploadedFile("agreement.pdf", content, content_type="application/pdf")
        return client.post(url, {"file": upload, "sha256": ""}).content.decode()
    return client.post(url, {"sha256": sha256}).content.decode()


def _forged(content: bytes) -> bytes:
    """The genuine file with one byte changed, as a forger's edit would change it."""
    forged = bytearray(content)
    forged[len(forged) // 2] ^= 0x01
    return bytes(forged)


@contextmanager
def _triggers_lifted():
    """What the table's owner can do and the application's role must not: switch the table's
    triggers off (PostgreSQL) or drop them (SQLite). The test's transaction rolls it all back."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks block ALTER
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
            yield cursor
            cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER USER")
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [TABLE],
            )
            triggers = cursor.fetchall()
            for name, _sql in triggers:
                cursor.execute(f"DROP TRIGGER {name}")
            yield cursor
            for _name, sql in triggers:
                cursor.execute(sql)


def _replace(pdf: AgreementVersionPDF, content: bytes, sha256: str) -> AgreementVersionPDF:
    """Delete the stored row behind the triggers' back and insert a forged one in its place."""
    with _triggers_lifted() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [pdf.pk])  # noqa: S608 (constant)
    return AgreementVersionPDF.objects.create(
        version=pdf.version,
        language=pdf.language,
        content=content,
        sha256=sha256,
        size=len(content),
        generator=pdf.generator,
    )


@pytest.fixture
def stored(version_in_force):
    return version_pdf_get_or_create(version=version_in_force, language="en")[0]


def test_database_refuses_raw_delete_when_sql_bypasses_the_model(stored):
    with (
        pytest.raises(IntegrityError, match="immutable"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [stored.pk])  # noqa: S608
    assert AgreementVersionPDF.objects.get(pk=stored.pk).sha256 == stored.sha256


def test_database_refuses_raw_delete_when_the_queryset_raw_delete_is_used(stored):
    with pytest.raises(IntegrityError, match="immutable"), transaction.atomic():
        AgreementVersionPDF.objects.filter(pk=stored.pk)._raw_delete(using="default")
    assert AgreementVersionPDF.objects.filter(pk=stored.pk).exists()


def test_database_refuses_raw_update_of_the_bytes_when_sql_bypasses_the_model(stored):
    genuine = bytes(stored.content)
    with (
        pytest.raises(IntegrityError, match="immutable"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            f"UPDATE {TABLE} SET content = %s WHERE id = %s",  # noqa: S608
            [_forged(genuine), stored.pk],
        )
    assert bytes(AgreementVersionPDF.objects.get(pk=stored.pk).content) == genuine


def test_signing_records_the_hash_of_each_pdf_when_the_version_is_created(version_in_force):
    for language in ("en", "fr"):
        expected = hashlib.sha256(render_agreement_pdf(version_in_force, language)).hexdigest()
        assert version_in_force.recorded_pdf_sha256(language) == expected


def test_download_is_withheld_when_bytes_were_replaced_under_the_genuine_hash(client, stored):
    genuine = bytes(stored.content)
    _replace(stored, _forged(genuine), stored.sha256)

    response = client.get(_download_url(stored.version, "en"))

    assert response.status_code == 503
    assert response.content.decode() == str(PDF_WITHHELD)
    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response


def test_download_is_withheld_when_the_row_was_replaced_with_its_own_hash(client, stored):
    forged = _forged(bytes(stored.content))
    _replace(stored, forged, hashlib.sha256(forged).hexdigest())

    response = client.get(_download_url(stored.version, "en"))

    assert response.status_code == 503
    assert response.content.decode() == str(PDF_WITHHELD)
    # Not even a conditional request learns that the forged fingerprint is "current".
    again = client.get(
        _download_url(stored.version, "en"),
        HTTP_IF_NONE_MATCH=f'"{hashlib.sha256(forged).hexdigest()}"',
    )
    assert again.status_code == 503


def test_forged_pdf_is_not_authentic_when_uploaded_or_pasted(client, stored):
    forged = _forged(bytes(stored.content))
    forged_sha256 = hashlib.sha256(forged).hexdigest()
    _replace(stored, forged, forged_sha256)

    for html in (_verify(client, content=forged), _verify(client, sha256=forged_sha256)):
        assert "Not found." in html
        assert "Authentic." not in html
        assert stored.version.agreement.reference not in html


def test_genuine_pdf_is_still_authentic_when_the_stored_copy_was_replaced(client, stored):
    genuine = bytes(stored.content)
    forged = _forged(genuine)
    _replace(stored, forged, hashlib.sha256(forged).hexdigest())

    html = _verify(client, content=genuine)

    assert "Authentic." in html
    assert "version 1 of the agreement below, in English" in html


def test_forged_pdf_is_caught_when_inserted_before_the_genuine_one_was_stored(
    client, version_in_force
):
    """No trigger stands in the way of an INSERT: a forger with the application's own rights
    could store a PDF for a language nobody has downloaded yet."""
    genuine = render_agreement_pdf(version_in_force, "fr")
    forged = _forged(genuine)
    AgreementVersionPDF.objects.create(
        version=version_in_force,
        language="fr",
        content=forged,
        sha256=hashlib.sha256(forged).hexdigest(),
        size=len(forged),
        generator="forger",
    )

    response = client.get(_download_url(version_in_force, "fr"))
    html = _verify(client, content=forged)

    assert response.status_code == 503
    assert forged not in response.content
    assert "Authentic." not in html
    assert "Not found." in html


def test_nothing_is_stored_or_served_when_rendering_no_longer_gives_the_signed_pdf(
    client, version_in_force, monkeypatch
):
    """E.g. the layout changed after signing, and the genuine row was removed since."""
    render = services.render_agreement_pdf
    monkeypatch.setattr(
        services, "render_agreement_pdf", lambda document, language: render(document, language)[:-1]
    )

    with pytest.raises(PDFNotAsSigned):
        version_pdf_get_or_create(version=version_in_force, language="en")
    response = client.get(_download_url(version_in_force, "en"))

    assert response.status_code == 503
    assert response.content.decode() == str(PDF_WITHHELD)
    assert not AgreementVersionPDF.objects.filter(version=version_in_force).exists()


# No serialized_rollback: see tests/lifecycle/test_version_immutability.py.
@pytest.mark.django_db(transaction=True)
def test_flush_empties_stored_pdfs_and_keeps_the_guard(version_in_force):
    version_pdf_get_or_create(version=version_in_force, language="en")

    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)

    assert not AgreementVersionPDF.objects.exists()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE]
            )
            triggers = {row[0] for row in cursor.fetchall()}
        assert triggers == {"agreements_pdf_no_delete", "agreements_pdf_no_update"}
