"""A visitor searches, filters, opens an agreement, switches to French and downloads its PDF;
every page type passes axe-core with no serious or critical violation in either language."""

import hashlib
import re

import pytest

from tests.browser.conftest import axe_violations, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

REFERENCE = "SNB-2021-004"
TITLE = "Driver Licensing and Vehicle Registration Services Agreement"


def test_visitor_finds_filters_reads_and_downloads_an_agreement(live_server, page, demo_registry):
    page.goto(live_server.url + "/")
    assert page.url.endswith("/en/")

    page.get_by_label("Search published agreements").fill("driver licence")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/en/agreements/\?q=driver"))
    results = page.locator("ol.results > li")
    assert results.count() >= 1
    assert page.get_by_role("link", name=TITLE, exact=True).count() == 1

    page.get_by_role("group", name="Jurisdiction").get_by_label(
        re.compile("Province of New Brunswick")
    ).check()
    page.get_by_role("button", name="Apply filters").first.click()
    page.wait_for_url(re.compile(r"jurisdiction=new-brunswick"))
    assert page.get_by_role("link", name=re.compile("Remove filter")).count() == 1

    page.get_by_role("link", name=TITLE, exact=True).click()
    page.wait_for_url(re.compile(rf"/en/agreements/{REFERENCE}/$"))
    assert page.locator("h1").inner_text() == TITLE

    page.get_by_role("banner").get_by_role("link", name="Français").click()
    page.wait_for_url(re.compile(rf"/fr/agreements/{REFERENCE}/$"))
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", name="Responsabilités").count() == 1

    link = page.locator(".downloads-box").get_by_role("link", name="PDF en français")
    shown = link.locator("xpath=..").locator(".sha code").inner_text()
    with page.expect_download() as download_info:
        link.click()
    content = open(download_info.value.path(), "rb").read()  # noqa: PTH123, SIM115
    assert content.startswith(b"%PDF")
    assert hashlib.sha256(content).hexdigest() == shown


PAGES = {
    "home": "",
    "browser": "agreements/",
    "agreement": f"agreements/{REFERENCE}/",
    "jurisdiction": "jurisdictions/new-brunswick/",
    "network": "network/",
    "organisation": "jurisdictions/organisations/nb-health/",
    # "As in force on": SNB-2019-001 as it stood between its first and second amendments.
    "as-of": "agreements/SNB-2019-001/?on=2021-06-01",
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_page_types_have_no_serious_accessibility_violations(
    live_server, page, demo_registry, language
):
    found = {}
    for name, path in PAGES.items():
        response = page.goto(f"{live_server.url}/{language}/{path}")
        assert response.status == 200, name
        screenshot(page, f"{name}-{language}")
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    assert found == {}
