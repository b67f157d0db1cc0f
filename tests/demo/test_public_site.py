"""After loading, the public finds the demo: the home page, the agreement browser and the
search list the published demo agreements, and never the restricted ones."""

import html
import re

import pytest

from agreements import search
from agreements.models import Agreement, AgreementSearchEntry, AgreementVersion
from agreements.search import current_versions

pytestmark = pytest.mark.django_db

AMENDED = "SNB-2019-001"
RESTRICTED = "CA-NB-VE-2016"


@pytest.fixture
def amended():
    return Agreement.objects.get(reference=AMENDED)


def test_every_published_demo_agreement_indexed_at_its_current_version_when_loaded(demo):
    entries = dict(AgreementSearchEntry.objects.values_list("agreement_id", "version_id"))
    current = dict(current_versions().values_list("agreement_id", "pk"))

    assert len(entries) >= 15
    assert entries == current
    assert set(entries) == set(Agreement.objects.published().values_list("pk", flat=True))


@pytest.mark.parametrize("query", [AMENDED, AMENDED.lower()])
def test_search_finds_demo_agreement_first_when_searched_by_reference(demo, amended, query):
    assert search.search(query, language="en").ids[0] == amended.pk


@pytest.mark.parametrize(("query", "language"), [("Medicare", "en"), ("assurance-maladie", "fr")])
def test_search_finds_demo_agreement_when_searched_by_title_word(demo, amended, query, language):
    assert amended.pk in search.search(query, language=language, limit=50).ids


def test_search_finds_amendment_text_when_latest_version_indexed(demo, amended):
    # Only amendment 2 (version 3) speaks of clients without a fixed address.
    assert search.search("fixed address", language="en").ids == [amended.pk]


def test_search_finds_nothing_when_restricted_demo_agreement_searched(demo):
    restricted = Agreement.objects.get(reference=RESTRICTED)

    assert AgreementVersion.objects.filter(agreement=restricted).exists()
    assert search.search(RESTRICTED, language="en").ids == []


def test_home_page_lists_latest_demo_agreements_when_loaded(demo, client):
    latest = list(
        AgreementVersion.objects.published()
        .order_by("-effective_date", "-number", "agreement__reference")
        .values_list("agreement__reference", flat=True)[:6]
    )

    body = client.get("/en/").content.decode()

    assert len(latest) >= 5
    assert [reference for reference in latest if reference not in body] == []


def test_agreement_browser_lists_every_published_demo_agreement_when_loaded(demo, client):
    published = set(Agreement.objects.published().values_list("reference", flat=True))

    listed = client.get("/en/agreements/results.json").json()["results"]
    first_page = client.get("/en/agreements/").content.decode()

    assert {row["reference"] for row in listed} == published
    assert AMENDED in first_page
    assert RESTRICTED not in first_page


def test_browser_search_finds_demo_agreement_when_searched_by_title_word(demo, client):
    body = client.get("/en/agreements/", {"q": "medicare"}).content.decode()

    assert AMENDED in body


def _text(response) -> str:
    """The page as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(text).split())


def test_amended_agreement_page_shows_every_version_when_loaded(demo, client):
    text = _text(client.get(f"/en/agreements/{AMENDED}/"))

    assert "Version 3, in effect from 1 October 2023" in text
    assert "Parties joined: Department of Social Development" in text
    assert "Responsibilities added: 4.4 — Confirm to Service New Brunswick" in text
    assert "Responsibilities added: 3.4 — Register newcomers" in text
    assert "Version 1 Original agreement 1 April 2019" in text


def test_restricted_demo_agreement_page_not_found_when_anonymous(demo, client):
    assert client.get(f"/en/agreements/{RESTRICTED}/").status_code == 404
