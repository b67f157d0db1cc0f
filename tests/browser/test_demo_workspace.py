"""In a browser, with the demo loaded: the demo minister's office of Service New Brunswick (the
login `manage.py demologin --role minister` prints) opens the admin, sees its workspace panels
filled by the demo's activity, opens the accountability matrix for a past date and downloads
the brief PDF for the same choice (issue 12, "Done when")."""

import io

import pypdf
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from agreements.demo.accounts import DEMO_STAFF, MINISTER
from jurisdictions.models import Organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAST = "2022-06-30"
# Vice-President, Property Assessment Services of Service New Brunswick on that day, and today.
HOLDER_THEN, HOLDER_NOW = "Kevin MacLean", "Nathalie Chiasson"


@pytest.fixture
def demo_minister_page(chromium, live_server, client, demo_registry, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    minister = get_user_model().objects.get(username=DEMO_STAFF[MINISTER].username)
    client.force_login(minister)  # with its two-factor verification (tests/conftest.py)
    session = client.cookies["sessionid"].value
    context = chromium.new_context(base_url=live_server.url, accept_downloads=True)
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def test_demo_minister_sees_panels_then_matrix_and_brief_when_signed_in(demo_minister_page):
    page = demo_minister_page
    snb = Organization.objects.get(slug=DEMO_STAFF[MINISTER].organization)
    page.goto(reverse("wagtailadmin_home"))
    review = page.locator("section.workspace-panel", has_text="Awaiting my review")
    assert "CA-NB-SIN-2026 — Social Insurance Number Applications" in review.inner_text()
    overdue = page.locator("section.workspace-panel", has_text="Overdue obligations")
    assert int(overdue.locator("[data-count]").inner_text()) > 0
    expiring = page.locator("section.workspace-panel", has_text="Reaching their notice date")
    assert "SNB-2022-015" in expiring.inner_text()
    assert "SNB-2023-014" in expiring.inner_text()
    gaps = page.locator("section.workspace-panel", has_text="Accountability gaps")
    assert "Director, Digital Services" in gaps.inner_text()

    page.goto(reverse("workspace_matrix"))
    page.select_option("#id_organization", value=str(snb.pk))
    page.fill("#id_as_of", PAST)
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(f"**as_of={PAST}**")
    table = page.locator("main table")
    assert HOLDER_THEN in table.inner_text()
    assert HOLDER_NOW not in table.inner_text()

    href = page.locator("a[data-brief-language=en]").get_attribute("href")
    assert f"as_of={PAST}" in href
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.body()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "30 June 2022" in text
    assert HOLDER_THEN in text
