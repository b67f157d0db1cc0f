"""Setting up two-factor authentication: a QR code and key, confirmed with a code from the app,
then recovery codes shown once."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import WRONG_ENROLMENT_CODE
from accounts.two_factor import RECOVERY_CODE_COUNT, secret_for_display
from tests.two_factor import totp_code

pytestmark = [pytest.mark.django_db, pytest.mark.real_2fa]


def test_enrolment_page_shows_qr_code_and_key_when_opened(client, registrar):
    client.force_login(registrar)

    response = client.get(reverse("accounts_two_factor_enrol"))

    assert response.status_code == 200
    content = response.content.decode()
    device = TOTPDevice.objects.get(user=registrar)
    assert not device.confirmed
    assert "<svg" in content
    assert "http://" not in content.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org/2000/svg", ""
    )  # inline, no external resource
    assert secret_for_display(device) in content


def test_same_key_shown_when_enrolment_page_reloaded(client, registrar):
    client.force_login(registrar)
    client.get(reverse("accounts_two_factor_enrol"))
    client.get(reverse("accounts_two_factor_enrol"))

    assert TOTPDevice.objects.filter(user=registrar).count() == 1


def test_device_not_confirmed_when_code_wrong(client, registrar):
    client.force_login(registrar)
    client.get(reverse("accounts_two_factor_enrol"))
    device = TOTPDevice.objects.get(user=registrar)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("accounts_two_factor_enrol"), {"token": wrong})

    assert response.status_code == 200
    assert escape(str(WRONG_ENROLMENT_CODE)) in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_recovery_codes_shown_once_when_code_right(client, registrar):
    client.force_login(registrar)
    client.get(reverse("accounts_two_factor_enrol"))
    device = TOTPDevice.objects.get(user=registrar)

    response = client.post(
        reverse("accounts_two_factor_enrol"),
        {"token": totp_code(device), "next": reverse("agreements:index")},
    )

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts_two_factor_recovery_codes"))
    device.refresh_from_db()
    assert device.confirmed
    codes = list(StaticToken.objects.filter(device__user=registrar).values_list("token", flat=True))
    assert len(codes) == RECOVERY_CODE_COUNT
    shown = client.get(response.url)
    content = shown.content.decode()
    assert all(code in content for code in codes)
    assert f'href="{reverse("agreements:index")}"' in content
    again = client.get(response.url)
    assert again.status_code == 302
    assert not any(code in again.content.decode() for code in codes)


def test_admin_open_when_enrolment_confirmed(client, minister):
    client.force_login(minister)
    client.get(reverse("accounts_two_factor_enrol"))
    device = TOTPDevice.objects.get(user=minister)
    client.post(reverse("accounts_two_factor_enrol"), {"token": totp_code(device)})

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_liaison_officer_can_enrol_from_account_page(client, liaison):
    client.force_login(liaison)

    account = client.get(reverse("wagtailadmin_account")).content.decode()
    assert reverse("accounts_two_factor") in account
    page = client.get(reverse("accounts_two_factor")).content.decode()
    assert reverse("accounts_two_factor_enrol") in page
    client.get(reverse("accounts_two_factor_enrol"))
    device = TOTPDevice.objects.get(user=liaison)
    response = client.post(reverse("accounts_two_factor_enrol"), {"token": totp_code(device)})

    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_enrolment_sends_to_verification_when_already_enrolled(client, registrar, authenticator_of):
    authenticator_of(registrar)
    client.force_login(registrar)

    response = client.get(reverse("accounts_two_factor_enrol"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts_two_factor_verify"))
    assert TOTPDevice.objects.filter(user=registrar).count() == 1
