import pytest
from django.db import transaction

from tests.permissions.builders import matrix_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The matrix's agreements, built once per module inside a transaction rolled back at its
    end; each test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield matrix_world()
        transaction.set_rollback(True)
