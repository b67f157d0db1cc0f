"""Staff sessions end after 30 minutes without a request, and when the browser closes."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

IDLE_LIMIT = datetime.timedelta(minutes=30)


@pytest.fixture
def officer_client(client, liaison_officer_of):
    client.force_login(liaison_officer_of(OrganizationFactory()))
    return client


def session_row(client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_cookie_ends_with_browser_when_staff_signs_in(officer_client):
    response = officer_client.get("/admin/")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert response.status_code == 200
    assert (cookie["max-age"], cookie["expires"]) == ("", "")


def test_session_kept_thirty_minutes_from_last_request_when_staff_active(officer_client):
    row = session_row(officer_client)
    row.expire_date = timezone.now() + datetime.timedelta(minutes=1)  # 29 minutes idle
    row.save()
    before = timezone.now()
    assert officer_client.get("/admin/").status_code == 200
    expires = session_row(officer_client).expire_date
    assert before + IDLE_LIMIT <= expires <= timezone.now() + IDLE_LIMIT


def test_sign_in_asked_again_when_idle_thirty_minutes(officer_client):
    row = session_row(officer_client)
    row.expire_date = timezone.now() - datetime.timedelta(seconds=1)  # 30 minutes idle
    row.save()
    response = officer_client.get("/admin/agreements/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/agreements/"


def test_session_not_rewritten_when_next_request_within_a_minute(officer_client):
    officer_client.get("/admin/")
    saved = session_row(officer_client).expire_date
    response = officer_client.get("/admin/agreements/")
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert session_row(officer_client).expire_date == saved
