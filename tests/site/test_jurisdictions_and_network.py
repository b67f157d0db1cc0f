"""Jurisdiction pages (the tree, and each jurisdiction with its organisations, agreements and
partners) and the network of which governments hold agreements with which."""

import re

import pytest

from tests.factories import JurisdictionFactory, ServiceAreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(publish):
    agreement = publish()
    one, other = (p.organization for p in agreement.parties.select_related("organization"))
    country = JurisdictionFactory(name_en="Dominion of Testland", slug="testland", level="national")
    for organization in (one, other):
        organization.jurisdiction.parent = country
        organization.jurisdiction.save()
    return agreement, one, other, country


def test_jurisdiction_lists_organisations_agreements_and_partners_when_it_has_some(client, linked):
    agreement, one, other, country = linked
    response = client.get(f"/en/jurisdictions/{one.jurisdiction.slug}/")
    view = response.context["view"]
    assert view.ancestors == [country]
    assert view.organizations == [one]
    assert [v.agreement_id for v in view.versions] == [agreement.pk]
    assert view.partners == [(other.jurisdiction, 1)]


def test_tree_nests_jurisdictions_under_their_country_when_listed(client, linked):
    _agreement, one, other, country = linked
    response = client.get("/fr/jurisdictions/")
    root = next(n for n in response.context["roots"] if n.jurisdiction == country)
    assert {child.jurisdiction for child in root.children} == {one.jurisdiction, other.jurisdiction}
    assert all(child.agreements == 1 for child in root.children)


def test_unknown_jurisdiction_not_found_when_asked_by_slug(client, linked):
    assert client.get("/en/jurisdictions/atlantis/").status_code == 404


def test_network_links_the_two_governments_when_they_hold_an_agreement(client, linked):
    _agreement, one, other, country = linked
    response = client.get("/en/network/")
    graph = response.context["graph"]
    assert [
        (link.source.jurisdiction, link.target.jurisdiction, link.agreements)
        for link in graph.links
    ] == [(one.jurisdiction, other.jurisdiction, 1)]
    assert graph.countries == [country]
    body = response.content.decode()
    assert "<svg" in body and '<caption id="pairs-caption">' in body and 'scope="row"' in body


def test_network_is_empty_when_filtered_by_a_service_area_no_agreement_covers(client, linked):
    ServiceAreaFactory(slug="fisheries")
    response = client.get("/en/network/", {"service_area": "fisheries", "country": "testland"})
    assert response.context["graph"].links == []
    assert "No published agreements match these filters." in response.content.decode()


def test_drawing_coordinates_use_plain_numbers_when_shown_in_french(client, linked):
    """French formats 360.5 as "360,5"; SVG needs "360.5" whatever the page's language."""
    body = client.get("/fr/network/").content.decode()
    svg = body[body.index("<svg") : body.index("</svg>")]
    assert re.search(r'cx="\d+(\.\d+)?"', svg)
    assert not re.search(r'(cx|cy|x1|y1|x2|y2|stroke-width)="[^"]*,', svg)
