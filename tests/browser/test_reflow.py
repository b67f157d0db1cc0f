"""Phones and WCAG 2.1 AA reflow (1.4.10): every public page type fits a 320 and a 390 CSS px
wide screen in both languages without scrolling sideways, and passes axe-core at 320 px; wide
tables scroll inside focusable, named regions; the responsibilities read row by row on a phone
with "Held by" on screen; the browser's facets fold away on a phone."""

import re

import pytest

from tests.browser.conftest import SCREENSHOTS, axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

AGREEMENT = "SNB-2019-001"  # three signed versions in the demo
ORGANISATION = "nb-health"
WIDTHS = (320, 390)
ALL_IMPACTS = ("minor", "moderate", "serious", "critical")

PAGES = {
    "home": "",
    "browser": "agreements/",
    "browser-results": "agreements/?q=service",
    "agreement": f"agreements/{AGREEMENT}/",
    "version": f"agreements/{AGREEMENT}/versions/1/",
    "changes": f"agreements/{AGREEMENT}/changes/?from=1&to=2",
    "jurisdiction-index": "jurisdictions/",
    "jurisdiction": "jurisdictions/new-brunswick/",
    "network": "network/",
    "editorial": "about/",
    "verification": "verify/",
    "organisation": f"jurisdictions/organisations/{ORGANISATION}/",
}
# Pages shown in docs/screenshots/ as a phone shows them.
PHONE_SCREENSHOTS = ("home", "browser-results", "agreement")


def _phone(chromium, width: int):
    context = chromium.new_context(
        viewport={"width": width, "height": 800}, locale="en-CA", is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    return context, page


def _position_path(page, base: str, language: str) -> str:
    """The path of the first position page the organisation page links to (ids vary by database)."""
    page.goto(f"{base}/{language}/{PAGES['organisation']}")
    href = page.locator("main a[href*='/positions/']").first.get_attribute("href")
    return href.removeprefix(f"/{language}/")


def _pages(page, base: str, language: str) -> dict[str, str]:
    return {**PAGES, "position": _position_path(page, base, language)}


def _page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_page_type_fits_the_screen_when_320_or_390_px_wide(
    live_server, chromium, demo_registry, language
):
    too_wide = {}
    for width in WIDTHS:
        context, page = _phone(chromium, width)
        for name, path in _pages(page, live_server.url, language).items():
            response = page.goto(f"{live_server.url}/{language}/{path}")
            assert response.status == 200, (name, width)
            assert page.locator("html").get_attribute("lang") == language
            if _page_width(page) > width:
                too_wide[f"{name} at {width} px"] = _page_width(page)
            if width == 320 and name in PHONE_SCREENSHOTS:
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(SCREENSHOTS / f"{name}-{language}-320.png"))
        context.close()
    assert too_wide == {}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_page_type_has_no_accessibility_violation_when_320_px_wide(
    live_server, chromium, demo_registry, language
):
    context, page = _phone(chromium, 320)
    found = {}
    for name, path in _pages(page, live_server.url, language).items():
        page.goto(f"{live_server.url}/{language}/{path}")
        violations = axe_violations(page, impacts=ALL_IMPACTS)
        if violations:
            found[name] = violations
    context.close()
    assert found == {}


def test_wide_tables_scroll_in_focusable_regions_named_by_their_caption_when_320_px_wide(
    live_server, chromium, demo_registry
):
    context, page = _phone(chromium, 320)
    page.goto(f"{live_server.url}/en/{PAGES['agreement']}")
    regions = page.locator(".table-wrap")
    assert regions.count() == 6  # parties, three parties' responsibilities, signatures, versions
    for index in range(regions.count()):
        region = regions.nth(index)
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("tabindex") == "0"
        caption = region.locator("caption")
        assert caption.get_attribute("id") == region.get_attribute("aria-labelledby")
    versions = page.get_by_role(
        "region", name="Every signed version, newest first, with what changed"
    )
    assert versions.evaluate("e => e.scrollWidth > e.clientWidth")  # it does scroll at 320 px
    versions.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.activeElement.scrollLeft > 0", timeout=5_000)
    # The visually hidden ", version N" stays inside its scrolling wrapper.
    hidden = page.locator(".table-wrap .visually-hidden").first
    assert hidden.inner_text() == ", version 3"
    assert _page_width(page) == 320
    context.close()


def test_responsibilities_read_row_by_row_with_the_holder_on_screen_when_390_px_wide(
    live_server, chromium, demo_registry
):
    context, page = _phone(chromium, 390)
    page.goto(f"{live_server.url}/en/{PAGES['agreement']}")
    region = page.get_by_role(
        "region", name=re.compile("^Responsibilities of Department of Health")
    )
    assert region.evaluate("e => e.scrollWidth <= e.clientWidth")  # nothing to scroll to
    table = region.get_by_role("table")
    header = table.get_by_role("columnheader", name="Held by")
    assert header.count() == 1  # still a table with its headers for screen readers
    first_row = table.locator("tbody tr").first
    holder = first_row.locator("td").nth(4)  # after clause, obligation, due, last report, position
    box = holder.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert holder.inner_text() == "Amira Saleh"
    label = holder.evaluate("e => getComputedStyle(e, '::before').content")
    assert "Held by" in label
    # Chromium's own accessibility tree still holds a table with its header and cell (the
    # label is decorative: its alternative text is empty, so the cell's name is the holder).
    nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    exposed = {
        (node["role"]["value"], node.get("name", {}).get("value"))
        for node in nodes
        if not node.get("ignored")
    }
    assert {("columnheader", "Held by"), ("cell", "Amira Saleh")} <= exposed
    context.close()


def test_facets_fold_away_on_a_phone_and_stand_open_on_a_wide_screen(
    live_server, chromium, demo_registry
):
    url = f"{live_server.url}/en/{PAGES['browser-results']}"
    context, page = _phone(chromium, 390)
    page.goto(url)
    new_brunswick = page.get_by_role("group", name="Jurisdiction").get_by_label(
        re.compile("Province of New Brunswick")
    )
    assert not new_brunswick.is_visible()
    first_result = page.locator("ol.results > li").first.bounding_box()["y"]
    assert first_result < 1_200  # was 2,774 px down, below every facet
    page.get_by_text("Filters", exact=True).click()
    assert new_brunswick.is_visible()
    context.close()

    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-CA")
    page = context.new_page()
    page.goto(url)
    assert (
        page.get_by_role("group", name="Jurisdiction")
        .get_by_label(re.compile("Province of New Brunswick"))
        .is_visible()
    )
    assert not page.get_by_text("Filters", exact=True).is_visible()
    context.close()


def test_header_language_toggle_wraps_below_the_site_name_when_320_px_wide(
    live_server, chromium, demo_registry
):
    context, page = _phone(chromium, 320)
    page.goto(f"{live_server.url}/fr/")
    toggle = page.get_by_role("banner").get_by_role("link", name="English").bounding_box()
    name = (
        page.get_by_role("banner").get_by_role("link", name=re.compile("^Registre")).bounding_box()
    )
    assert toggle["x"] + toggle["width"] <= 320
    assert toggle["y"] >= name["y"] + name["height"]
    search = page.get_by_role("button", name="Rechercher").bounding_box()
    assert search["x"] + search["width"] <= 320
    context.close()
