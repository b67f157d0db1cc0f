"""Login throttling: five failed sign-ins lock one username from one address; a registrar can
unlock it."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from accounts.throttling import LOCKED_OUT_MESSAGE, LOCKED_OUT_TITLE
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
ATTACKER_IP = "203.0.113.7"
OTHER_IP = "198.51.100.20"
LOCKED_TEXT = str(LOCKED_OUT_MESSAGE).format(minutes=15)


def sign_in(client, username, password, *, ip=ATTACKER_IP):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def fail_five_times(client, username, *, ip=ATTACKER_IP):
    for _ in range(5):
        sign_in(client, username, "wrong password", ip=ip)


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", is_staff=True)


def test_right_password_refused_with_lockout_message_when_five_failures(client, officer):
    fail_five_times(client, "officer")

    response = sign_in(client, "officer", PASSWORD)

    assert response.status_code == 429
    content = response.content.decode()
    assert str(LOCKED_OUT_TITLE) in content
    assert LOCKED_TEXT in content
    assert "_auth_user_id" not in client.session


def test_right_password_signs_in_when_four_failures(client, officer):
    for _ in range(4):
        sign_in(client, "officer", "wrong password")

    response = sign_in(client, "officer", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)
    assert not AccessAttempt.objects.filter(username="officer").exists()  # reset on success


def test_other_address_signs_in_when_one_address_locked(client, officer):
    fail_five_times(client, "officer")

    response = sign_in(client, "officer", PASSWORD, ip=OTHER_IP)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_other_username_signs_in_when_one_username_locked_from_same_address(client, officer):
    UserFactory(username="colleague", is_staff=True)
    fail_five_times(client, "officer")

    response = sign_in(client, "colleague", PASSWORD)

    assert response.status_code == 302


def test_locked_pair_listed_for_registrar_when_locked(client, officer, registrar_client):
    fail_five_times(client, "officer")

    response = registrar_client.get(reverse("accounts_lockouts"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "officer" in content
    assert ATTACKER_IP in content
    attempt = AccessAttempt.objects.get(username="officer")
    assert reverse("accounts_lockout_unlock", args=[attempt.pk]) in content


def test_user_signs_in_when_registrar_unlocks(client, officer, registrar_client):
    fail_five_times(client, "officer")
    attempt = AccessAttempt.objects.get(username="officer")

    response = registrar_client.post(reverse("accounts_lockout_unlock", args=[attempt.pk]))

    assert response.status_code == 302
    assert response.url == reverse("accounts_lockouts")
    assert not AccessAttempt.objects.filter(username="officer").exists()
    response = sign_in(client, "officer", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_unlock_refused_when_not_registrar(client, officer, liaison_officer_of):
    fail_five_times(client, "officer")
    attempt = AccessAttempt.objects.get(username="officer")
    liaison = liaison_officer_of(OrganizationFactory())
    staff = Client()
    staff.force_login(liaison)

    listing = staff.get(reverse("accounts_lockouts"))
    unlock = staff.post(reverse("accounts_lockout_unlock", args=[attempt.pk]))

    assert listing.status_code == 404
    assert unlock.status_code == 404
    assert AccessAttempt.objects.get(pk=attempt.pk).failures_since_start == 5
    assert sign_in(client, "officer", PASSWORD).status_code == 429


def test_lockouts_menu_item_shown_only_to_registrars(registrar_client, minister_office_of):
    minister = Client()
    minister.force_login(minister_office_of(OrganizationFactory()))
    menu_entry = f'"url": "{reverse("accounts_lockouts")}"'

    assert menu_entry in registrar_client.get(reverse("wagtailadmin_home")).content.decode()
    assert menu_entry not in minister.get(reverse("wagtailadmin_home")).content.decode()


def test_address_taken_from_forwarded_header_when_proxy_trusted(client, officer, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        client.post(
            reverse("wagtailadmin_login"),
            {"username": "officer", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"1.2.3.4, {ATTACKER_IP}",
        )

    assert AccessAttempt.objects.get(username="officer").ip_address == ATTACKER_IP
    other = client.post(
        reverse("wagtailadmin_login"),
        {"username": "officer", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=OTHER_IP,
    )
    assert other.status_code == 302


def test_forwarded_header_ignored_when_no_proxy_trusted(client, officer):
    for _ in range(5):
        client.post(
            reverse("wagtailadmin_login"),
            {"username": "officer", "password": "wrong"},
            REMOTE_ADDR=ATTACKER_IP,
            HTTP_X_FORWARDED_FOR=OTHER_IP,
        )

    assert AccessAttempt.objects.get(username="officer").ip_address == ATTACKER_IP


def test_right_password_signs_in_when_cool_off_over(client, officer):
    import datetime

    from django.utils import timezone

    fail_five_times(client, "officer")
    AccessAttempt.objects.filter(username="officer").update(
        attempt_time=timezone.now() - datetime.timedelta(minutes=16)
    )

    response = sign_in(client, "officer", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_cool_off_restarts_when_tried_during_lockout(client, officer):
    import datetime

    from django.utils import timezone

    fail_five_times(client, "officer")
    AccessAttempt.objects.filter(username="officer").update(
        attempt_time=timezone.now() - datetime.timedelta(minutes=14)
    )

    response = sign_in(client, "officer", "another guess")

    assert response.status_code == 429
    attempt = AccessAttempt.objects.get(username="officer")
    assert timezone.now() - attempt.attempt_time < datetime.timedelta(minutes=1)
