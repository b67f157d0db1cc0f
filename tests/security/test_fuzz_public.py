"""Every public query parameter, path segment and form field, sent hostile values by an anonymous
visitor: no answer is a server error, none reflects markup unescaped, nothing is written.

The query parameters are read from the code's own lists (the browser's facets, the network's
filters...), so a parameter added to one of them is fuzzed without touching this file; a test
below fails when a view reads a query parameter that no list declares.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements import search
from cms import browser_query, network, views
from tests.factories import ServiceAreaFactory, agreement_into_force, amendment_signed
from tests.security.fuzz_values import HOSTILE, PER_FIELD, Tally, report

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

# Each public page that reads its query string, with the parameters it reads; {reference} is a
# published agreement's.
QUERY_PAGES = {
    "/en/agreements/": browser_query.PARAMETERS,
    "/en/network/": network.PARAMETERS,
    "/en/agreements/{reference}/changes/": views.CHANGES_PARAMETERS,
    "/sitemap-agreements.xml": ("p",),  # django.contrib.sitemaps' page number
    "/en/verify/": ("sha256",),  # the lookup a signed PDF's QR code opens (verify._lookup)
}
# Pages that read the same parameters as one above, through the same code: sent fewer values.
SAME_PARAMETERS = {
    "/fr/agreements/": browser_query.PARAMETERS,
    "/en/agreements/results.csv": browser_query.PARAMETERS,
    "/fr/agreements/results.json": browser_query.PARAMETERS,
}
# Public addresses with a segment a visitor can change ({} takes the hostile value).
PATHS = (
    "/en/agreements/{}/",
    "/en/agreements/{reference}/versions/{}/",
    "/en/agreements/{}/changes/",
    "/en/jurisdictions/{}/",
    "/en/pdf/{reference}/versions/{}/en.pdf",
    "/en/pdf/{}/versions/1/fr.pdf",
    "/documents/{}/agreement.pdf",
    "/calendar/{}.ics",  # a personal calendar feed's secret token (workspace.calendar_views)
    "/en/{}/",
    "/{}/",
)
# Modules whose views answer the public; the source scan below reads their query parameters.
PUBLIC_VIEW_MODULES = ("cms", "agreements/views/verify.py", "agreements/views/pdf.py")
READ_PARAMETER = re.compile(
    r"""(?:GET|params)\.(?:get|getlist)\(\s*["'](\w+)["']"""
    r"""|read\.\w+\(\s*[\w.]+,\s*["'](\w+)["']"""
)


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for app in ("agreements", "jurisdictions", "cms", "wagtailcore")
        for model in apps.get_app_config(app).get_models()
    }


@pytest.fixture
def site_data(registrar):
    """A published agreement with two public versions, in a country, covering a service area."""
    agreement = agreement_into_force(by=registrar, title_en="Passport intake accord")
    agreement.service_areas.add(ServiceAreaFactory(slug="passports"))

    def reword(working_copy):
        item = working_copy.responsibilities.first()
        item.text_en = "Reworded by the amendment."
        item.save()

    amendment_signed(
        agreement, by=registrar, effective_date=datetime.date(2023, 1, 1), change=reword
    )
    search.index_agreement(agreement_id=agreement.pk)
    return agreement


@pytest.fixture
def tally(client):
    client.raise_request_exception = False
    return Tally()


def _query_string(name: str, encoded: str) -> str:
    return f"{name}={encoded}"


def test_no_server_error_when_any_query_parameter_is_hostile(client, site_data, tally, capsys):
    before = _row_counts()
    inputs = 0
    pages = [(page, names, HOSTILE) for page, names in QUERY_PAGES.items()]
    pages += [(page, names, PER_FIELD) for page, names in SAME_PARAMETERS.items()]
    for template, parameters, values in pages:
        url = template.format(reference=site_data.reference)
        for name in parameters:
            for value in values:
                inputs += 1
                response = client.get(f"{url}?{_query_string(name, value.in_url)}")
                tally.check(response, f"GET {url}?{name}=<{value.name}>")
        # Every parameter hostile at once, with each value.
        for value in HOSTILE:
            query = "&".join(_query_string(name, value.in_url) for name in parameters)
            tally.check(client.get(f"{url}?{query}"), f"GET {url} all=<{value.name}>")

    assert tally.failures == []
    assert _row_counts() == before
    report(capsys, "public query parameters", inputs=inputs, tally=tally)


def test_no_server_error_when_a_path_segment_is_hostile(client, site_data, tally, capsys):
    before = _row_counts()
    inputs = 0
    for template in PATHS:
        for value in HOSTILE:
            inputs += 1
            path = template.replace("{reference}", site_data.reference).format(value.in_url)
            tally.check(client.get(path, follow=True), f"GET {template} <{value.name}>")

    assert tally.failures == []
    assert _row_counts() == before
    report(capsys, "public paths", inputs=inputs, tally=tally)


def test_no_server_error_when_the_verification_form_is_hostile(client, site_data, tally, capsys):
    before = _row_counts()
    inputs = 0
    for value in HOSTILE:
        inputs += 1
        response = client.post("/en/verify/", {"sha256": value.text})
        tally.check(response, f"POST verify sha256=<{value.name}>")
        assert response.status_code == 400
        inputs += 1
        upload = SimpleUploadedFile(value.text[:200] + ".pdf", value.text.encode(errors="replace"))
        response = client.post("/fr/verify/", {"file": upload, "sha256": ""})
        tally.check(response, f"POST verify file=<{value.name}>")
        assert response.status_code == 200
        assert response.context["result"] is None
    for value in PER_FIELD:
        tally.check(client.get(f"/en/verify/?sha256={value.in_url}"), "GET verify")
        tally.check(client.get(f"/en/feed/?page={value.in_url}"), "GET feed")
        tally.check(client.get(f"/robots.txt?{value.in_url}"), "GET robots")

    assert tally.failures == []
    assert _row_counts() == before
    report(capsys, "public forms", inputs=inputs, tally=tally)


def _declared_parameters() -> set[str]:
    return {name for parameters in QUERY_PAGES.values() for name in parameters}


def test_every_query_parameter_a_public_view_reads_is_fuzzed_when_declared():
    files = []
    for module in PUBLIC_VIEW_MODULES:
        path = ROOT / module
        files.extend(sorted(path.glob("*.py")) if path.is_dir() else [path])
    read = {
        name
        for file in files
        for match in READ_PARAMETER.finditer(file.read_text())
        for name in match.groups()
        if name
    }
    assert read, "the scan found no query parameter: has the way views read them changed?"
    assert read - _declared_parameters() == set()
