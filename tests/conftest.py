import pytest

from tests.factories import UserFactory


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
