"""The verification page: an authentic PDF is recognised, a PDF changed by one byte is not, and
nothing is revealed about versions the visitor may not see."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from agreements.services.parties import agreement_grants_sync
from agreements.services.pdfs import version_pdf_get_or_create
from agreements.views import verify as verify_view
from tests.factories import agreement_into_force, amendment_signed

pytestmark = pytest.mark.django_db

FUTURE = datetime.date.today() + datetime.timedelta(days=400)
UNKNOWN = "ab" * 32


def _reword(agreement):
    item = agreement.responsibilities.first()
    item.text_en = "Reworded by a later amendment."
    item.save()


@pytest.fixture
def pdfs(registrar):
    """Stored PDFs: of a public version in force, of a restricted agreement's version, and of a
    public agreement's version signed but not yet in effect."""
    public = agreement_into_force(by=registrar)
    restricted = agreement_into_force(by=registrar, restricted=True)
    upcoming = amendment_signed(public, by=registrar, effective_date=FUTURE, change=_reword)
    for agreement in (public, restricted):
        agreement_grants_sync(agreement=agreement)
    return {
        name: version_pdf_get_or_create(version=version, language="en")[0]
        for name, version in (
            ("public", public.versions.get(number=1)),
            ("restricted", restricted.versions.get()),
            ("upcoming", upcoming),
        )
    }


def _verify_url(language="en"):
    return f"/{language}{reverse('agreement_pdfs:verify')[3:]}"


def _upload(client, content: bytes, **extra):
    upload = SimpleUploadedFile("agreement.pdf", content, content_type="application/pdf")
    return client.post(_verify_url(), {"file": upload, "sha256": ""}, **extra)


def _body(response) -> str:
    """The page without what differs from one request to the next (the CSRF token) or with the
    fingerprint checked (echoed back as typed)."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r"[0-9a-f]{64}", "<sha256>", html)


def test_authentic_pdf_is_recognised_when_uploaded(client, pdfs):
    pdf = pdfs["public"]
    response = _upload(client, bytes(pdf.content))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Authentic." in html
    assert pdf.version.agreement.reference in html
    assert "version 1 of the agreement below, in English" in html
    assert pdf.sha256 in html
    # Version 2 is signed but not in effect: version 1 is still the current one.
    assert "This is the version in force today." in html


def test_pdf_changed_by_one_byte_is_rejected_when_uploaded(client, pdfs):
    content = bytearray(pdfs["public"].content)
    content[len(content) // 2] ^= 0x01
    html = _upload(client, bytes(content)).content.decode()
    assert "Not found." in html
    assert "Authentic." not in html


def test_pasted_fingerprint_is_recognised_when_it_matches(client, pdfs):
    pdf = pdfs["public"]
    pasted = "SHA256: " + pdf.sha256.upper()
    response = client.post(_verify_url(), {"sha256": pasted})
    assert "Authentic." in response.content.decode()


def test_data_fingerprint_is_recognised_when_it_is_a_snapshot_hash(client, pdfs):
    version = pdfs["public"].version
    response = client.post(_verify_url(), {"sha256": version.snapshot_sha256})
    html = response.content.decode()
    assert "This fingerprint is that of the data of version 1" in html


@pytest.mark.parametrize("hidden", ["restricted", "upcoming"])
def test_hidden_version_answers_exactly_like_an_unknown_hash_when_anonymous(client, pdfs, hidden):
    unknown = client.post(_verify_url(), {"sha256": UNKNOWN})
    secret = client.post(_verify_url(), {"sha256": pdfs[hidden].sha256})
    assert secret.status_code == unknown.status_code == 200
    assert _body(secret) == _body(unknown)
    assert pdfs[hidden].version.agreement.reference not in secret.content.decode()


def test_hidden_version_is_also_unknown_when_uploaded_anonymously(client, pdfs):
    unknown = _upload(client, b"%PDF-1.4 not from the registry")
    secret = _upload(client, bytes(pdfs["restricted"].content))
    assert _body(secret) == _body(unknown)


def test_staff_who_may_view_get_the_answer_when_hash_is_restricted(
    client, pdfs, liaison_officer_of
):
    agreement = pdfs["restricted"].version.agreement
    client.force_login(liaison_officer_of(agreement.parties.first().organization))
    html = client.post(_verify_url(), {"sha256": pdfs["restricted"].sha256}).content.decode()
    assert "Authentic." in html
    assert agreement.reference in html


def test_staff_who_may_not_view_get_not_found_when_hash_is_restricted(
    client, pdfs, liaison_officer_of
):
    outsider = liaison_officer_of(pdfs["public"].version.agreement.parties.first().organization)
    client.force_login(outsider)
    html = client.post(_verify_url(), {"sha256": pdfs["restricted"].sha256}).content.decode()
    assert "Not found." in html


def test_upcoming_version_is_reported_as_not_yet_in_effect_when_staff_check(
    client, pdfs, registrar
):
    client.force_login(registrar)
    html = client.post(_verify_url(), {"sha256": pdfs["upcoming"].sha256}).content.decode()
    assert "This version has been signed but is not in effect yet." in html


def test_replaced_version_says_which_is_current_when_a_later_one_applies(client, registrar):
    agreement = agreement_into_force(by=registrar)
    amendment_signed(
        agreement, by=registrar, effective_date=datetime.date(2023, 4, 1), change=_reword
    )
    first, _ = version_pdf_get_or_create(version=agreement.versions.get(number=1), language="fr")
    html = client.post(_verify_url(), {"sha256": first.sha256}).content.decode()
    assert "This is not the current version: version 2 is in force today." in html


def test_malformed_fingerprint_is_refused_with_its_message_when_pasted(client, pdfs):
    response = client.post(_verify_url(), {"sha256": "not-a-hash"})
    assert response.status_code == 400
    assert str(verify_view.NOT_A_SHA256) in response.content.decode()


def test_empty_form_asks_for_one_of_both_when_submitted(client, pdfs):
    response = client.post(_verify_url(), {"sha256": ""})
    assert response.status_code == 400
    assert str(verify_view.ONE_OF_BOTH) in response.content.decode()


def test_oversized_upload_is_refused_with_a_clear_message_when_too_large(client, pdfs, monkeypatch):
    monkeypatch.setattr(verify_view, "UPLOAD_LIMIT", 1024)
    response = _upload(client, bytes(pdfs["public"].content))
    assert response.status_code == 413
    assert str(verify_view.FILE_TOO_LARGE) in response.content.decode()


def test_oversized_upload_is_dropped_while_read_when_length_is_not_declared(pdfs):
    """A client that declares no or a false length is stopped by the upload handler."""
    handler = verify_view.LimitedUploadHandler(limit=1024)
    handler.new_file("file", "agreement.pdf", "application/pdf", None)
    assert handler.receive_data_chunk(b"x" * 1000, 0) == b"x" * 1000
    with pytest.raises(verify_view.SkipFile):
        handler.receive_data_chunk(b"x" * 100, 1000)
    assert handler.exceeded


def test_form_without_csrf_token_is_refused_when_posted(pdfs):
    client = Client(enforce_csrf_checks=True)
    response = client.post(_verify_url(), {"sha256": pdfs["public"].sha256})
    assert response.status_code == 403


def test_page_and_answer_are_in_french_when_language_is_french(client, pdfs):
    page = client.get(_verify_url("fr")).content.decode()
    assert '<html lang="fr">' in page
    assert "Vérifier le PDF d’une entente" in page
    answer = client.post(_verify_url("fr"), {"sha256": pdfs["public"].sha256}).content.decode()
    assert "Authentique." in answer
    assert "de l’entente ci-dessous, en anglais, telle que le registre l’a publiée." in answer
    assert "C’est la version en vigueur aujourd’hui." in answer
