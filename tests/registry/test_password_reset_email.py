"""A password-reset e-mail links to SITE_URL, whatever host the request named, and the reset
link is never written to the logs or the console."""

import logging
import re

import pytest
from django.core import mail

from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

SITE_URL = "https://registry.example.gc.ca"
RESET_LINK = re.compile(r"\S+/admin/password_reset/confirm/[^/\s]+/[^/\s]+/")


@pytest.fixture
def reset_requested(client, settings, liaison_officer_of, caplog, capfd):
    """Ask for a reset of alice's password through a request naming another host, with every
    logger at DEBUG; returns the e-mail and everything logged or printed meanwhile."""
    settings.WAGTAILADMIN_BASE_URL = SITE_URL
    liaison_officer_of(OrganizationFactory(), username="alice", email="alice@example.gc.ca")
    caplog.set_level(logging.DEBUG)
    response = client.post(
        "/admin/password_reset/",
        {"email": "alice@example.gc.ca"},
        HTTP_HOST="attacker.example.com",
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 302
    printed = capfd.readouterr()
    [message] = mail.outbox
    return message, caplog.text + printed.out + printed.err


def test_reset_link_starts_with_site_url_when_request_names_another_host(reset_requested):
    message, _output = reset_requested
    [link] = RESET_LINK.findall(message.body)
    assert link.startswith(f"{SITE_URL}/admin/password_reset/confirm/")
    assert "attacker.example.com" not in message.body


def test_reset_link_not_logged_when_reset_requested(reset_requested):
    message, output = reset_requested
    [link] = RESET_LINK.findall(message.body)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert "password_reset/confirm" not in output
    assert token not in output
