"""Staff pages never embed Gravatar images: staff e-mail hashes stay in the registry, and the
admin works offline."""

import pytest

from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/admin/", "/admin/account/", "/admin/agreements/"])
def test_no_gravatar_image_when_staff_page_shown(client, liaison_officer_of, path):
    officer = liaison_officer_of(OrganizationFactory(), email="alice@example.gc.ca")
    client.force_login(officer)
    response = client.get(path)
    body = response.content.decode()
    assert response.status_code == 200
    assert "avatar" in body  # the user menu still shows a (local) avatar
    assert "gravatar" not in body.lower()
