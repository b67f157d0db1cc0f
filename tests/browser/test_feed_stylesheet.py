"""A browser opening the Atom feed shows a readable page (the feed's XSL stylesheet), in the
feed's language, with dates written as the rest of the site writes them."""

import datetime

import pytest

from tests.browser.conftest import AXE, site_pages_ensure
from tests.factories import agreement_into_force

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Chromium (since version 14x) puts its own banner above any XSLT-styled document, saying that
# browsers are retiring XSLT; it is not the registry's content, so axe leaves it out.
BROWSER_BANNER = "xslt-warning-banner"


def _axe_violations(page) -> list[tuple[str, list]]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async (banner) => await axe.run({exclude: [[banner]]})", BROWSER_BANNER)
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def published(registrar, django_capture_on_commit_callbacks):
    site_pages_ensure()
    with django_capture_on_commit_callbacks(execute=True):
        return agreement_into_force(
            by=registrar,
            title_en="Passport intake",
            title_fr="Réception des passeports",
            effective_date=datetime.date(2021, 4, 1),
        )


@pytest.mark.parametrize(
    ("language", "heading", "notice", "when"),
    [
        (
            "en",
            "Intergovernmental Agreement Registry: newly published versions",
            "This is a web feed (Atom).",
            "In effect from 1 April 2021",
        ),
        (
            "fr",
            "Registre des ententes intergouvernementales : versions nouvellement publiées",
            "Ceci est un fil de syndication (Atom).",
            "En vigueur depuis le 1er avril 2021",
        ),
    ],
)
def test_feed_shown_as_a_page_when_a_browser_opens_it(
    live_server, page, published, language, heading, notice, when
):
    page.goto(f"{live_server.url}/{language}/feed/")

    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("h1").inner_text() == heading
    assert notice in page.locator("main").inner_text()
    entry = page.locator("main li").first
    assert entry.locator("a").get_attribute("href") == (
        f"{live_server.url}/{language}/agreements/{published.reference}/versions/1/"
    )
    assert " ".join(entry.locator(".when").inner_text().split()) == when
    assert _axe_violations(page) == []
