"""Outside the admin, a session that still owes its two-factor code counts as anonymous: a
password alone does not open a restricted agreement's PDF."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import agreement_into_force
from tests.two_factor import session_verify

pytestmark = [pytest.mark.django_db, pytest.mark.real_2fa]


@pytest.fixture
def restricted_pdf_url(registrar):
    version = agreement_into_force(by=registrar, restricted=True).versions.get()
    return reverse(
        "agreement_pdfs:version-pdf",
        kwargs={"reference": version.agreement.reference, "number": 1, "language": "en"},
    )


def test_restricted_pdf_not_found_when_session_unverified(registrar, restricted_pdf_url):
    client = Client()
    client.force_login(registrar)

    response = client.get(restricted_pdf_url)

    assert response.status_code == 404
    assert b"%PDF" not in response.content


def test_restricted_pdf_served_when_session_verified(registrar, restricted_pdf_url):
    client = Client()
    client.force_login(registrar)
    session_verify(client, registrar)

    response = client.get(restricted_pdf_url)

    assert response.status_code == 200
    assert (
        b"".join(response.streaming_content if response.streaming else [response.content])[:4]
        == b"%PDF"
    )
