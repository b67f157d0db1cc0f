"""Every text of the sign-in security pages goes through gettext (French comes from the
catalogue): rendered with a marking "translation", no unmarked text is left in the page body."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import secret_for_display

pytestmark = [pytest.mark.django_db, pytest.mark.real_2fa]


class MainText(HTMLParser):
    """The text nodes inside <main>, outside <svg>, <code> and <script>."""

    def __init__(self):
        super().__init__()
        self.depth = {"main": 0, "svg": 0, "code": 0, "script": 0}
        self.texts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.depth:
            self.depth[tag] += 1

    def handle_endtag(self, tag):
        if tag in self.depth:
            self.depth[tag] -= 1

    def handle_data(self, data):
        inside = self.depth["main"] and not (
            self.depth["svg"] or self.depth["code"] or self.depth["script"]
        )
        if inside and data.strip() and data.strip() not in {"*", "1.", "2.", "3.", "4."}:
            self.texts.append(data.strip())


@pytest.fixture
def marked(monkeypatch):
    """gettext and friends return «message»."""
    trans = translation._trans
    monkeypatch.setattr(trans, "gettext", lambda message: f"«{message}»", raising=False)
    monkeypatch.setattr(
        trans,
        "ngettext",
        lambda singular, plural, number: f"«{singular if number == 1 else plural}»",
        raising=False,
    )
    monkeypatch.setattr(trans, "pgettext", lambda context, message: f"«{message}»", raising=False)


def unmarked(content: str) -> list[str]:
    parser = MainText()
    parser.feed(content)
    return [text for text in parser.texts if not (text.startswith("«") and text.endswith("»"))]


def test_verification_page_fully_translatable(client, registrar, marked):
    TOTPDevice.objects.create(user=registrar, name="Authenticator app", confirmed=True)
    client.force_login(registrar)

    response = client.post(reverse("accounts_two_factor_verify"), {"token": "000000"})

    assert "«Enter your sign-in code»" in response.content.decode()
    assert unmarked(response.content.decode()) == []


def test_enrolment_page_fully_translatable(client, registrar, marked):
    client.force_login(registrar)

    response = client.post(reverse("accounts_two_factor_enrol"), {"token": "000000"})

    content = response.content.decode()
    assert "«Set up two-factor authentication»" in content
    secret = secret_for_display(TOTPDevice.objects.get(user=registrar))
    assert unmarked(content) == []
    assert secret in content


def test_lockout_page_fully_translatable(client, marked):
    for _ in range(6):
        response = client.post(
            reverse("wagtailadmin_login"), {"username": "nobody", "password": "wrong"}
        )

    assert response.status_code == 429
    assert unmarked(response.content.decode()) == []
