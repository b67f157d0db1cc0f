"""The address printed beside a signed PDF's QR code (`/verify/?sha256=…`) answers on GET, with
the same rules as the form: nothing about versions the visitor may not see."""

import pytest

from tests.pdf.test_verification import UNKNOWN, _verify_url, pdfs  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def test_snapshot_hash_in_the_address_is_answered(client, pdfs):  # noqa: F811
    version = pdfs["public"].version
    response = client.get(_verify_url(), {"sha256": version.snapshot_sha256})
    assert response.status_code == 200
    html = response.content.decode()
    assert "This fingerprint is that of the data of version 1" in html
    assert version.agreement.reference in html


def test_pdf_hash_in_the_address_in_french(client, pdfs):  # noqa: F811
    response = client.get(_verify_url("fr"), {"sha256": pdfs["public"].sha256})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Authentique." in html
    assert "Authentic." not in html


@pytest.mark.parametrize("hidden", ["restricted", "upcoming"])
def test_hidden_version_answers_like_an_unknown_hash(client, pdfs, hidden):  # noqa: F811
    unknown = client.get(_verify_url(), {"sha256": UNKNOWN}).content.decode()
    secret = client.get(_verify_url(), {"sha256": pdfs[hidden].sha256}).content.decode()
    assert "Not found." in secret
    assert pdfs[hidden].version.agreement.reference not in secret
    assert unknown.count("Not found.") == secret.count("Not found.") == 1


@pytest.mark.parametrize("value", ["not-a-hash", "", "0" * 500])
def test_malformed_hash_in_the_address_is_refused(client, pdfs, value):  # noqa: F811
    response = client.get(_verify_url(), {"sha256": value})
    assert response.status_code == 400
    assert "Authentic." not in response.content.decode()
