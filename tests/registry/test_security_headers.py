"""Every response carries the Content-Security-Policy and Permissions-Policy headers: public
pages, the staff admin and the admin's sign-in page alike. Only signed-in admin pages may run
inline scripts."""

import pytest

from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-src": "'self'",
    "frame-ancestors": "'self'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}
# The staff admin's exception (docs/decisions/0012-content-security-policy.md).
ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,
    "script-src": "'self' 'unsafe-inline'",
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "display-capture=()"
)


def directives(header: str) -> dict[str, str]:
    """The policy as {directive: sources} (django-csp does not keep the directives' order)."""
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


@pytest.fixture
def officer_client(client, liaison_officer_of):
    client.force_login(liaison_officer_of(OrganizationFactory()))
    return client


@pytest.mark.parametrize("path", ["/en/", "/fr/agreements/", "/en/no-such-page/", "/robots.txt"])
def test_policies_sent_when_public_path_served(client, path):
    response = client.get(path)
    assert directives(response["Content-Security-Policy"]) == CONTENT_SECURITY_POLICY
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


@pytest.mark.parametrize("path", ["/admin/", "/admin/agreements/", "/admin/reports/site-history/"])
def test_policies_sent_when_staff_page_served(officer_client, path):
    response = officer_client.get(path)
    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == ADMIN_CONTENT_SECURITY_POLICY
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


@pytest.mark.parametrize("path", ["/admin/login/", "/admin/password_reset/"])
def test_public_policy_kept_when_admin_page_open_to_anyone_served(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert b"<form" in response.content
    assert directives(response["Content-Security-Policy"]) == CONTENT_SECURITY_POLICY
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
