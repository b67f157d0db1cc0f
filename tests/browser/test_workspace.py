"""In a browser: a minister's office opens the admin, sees its workspace panels, opens the
accountability matrix for a past date and downloads the brief PDF for the same choice."""

import io

import pypdf
import pytest
from django.urls import reverse

from jurisdictions.models import OrganizationRole
from tests.factories import accountability_world, staff_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def minister_page(chromium, live_server, client, registrar, monkeypatch):
    """The world of tests/factories.accountability_world, and a signed-in member of the
    ministry's minister's office in the suite's headless Chromium."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    world = accountability_world(by=registrar)
    minister = staff_member(
        organization=world["ministry"],
        role=OrganizationRole.Role.MINISTER,
        username="browser-minister",
        is_staff=True,
    )
    client.force_login(minister)  # with its two-factor verification (tests/conftest.py)
    session = client.cookies["sessionid"].value
    context = chromium.new_context(base_url=live_server.url, accept_downloads=True)
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page, world
    context.close()


def test_minister_office_sees_panels_then_matrix_and_brief_when_signed_in(minister_page):
    page, world = minister_page
    page.goto(reverse("wagtailadmin_home"))
    for heading in ("Awaiting my review", "Overdue obligations", "Accountability gaps"):
        assert page.locator("section.workspace-panel", has_text=heading).count() == 1
    review = page.locator("section.workspace-panel", has_text="Awaiting my review")
    assert "WS-REVIEW — Data sharing agreement" in review.inner_text()

    page.locator("section.workspace-panel", has_text="Accountability gaps").get_by_role(
        "link", name="See the full report"
    ).click()
    page.wait_for_url("**/admin/workspace/accountability-gaps/")
    assert "Keep the counters open on Saturdays." in page.inner_text("main")

    page.goto(reverse("workspace_matrix"))
    page.select_option("#id_organization", value=str(world["ministry"].pk))
    page.check("#id_portfolio")
    page.fill("#id_as_of", "2023-06-30")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**as_of=2023-06-30**")
    table = page.locator("main table")
    assert "Alice Archer" in table.inner_text()
    assert "Bob Brown" not in table.inner_text()

    link = page.locator("a[data-brief-language=en]")
    href = link.get_attribute("href")
    assert "as_of=2023-06-30" in href
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.body()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "30 June 2023" in text
    assert "Alice Archer" in text
