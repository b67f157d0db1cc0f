import pytest
from django.test import Client

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language: a French request or `activate("fr")`
    in one test must not leak into the next (management commands and services translate with
    whatever language is active)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_site_structure():
    """Routing and navigation are cached under a version (cms.routing) that a test's rolled-back
    transaction cannot take back: each test starts, and leaves, with a new version."""
    from cms.routing import raise_version

    raise_version()
    yield
    raise_version()


@pytest.fixture(autouse=True)
def force_login_two_factor_verified(request, monkeypatch):
    """`client.force_login(user)` gives a session verified by two-factor authentication, as
    after a real sign-in with a code: users who must use two-factor (registrars, ministers'
    offices) get a confirmed authenticator if they have none. Tests of two-factor itself opt out
    with `@pytest.mark.real_2fa`; enforcement stays on in test settings."""
    if request.node.get_closest_marker("real_2fa"):
        return
    from tests.two_factor import session_verify

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        session_verify(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def registrar(db):
    """A registrar: staff superuser who manages reference data and everything else."""
    return UserFactory(username="registrar", is_staff=True, is_superuser=True)


@pytest.fixture
def registrar_client(client, registrar):
    client.force_login(registrar)
    return client


@pytest.fixture
def liaison_officer_of(db):
    """Make an active liaison officer of an organisation: `liaison_officer_of(organization)`."""
    from jurisdictions.models import OrganizationRole
    from tests.factories import staff_member

    def make(organization, **kwargs):
        return staff_member(organization=organization, role=OrganizationRole.Role.LIAISON, **kwargs)

    return make


@pytest.fixture
def minister_office_of(db):
    """Make an active member of an organisation's minister's office: `minister_office_of(org)`."""
    from jurisdictions.models import OrganizationRole
    from tests.factories import staff_member

    def make(organization, **kwargs):
        return staff_member(
            organization=organization, role=OrganizationRole.Role.MINISTER, **kwargs
        )

    return make
