"""The second sign-in step: a code from the authenticator app, or a recovery code used once."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from accounts.forms import WRONG_CODE
from accounts.two_factor import RECOVERY_DEVICE_NAME
from tests.two_factor import totp_code

pytestmark = [pytest.mark.django_db, pytest.mark.real_2fa]


@pytest.fixture
def device(registrar, authenticator_of):
    return authenticator_of(registrar)


@pytest.fixture
def recovery_code(registrar):
    device = StaticDevice.objects.create(user=registrar, name=RECOVERY_DEVICE_NAME)
    StaticToken.objects.create(device=device, token="abcd2345")
    return "abcd2345"


def verify(client, token, next_url=None):
    data = {"token": token}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("accounts_two_factor_verify"), data)


def test_admin_open_when_code_right(client, registrar, device):
    client.force_login(registrar)

    response = verify(client, totp_code(device), reverse("agreements:index"))

    assert response.status_code == 302
    assert response.url == reverse("agreements:index")
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(reverse("agreements:index")).status_code == 200


def test_code_refused_when_wrong(client, registrar, device):
    client.force_login(registrar)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"

    response = verify(client, wrong)

    assert response.status_code == 200
    assert escape(str(WRONG_CODE)) in response.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_code_refused_when_used_twice(client, registrar, device):
    client.force_login(registrar)
    code = totp_code(device)
    verify(client, code)
    client.post(reverse("wagtailadmin_logout"))
    client.force_login(registrar)

    response = verify(client, code)

    assert response.status_code == 200
    assert escape(str(WRONG_CODE)) in response.content.decode()


def test_recovery_code_works_once(client, registrar, device, recovery_code):
    client.force_login(registrar)

    first = verify(client, recovery_code.upper())

    assert first.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert not StaticToken.objects.filter(token=recovery_code).exists()
    client.post(reverse("wagtailadmin_logout"))
    client.force_login(registrar)
    second = verify(client, recovery_code)
    assert second.status_code == 200
    assert escape(str(WRONG_CODE)) in second.content.decode()


def test_next_ignored_when_other_site(client, registrar, device):
    client.force_login(registrar)

    response = verify(client, totp_code(device), "https://evil.example/")

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_session_key_changed_when_verified(client, registrar, device):
    client.force_login(registrar)
    before = client.session.session_key

    verify(client, totp_code(device))

    assert client.session.session_key != before
