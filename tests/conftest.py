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
