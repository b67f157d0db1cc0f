"""In a browser: on a new agreement, a responsibility's "Responsible party" list offers the
parties entered above on the same form, and the agreement saves in one go with the one chosen
(agreements/static/agreements/admin/responsible-party.js; agreements/views/forms.py)."""

import pytest
from django.urls import reverse

from agreements.models import Agreement
from tests.factories import OrganizationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def registrar_page(chromium, live_server, client):
    registrar = UserFactory(username="browser-registrar-h9", is_staff=True, is_superuser=True)
    client.force_login(registrar)
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def _add_party(page, index: int, name: str) -> None:
    from playwright.sync_api import expect

    page.locator("#id_parties-ADD").click()
    page.locator(f"#id_parties-{index}-organization-chooser [data-chooser-action-choose]").click()
    page.get_by_role("link", name=name).first.click()
    # The chooser modal closes once the organisation is set on the row.
    # (A locator assertion, not wait_for_function: the admin's CSP forbids eval.)
    expect(page.locator(f"#id_parties-{index}-organization")).not_to_have_value("")


def test_responsible_party_chosen_among_two_parties_added_on_same_form(registrar_page):
    page = registrar_page
    snb = OrganizationFactory(name_en="Service New Brunswick")
    health = OrganizationFactory(name_en="Department of Health and Wellness")
    page.goto(reverse("agreements:add"))
    page.fill("#id_reference", "SNB-2026-042")
    page.fill("#id_title_en", "Medicare card renewals at service centres")
    page.select_option("#id_agreement_type", "service_delivery")
    page.get_by_role("tab", name="Parties and responsibilities").click()

    _add_party(page, 0, "Service New Brunswick")
    _add_party(page, 1, "Department of Health and Wellness")
    page.locator("#id_responsibilities-ADD").click()
    select = page.locator("#id_responsibilities-0-responsible_organization")
    select.focus()
    values = select.locator("option").evaluate_all("options => options.map(o => o.value)")
    labels = select.locator("option").evaluate_all("options => options.map(o => o.textContent)")
    assert values == ["", str(snb.pk), str(health.pk)]
    assert "Service New Brunswick" in labels[1]
    assert "Department of Health and Wellness" in labels[2]

    select.select_option(value=str(health.pk))
    page.fill("#id_responsibilities-0-text_en", "Verify eligibility for each renewal.")
    page.locator("#w-editor-form button[type=submit]").first.click()
    page.wait_for_url("**/admin/agreements/")

    agreement = Agreement.objects.get(reference="SNB-2026-042")
    assert sorted(str(p.organization) for p in agreement.parties.all()) == [
        "Department of Health and Wellness",
        "Service New Brunswick",
    ]
    responsibility = agreement.responsibilities.get()
    assert responsibility.responsible_party.organization_id == health.pk
    assert responsibility.text_en == "Verify eligibility for each renewal."
