"""Managing two-factor authentication: new recovery codes, turning it off when optional, and a
registrar's reset after a lost phone."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import TWO_FACTOR_REQUIRED
from accounts.views import RESET_MESSAGE

pytestmark = pytest.mark.django_db


def test_new_recovery_codes_replace_old_when_regenerated(registrar_client, registrar):
    old = StaticDevice.objects.create(user=registrar, name="Recovery codes")
    StaticToken.objects.create(device=old, token="oldcode1")

    response = registrar_client.post(reverse("accounts_two_factor_recovery_codes"))

    assert response.status_code == 302
    content = registrar_client.get(response.url).content.decode()
    codes = list(StaticToken.objects.filter(device__user=registrar).values_list("token", flat=True))
    assert len(codes) == 10
    assert "oldcode1" not in codes
    assert all(code in content for code in codes)


def test_liaison_officer_turns_off_when_optional(client, liaison):
    TOTPDevice.objects.create(user=liaison, name="Authenticator app", confirmed=True)
    StaticDevice.objects.create(user=liaison, name="Recovery codes")
    client.force_login(liaison)

    page = client.get(reverse("accounts_two_factor")).content.decode()
    assert reverse("accounts_two_factor_remove") in page
    response = client.post(reverse("accounts_two_factor_remove"))

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=liaison).exists()
    assert not StaticDevice.objects.filter(user=liaison).exists()
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_turning_off_refused_when_required(client, minister):
    client.force_login(minister)

    page = client.get(reverse("accounts_two_factor")).content.decode()
    assert reverse("accounts_two_factor_remove") not in page
    response = client.post(reverse("accounts_two_factor_remove"), follow=True)

    assert escape(str(TWO_FACTOR_REQUIRED)) in response.content.decode()
    assert TOTPDevice.objects.filter(user=minister, confirmed=True).exists()


def test_user_enrols_again_when_registrar_resets(registrar_client, minister):
    minister_client = Client()
    minister_client.force_login(minister)
    assert minister_client.get(reverse("wagtailadmin_home")).status_code == 200

    confirm = registrar_client.get(reverse("accounts_two_factor_reset", args=[minister.pk]))
    response = registrar_client.post(
        reverse("accounts_two_factor_reset", args=[minister.pk]), follow=True
    )

    assert "minister" in confirm.content.decode()
    assert str(RESET_MESSAGE).format(user="minister") in response.content.decode()
    assert not TOTPDevice.objects.filter(user=minister).exists()
    again = minister_client.get(reverse("wagtailadmin_home"))
    assert again.status_code == 302
    assert again.url.startswith(reverse("accounts_two_factor_enrol"))


def test_reset_button_listed_for_registrar_when_users_shown(registrar_client, minister):
    content = registrar_client.get(reverse("wagtailusers_users:index")).content.decode()

    assert reverse("accounts_two_factor_reset", args=[minister.pk]) in content


def test_reset_refused_when_not_registrar(client, minister, liaison):
    client.force_login(minister)
    device = TOTPDevice.objects.get(user=minister)
    other = Client()
    other.force_login(liaison)

    for actor in (client, other):
        assert (
            actor.get(reverse("accounts_two_factor_reset", args=[minister.pk])).status_code == 404
        )
        assert (
            actor.post(reverse("accounts_two_factor_reset", args=[minister.pk])).status_code == 404
        )
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
