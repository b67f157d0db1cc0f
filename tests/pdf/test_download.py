"""Downloading a version's PDF: who may (anonymous: published versions only; staff: any version
of an agreement they may view), and what the response says about the file."""

import datetime
import hashlib

import pytest
from django.urls import reverse

from agreements.models import AgreementVersionPDF
from agreements.services.parties import agreement_grants_sync
from tests.factories import agreement_into_force, amendment_signed

pytestmark = pytest.mark.django_db

FUTURE = datetime.date.today() + datetime.timedelta(days=400)


def url(version, language="en"):
    return reverse(
        "agreement_pdfs:version-pdf",
        kwargs={
            "reference": version.agreement.reference,
            "number": version.number,
            "language": language,
        },
    )


def _reword(agreement):
    item = agreement.responsibilities.first()
    item.text_en = "Reworded by an amendment that takes effect next year."
    item.save()


@pytest.fixture
def cast(registrar, liaison_officer_of, client):
    """A public version in force, a restricted one, a signed version not yet in effect, and
    staff of a party organisation and of another organisation."""
    public = agreement_into_force(by=registrar)
    restricted = agreement_into_force(by=registrar, restricted=True)
    upcoming = amendment_signed(public, by=registrar, effective_date=FUTURE, change=_reword)
    party_organization = restricted.parties.first().organization
    insider = liaison_officer_of(party_organization)
    outsider = liaison_officer_of(public.parties.first().organization)
    for agreement in (public, restricted):
        agreement_grants_sync(agreement=agreement)
    return {
        "public": public.versions.get(number=1),
        "upcoming": upcoming,
        "restricted": restricted.versions.get(),
        "insider": insider,
        "outsider": outsider,
        "registrar": registrar,
    }


def _status(client, user, version):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url(version)).status_code


@pytest.mark.parametrize(
    ("who", "which", "status"),
    [
        (None, "public", 200),
        (None, "restricted", 404),
        (None, "upcoming", 404),
        ("insider", "restricted", 200),
        ("outsider", "restricted", 404),
        ("outsider", "public", 200),
        ("outsider", "upcoming", 200),  # staff of a party see its versions before they apply
        ("registrar", "restricted", 200),
        ("registrar", "upcoming", 200),
    ],
)
def test_download_permission_matrix_when_requested(client, cast, who, which, status):
    user = cast[who] if who else None
    assert _status(client, user, cast[which]) == status


def test_unknown_version_is_not_found_when_requested(client, cast):
    version = cast["public"]
    missing = reverse(
        "agreement_pdfs:version-pdf",
        kwargs={"reference": version.agreement.reference, "number": 9, "language": "en"},
    )
    assert client.get(missing).status_code == 404


def test_response_carries_filename_hash_and_etag_when_downloaded(client, cast):
    version = cast["public"]
    response = client.get(url(version, "fr"))
    content = response.content
    digest = hashlib.sha256(content).hexdigest()
    assert response["Content-Type"] == "application/pdf"
    filename = f"{version.agreement.reference}-v1-fr.pdf"
    assert response["Content-Disposition"] == f'inline; filename="{filename}"'
    assert response["X-Content-SHA256"] == digest
    assert response["ETag"] == f'"{digest}"'
    assert response["Repr-Digest"].startswith("sha-256=:")
    assert response["Content-Length"] == str(len(content))
    assert response["Content-Language"] == "fr"
    assert "public" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]  # restricting later must not be outlived
    assert AgreementVersionPDF.objects.get(version=version, language="fr").sha256 == digest


def test_not_modified_is_answered_when_etag_matches(client, cast):
    first = client.get(url(cast["public"]))
    again = client.get(url(cast["public"]), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_staff_only_pdf_is_not_publicly_cached_when_downloaded(client, cast):
    client.force_login(cast["insider"])
    response = client.get(url(cast["restricted"]))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_pdf_is_stored_on_first_request_when_missing(client, cast):
    version = cast["public"]
    assert not AgreementVersionPDF.objects.filter(version=version).exists()
    client.get(url(version, "en"))
    assert AgreementVersionPDF.objects.filter(version=version, language="en").count() == 1


def test_stored_pdf_is_served_in_bounded_queries_when_downloaded(
    client, cast, django_assert_max_num_queries
):
    client.get(url(cast["public"]))
    with django_assert_max_num_queries(4):
        response = client.get(url(cast["public"]))
    assert response.status_code == 200


def test_post_is_refused_when_sent(client, cast):
    assert client.post(url(cast["public"])).status_code == 405
