"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium, never a downloaded
browser) against pytest-django's live server, and axe-core (npm, node_modules/) checks each page.

They never skip: when Chromium, Playwright or axe-core is missing they fail with one line saying
the command that installs it (`make test` installs axe-core and Playwright itself; Chromium is a
system package), so neither CI nor a developer can pass without running them.
"""

import importlib
import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses database access from
# a thread with a running loop unless told this is intended (it is: the loop only drives the
# browser, and the test's database calls stay synchronous).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# What each missing piece is, and the one command that installs it.
INSTALL = {
    "chromium": f"Chromium ({CHROMIUM}) is not installed: install it with `sudo apt-get install -y chromium`",
    "axe": f"axe-core ({AXE.relative_to(ROOT)}) is not installed: run `make test`, which runs `npm ci`",
    "playwright": "the playwright Python package is not installed: run `make test`, which installs it",
}


def _missing() -> list[str]:
    missing = []
    if not CHROMIUM.exists():
        missing.append(INSTALL["chromium"])
    if not AXE.exists():
        missing.append(INSTALL["axe"])
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append(INSTALL["playwright"])
    return missing


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session. When anything it needs is missing, each browser
    test fails with the command that installs it, and no traceback."""
    missing = _missing()
    if missing:
        pytest.fail("Browser tests cannot run: " + "; ".join(missing) + ".", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="en-CA"
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def site_pages_ensure() -> None:
    """Recreate the public site's page tree when a transactional test before this one flushed
    the database (a flush keeps no migration data). Uses the data migrations' own functions, so
    the tree is the one `migrate` builds."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    from cms.models import HomePage

    if HomePage.objects.exists():
        return
    Locale.objects.get_or_create(language_code="en")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(
            instance=Page(
                title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)
            )
        )
    for name, function in (
        ("0002_create_home_page", "create_home_page"),
        ("0004_create_public_site_pages", "create_pages"),
    ):
        module = importlib.import_module(f"cms.migrations.{name}")
        getattr(module, function)(apps, None)


@pytest.fixture
def demo_registry(registrar):
    """The public site's pages and the demo data, whose agreements in force or ended the loader
    signs through the lifecycle (versions, PDFs on commit, search entries)."""
    from agreements.models import Agreement
    from opendata.demo import demo_load

    site_pages_ensure()
    demo_load(by=registrar)
    return Agreement.objects.published()


def axe_violations(page, *, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core on the page; the violations of the given impacts, with their nodes."""
    # Evaluated, not added as a <script> tag: the site's Content-Security-Policy refuses inline
    # scripts, and DevTools evaluation is not subject to it.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
        if violation["impact"] in impacts
    ]


def screenshot(page, name: str) -> Path:
    """Save the top of the page (at most 2,400 px high) as docs/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = min(page.evaluate("document.documentElement.scrollHeight"), 2400)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(
        path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": 1280, "height": height}
    )
    return path
