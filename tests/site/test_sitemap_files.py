"""The sitemap is an index of files of a bounded size (cms.sitemaps): whatever the registry's
size, each published agreement is listed once per language, in exactly one file."""

import re

import pytest

from cms import sitemaps
from tests.factories import agreement_into_force
from tests.site.conftest import LANGUAGES
from tests.sitemaps import sitemap_files, whole_sitemap

pytestmark = pytest.mark.django_db

LOC = re.compile(r"<url><loc>(.*?)</loc>")


@pytest.fixture
def three_published(registrar):
    return [agreement_into_force(by=registrar) for _ in range(3)]


def test_index_lists_every_section_when_the_sitemap_is_read(client, three_published):
    assert sitemap_files(client) == [
        "/sitemap-pages.xml",
        "/sitemap-agreements.xml",
        "/sitemap-versions.xml",
        "/sitemap-jurisdictions.xml",
    ]


def test_agreements_listed_once_per_language_across_pages_when_a_section_outgrows_a_file(
    client, three_published, monkeypatch
):
    # Two addresses per file: three agreements in two languages take three files.
    monkeypatch.setattr(sitemaps._Localized, "limit", 2)
    files = [path for path in sitemap_files(client) if path.startswith("/sitemap-agreements")]
    assert files == [
        "/sitemap-agreements.xml",
        "/sitemap-agreements.xml?p=2",
        "/sitemap-agreements.xml?p=3",
    ]
    listed = []
    for path in files:
        found = LOC.findall(client.get(path).content.decode())
        assert len(found) == 2, path
        listed += found
    expected = sorted(
        f"http://testserver/{language}/agreements/{agreement.reference}/"
        for agreement in three_published
        for language in LANGUAGES
    )
    assert sorted(listed) == expected


@pytest.mark.parametrize("page", ["4", "0", "two", "-1"])
def test_page_not_found_when_past_the_last_or_not_a_number(
    client, three_published, monkeypatch, page
):
    monkeypatch.setattr(sitemaps._Localized, "limit", 2)
    assert client.get("/sitemap-agreements.xml", {"p": page}).status_code == 404


def test_unknown_section_not_found_when_requested(client):
    assert client.get("/sitemap-drafts.xml").status_code == 404


def test_whole_sitemap_holds_alternates_when_read_file_by_file(client, three_published):
    body = whole_sitemap(client)
    reference = three_published[0].reference
    assert f'hreflang="fr" href="http://testserver/fr/agreements/{reference}/"' in body
    assert f'hreflang="x-default" href="http://testserver/agreements/{reference}/"' in body
