import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import TOTP_DEVICE_NAME
from tests.factories import OrganizationFactory


@pytest.fixture
def organization(db):
    return OrganizationFactory()


@pytest.fixture
def minister(minister_office_of, organization):
    return minister_office_of(organization, username="minister")


@pytest.fixture
def liaison(liaison_officer_of, organization):
    return liaison_officer_of(organization, username="liaison")


@pytest.fixture
def authenticator_of(db):
    """Give a user a confirmed authenticator: `authenticator_of(user)`."""

    def make(user):
        return TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=True)

    return make
