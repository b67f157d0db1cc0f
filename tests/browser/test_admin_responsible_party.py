"""In a browser: a new agreement's responsibility can name a party added on the same form."""

import pytest
from django.urls import reverse

from agreements.models import Agreement
from tests.factories import OrganizationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def admin_page(chromium, live_server, client, monkeypatch):
    """A signed-in registrar's page in the suite's shared headless Chromium."""
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # ordinary synchronous ones.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    registrar = UserFactory(username="browser-registrar", is_staff=True, is_superuser=True)
    client.force_login(registrar)
    session = client.cookies["sessionid"].value
    context = chromium.new_context(base_url=live_server.url)
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    yield context.new_page()
    context.close()


def test_responsible_party_offers_party_chosen_above_when_agreement_is_new(admin_page):
    page = admin_page
    OrganizationFactory(name_en="Service New Brunswick")
    page.goto(reverse("agreements:add"))
    page.fill("#id_reference", "SNB-2025-009")
    page.fill("#id_title_en", "Counter services")
    page.select_option("#id_agreement_type", "service_delivery")
    page.get_by_role("tab", name="Parties and responsibilities").click()

    page.locator("#id_parties-ADD").click()
    page.locator("#id_parties-0-organization-chooser [data-chooser-action-choose]").click()
    page.get_by_role("link", name="Service New Brunswick").click()
    page.locator("#id_responsibilities-ADD").click()
    select = page.locator("#id_responsibilities-0-responsible_organization")
    select.focus()  # as a person does before opening the list
    select.select_option(label="Service New Brunswick")
    page.fill("#id_responsibilities-0-text_en", "Issue Medicare cards at every centre.")
    page.locator("#w-editor-form button[type=submit]").first.click()
    page.wait_for_url("**/admin/agreements/")

    agreement = Agreement.objects.get(reference="SNB-2025-009")
    responsibility = agreement.responsibilities.get()
    assert str(responsibility.responsible_party.organization) == "Service New Brunswick"
