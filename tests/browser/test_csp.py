"""Under the Content-Security-Policy, the public site and the staff admin work in a browser: no
page reports a policy violation, and the admin's scripts still build rows and open choosers
without an error.

Every page is opened in the suite's shared headless Chromium with a listener, installed before
any of the page's own scripts, for `securitypolicyviolation` events; Chromium's console
messages about the policy are collected too, and uncaught script errors separately.
"""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from agreements.models import Agreement
from cms.models import HomePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
        `(${event.sourceFile}:${event.lineNumber}) ${event.sample}`
    );
});
"""
POLICY_MESSAGE = re.compile(r"Content.Security.Policy|Refused to", re.IGNORECASE)
REFERENCE = "SNB-2021-004"

PUBLIC_PAGES = [
    "/en/",
    "/fr/",
    "/en/agreements/?q=driver",
    f"/en/agreements/{REFERENCE}/",
    f"/fr/agreements/{REFERENCE}/",
    "/en/jurisdictions/",
    "/en/jurisdictions/new-brunswick/",
    "/en/network/",
    "/en/verify/",
]


class Browser:
    """A browser context that records policy violations and console policy messages for every
    page it opens (`visit`), and uncaught script errors (`errors`)."""

    def __init__(self, chromium, base_url: str, session: str | None = None):
        self.context = chromium.new_context(base_url=base_url, locale="en-CA")
        if session:
            self.context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}]
            )
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.page = self.context.new_page()
        self.page.set_default_timeout(20_000)
        self.problems: list[str] = []
        self.errors: list[str] = []
        self.page.on(
            "console",
            lambda message: (
                self.problems.append(f"console: {message.text}")
                if POLICY_MESSAGE.search(message.text)
                else None
            ),
        )
        self.page.on("pageerror", lambda error: self.errors.append(f"{self.page.url}: {error}"))

    def visit(self, path: str) -> dict[str, list[str]]:
        """Open `path`, wait for the page to settle; the problems it reported, if any."""
        response = self.page.goto(path)
        assert response is not None and response.status == 200, (path, response and response.status)
        assert self.page.url.endswith(path), f"{path} redirected to {self.page.url}"
        self.page.wait_for_load_state("networkidle")
        return self.collected(path)

    def collected(self, label: str) -> dict[str, list[str]]:
        found = self.page.evaluate("window.__cspViolations || []") + self.problems
        self.problems = []
        return {label: found} if found else {}

    def close(self) -> None:
        self.context.close()


def report(found: dict[str, list[str]]) -> str:
    return "\n".join(
        f"{page}: {problem}" for page, problems in found.items() for problem in problems
    )


def signed_in_session(client, user) -> str:
    """A signed-in session id for `user` (verified by two-factor authentication, as tests'
    `force_login` gives: tests/conftest.py)."""
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def registrar_browser(chromium, live_server, client, registrar, demo_registry):
    browser = Browser(chromium, live_server.url, signed_in_session(client, registrar))
    yield browser
    browser.close()


def test_public_pages_report_no_policy_violation(chromium, live_server, demo_registry):
    browser = Browser(chromium, live_server.url)
    found = {}
    for path in PUBLIC_PAGES:
        found.update(browser.visit(path))
    browser.close()
    assert found == {}, report(found)


def test_sign_in_page_reports_no_policy_violation(chromium, live_server, db):
    browser = Browser(chromium, live_server.url)
    found = browser.visit(reverse("wagtailadmin_login"))
    assert browser.page.locator("input[name=password]").count() == 1
    browser.close()
    assert found == {}, report(found)


def test_admin_pages_report_no_policy_violation_when_registrar_works(registrar_browser):
    draft = Agreement.objects.filter(state=Agreement.State.DRAFT).order_by("pk").first()
    in_force = Agreement.objects.get(reference=REFERENCE)
    home = HomePage.objects.first()
    pages = [
        reverse("wagtailadmin_home"),
        reverse("agreements:index"),
        reverse("agreements:add"),
        reverse("agreements:edit", args=[draft.pk]),
        reverse("agreements:inspect", args=[in_force.pk]),
        reverse("agreements:change_history", args=[in_force.pk]),
        reverse("agreement_lifecycle:overview", args=[in_force.pk]),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("agreements_accountability_briefs"),
        reverse("responsibilities:index"),
        reverse("organisations:index"),
        reverse("positions:index"),
        reverse("wagtailadmin_account"),
        reverse("wagtailadmin_pages:edit", args=[home.pk]),
    ]
    found = {}
    for path in pages:
        found.update(registrar_browser.visit(path))
    assert found == {}, report(found)


def test_admin_scripts_run_when_editor_adds_rows_and_chooses(registrar_browser):
    """Inline rows, date pickers and choosers are built by the admin's scripts: they still work
    under the policy, and report nothing while doing so."""
    page = registrar_browser.page
    draft = Agreement.objects.filter(state=Agreement.State.DRAFT).order_by("pk").first()
    found = registrar_browser.visit(reverse("agreements:edit", args=[draft.pk]))
    page.get_by_role("tab", name="Parties and responsibilities").click()
    responsibilities = page.locator("#id_responsibilities-FORMS > *")
    before = responsibilities.count()
    page.locator("#id_responsibilities-ADD").click()
    assert responsibilities.count() == before + 1
    page.locator("#id_parties-ADD").click()
    new_party = int(page.locator("#id_parties-TOTAL_FORMS").input_value()) - 1
    page.locator(
        f"#id_parties-{new_party}-organization-chooser [data-chooser-action-choose]"
    ).click()
    page.locator(".modal").get_by_role("link").first.wait_for()
    found.update(registrar_browser.collected("edit form after adding rows and opening a chooser"))
    assert found == {}, report(found)
    assert registrar_browser.errors == []
