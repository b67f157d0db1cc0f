"""A draft, a restricted and a not-yet-in-force agreement appear on no public surface: not in
lists, search, facet counts, pages by reference, feed, sitemap, network, jurisdiction pages or
downloads. A published agreement beside them shows that each surface does list agreements."""

import pytest

from tests.site.conftest import LANGUAGES
from tests.sitemaps import whole_sitemap

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(publish, unpublished):
    visible = publish(title_en="Heliotrope published accord", title_fr="Accord publié Héliotrope")
    return visible, unpublished


def _secrets(agreement):
    """Every string that would betray the agreement: titles, reference, parties and their
    jurisdictions (each made for this agreement alone by the factories)."""
    values = {agreement.title_en, agreement.title_fr, agreement.reference}
    for party in agreement.parties.select_related("organization__jurisdiction"):
        values |= {party.organization.name_en, party.organization.name_fr}
        values |= {party.organization.slug, party.organization.jurisdiction.slug}
        # Names end the text of an element, so "Province 1" does not match "Province 12".
        values |= {f">{party.organization.jurisdiction.name_en}<"}
    return values


def _assert_hidden(body: str, hidden: dict):
    for kind, agreement in hidden.items():
        for secret in _secrets(agreement):
            assert secret not in body, f"{kind} agreement leaked “{secret}”"


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_unpublished_agreements_absent_when_listing_pages(client, world, language):
    visible, hidden = world
    for path in ("", "agreements/", "network/", "feed/"):
        response = client.get(f"/{language}/{path}")
        assert response.status_code == 200, path
        _assert_hidden(_body(response), hidden)
    browser = _body(client.get(f"/{language}/agreements/"))
    assert visible.reference in browser


@pytest.mark.parametrize("language", LANGUAGES)
def test_unpublished_agreements_not_counted_when_listing_jurisdictions(client, world, language):
    """The tree lists every jurisdiction (reference data is public) but counts only published
    agreements."""
    _visible, hidden = world
    response = client.get(f"/{language}/jurisdictions/")
    body = _body(response)
    hidden_jurisdictions = set()
    for agreement in hidden.values():
        assert agreement.title_en not in body and agreement.reference not in body
        hidden_jurisdictions |= set(
            agreement.parties.values_list("organization__jurisdiction", flat=True)
        )
    stack = list(response.context["roots"])
    while stack:
        node = stack.pop()
        if node.jurisdiction.pk in hidden_jurisdictions:
            assert node.agreements == 0
        stack.extend(node.children)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_unpublished_agreements_absent_when_downloading_results(client, world, fmt):
    visible, hidden = world
    body = _body(client.get(f"/en/agreements/results.{fmt}"))
    assert visible.reference in body
    _assert_hidden(body, hidden)


def test_unpublished_agreements_not_counted_when_filtering_by_their_parties(client, world):
    visible, hidden = world
    for agreement in hidden.values():
        party = agreement.parties.select_related("organization__jurisdiction").first()
        organization = party.organization
        for query in (
            f"organization={organization.slug}",
            f"jurisdiction={organization.jurisdiction.slug}",
        ):
            response = client.get(f"/en/agreements/?{query}")
            assert response.context["results"].total == 0
            for facet in response.context["facets"]:
                for option in facet.options:
                    assert not (option.value == organization.slug and option.count), facet.name


def test_unpublished_agreements_not_found_when_asked_by_reference(client, world):
    _visible, hidden = world
    for agreement in hidden.values():
        for suffix in ("", "versions/1/", "changes/?from=1&to=1"):
            for language in LANGUAGES:
                response = client.get(f"/{language}/agreements/{agreement.reference}/{suffix}")
                assert response.status_code == 404, (agreement.reference, suffix)


def test_unpublished_agreements_absent_when_reading_sitemap(client, world):
    visible, hidden = world
    body = whole_sitemap(client)
    assert visible.reference in body
    for agreement in hidden.values():
        assert agreement.reference not in body


def test_unpublished_agreements_absent_when_reading_their_parties_jurisdiction_pages(client, world):
    _visible, hidden = world
    for agreement in hidden.values():
        for party in agreement.parties.select_related("organization__jurisdiction"):
            jurisdiction = party.organization.jurisdiction
            response = client.get(f"/en/jurisdictions/{jurisdiction.slug}/")
            assert response.status_code == 200
            view = response.context["view"]
            assert view.total_agreements == 0
            assert view.versions == []
            assert view.partners == []
            body = _body(response)
            assert agreement.title_en not in body
            assert agreement.reference not in body


def test_unpublished_agreements_absent_when_searching_their_titles(client, world):
    _visible, hidden = world
    for agreement in hidden.values():
        for language in LANGUAGES:
            word = agreement.title_en.split()[0]
            response = client.get(f"/{language}/agreements/", {"q": word})
            assert response.context["results"].total == 0
            _assert_hidden(_body(response), hidden)


def test_unpublished_versions_pdfs_not_found_when_downloaded(client, world):
    visible, hidden = world
    assert client.get(f"/en/pdf/{visible.reference}/versions/1/fr.pdf").status_code == 200
    for kind in ("restricted", "pending"):
        agreement = hidden[kind]
        for language in ("en", "fr"):
            url = f"/{language}/pdf/{agreement.reference}/versions/1/{language}.pdf"
            assert client.get(url).status_code == 404, (kind, language)


def test_unpublished_versions_not_confirmed_when_their_fingerprint_is_verified(client, world):
    """The verification page answers an unpublished version's fingerprint as it answers an
    unknown one: it confirms nothing and names nothing."""
    _visible, hidden = world
    for kind in ("restricted", "pending"):
        version = hidden[kind].versions.get()
        response = client.post("/en/verify/", {"sha256": version.snapshot_sha256})
        assert response.status_code == 200
        assert response.context["result"] is None
        _assert_hidden(_body(response), {kind: hidden[kind]})
