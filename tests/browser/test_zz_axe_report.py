import pytest
from tests.browser.conftest import axe_violations
from tests.browser.test_public_site import PAGES
pytestmark = [pytest.mark.django_db(transaction=True)]
def test_report(live_server, page, demo_registry):
    for language in ("en", "fr"):
        for name, path in PAGES.items():
            page.goto(f"{live_server.url}/{language}/{path}")
            page.add_script_tag(path="node_modules/axe-core/axe.min.js")
            result = page.evaluate("async () => await axe.run(document)")
            v = [(x["id"], x["impact"], len(x["nodes"])) for x in result["violations"]]
            print(f"\nAXE {language} {name}: passes={len(result['passes'])} violations={v} incomplete={len(result['incomplete'])}", flush=True)
