"""The network's pair counts (stored in the read model for the unfiltered page, one self-join of
its facets when filtered) and the long lists of the network, jurisdiction and organisation pages, which are rendered by simple tags
(cms.templatetags.network_tags, cms.templatetags.listing_tags) instead of template loops."""

import re
from functools import partial

import pytest
from django.db import transaction

from agreements import search
from agreements.models import Agreement
from cms.templatetags.listing_tags import SLUG, _LinkMaker
from tests.factories import (
    JurisdictionFactory,
    ServiceAreaFactory,
    agreement_into_force,
    agreement_ready,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(registrar, django_capture_on_commit_callbacks):
    """Jurisdictions Ashby, Brill and Corran; published agreements with parties in Ashby and
    Brill (two, one covering health), and one in all three. Each party is a new organisation."""
    ashby, brill, corran = (
        JurisdictionFactory(
            name_en=name, name_fr=f"{name} (fr)", slug=name.lower(), level="provincial"
        )
        for name in ("Ashby", "Brill", "Corran")
    )
    health = ServiceAreaFactory(slug="health")

    def publish(*jurisdictions, areas=()):
        agreement = agreement_ready(parties=len(jurisdictions))
        for party, jurisdiction in zip(
            agreement.parties.order_by("sort_order"), jurisdictions, strict=True
        ):
            party.organization.jurisdiction = jurisdiction
            party.organization.save()
        agreement.service_areas.add(*areas)
        with django_capture_on_commit_callbacks(execute=True):
            agreement_into_force(agreement, by=registrar)
        search.index_agreement(agreement_id=agreement.pk)
        return agreement

    agreements = [
        publish(ashby, brill, areas=[health]),
        publish(ashby, brill),
        publish(ashby, brill, corran),
    ]
    return ashby, brill, corran, agreements


def _pairs(response) -> list[tuple[str, str, int]]:
    return [
        (link.source.jurisdiction.slug, link.target.jurisdiction.slug, link.agreements)
        for link in response.context["graph"].links
    ]


def test_network_counts_each_agreement_once_per_pair_when_unfiltered(client, three):
    response = client.get("/en/network/")
    assert sorted(_pairs(response)) == [
        ("ashby", "brill", 3),
        ("ashby", "corran", 1),
        ("brill", "corran", 1),
    ]
    nodes = {node.jurisdiction.slug: node.agreements for node in response.context["graph"].nodes}
    assert nodes == {"ashby": 3, "brill": 3, "corran": 1}
    body = response.content.decode()
    # One table row and one line per pair, the heaviest first, linked to both jurisdictions.
    rows = re.findall(
        r'<tr><th scope="row"><a href="([^"]+)">([^<]+)</a></th>\s*<td><a href="([^"]+)">([^<]+)</a></td>\s*<td class="numeric">(\d+)</td></tr>',
        body,
    )
    assert rows[0] == (
        "/en/jurisdictions/ashby/",
        "Ashby",
        "/en/jurisdictions/brill/",
        "Brill",
        "3",
    )
    assert len(rows) == 3
    assert body.count("<line ") == 3
    assert "<title>Ashby — Brill: 3</title>" in body


def test_network_drops_an_agreement_from_its_pairs_when_it_is_restricted(
    client, three, django_capture_on_commit_callbacks
):
    ashby, brill, corran, agreements = three
    with django_capture_on_commit_callbacks(execute=True):
        agreements[2].visibility = Agreement.Visibility.RESTRICTED
        agreements[2].save()
        transaction.on_commit(partial(search.index_agreement, agreement_id=agreements[2].pk))
    response = client.get("/en/network/")
    assert _pairs(response) == [("ashby", "brill", 2)]
    nodes = {node.jurisdiction.slug: node.agreements for node in response.context["graph"].nodes}
    assert nodes == {"ashby": 2, "brill": 2}
    assert "Corran" not in response.content.decode()


def test_network_counts_only_the_chosen_agreements_when_filtered_by_service_area(client, three):
    response = client.get("/en/network/", {"service_area": "health"})
    assert _pairs(response) == [("ashby", "brill", 1)]
    nodes = {node.jurisdiction.slug: node.agreements for node in response.context["graph"].nodes}
    assert nodes == {"ashby": 1, "brill": 1}


def test_network_nodes_are_circles_titled_in_the_page_language_when_shown_in_french(client, three):
    body = client.get("/fr/network/").content.decode()
    circles = re.findall(
        r'<circle cx="[\d.]+" cy="[\d.]+" r="7" class="level-provincial"><title>([^<]+)</title></circle><text x="[\d.]+" y="[\d.]+" text-anchor="(?:start|end)">([^<]+)</text>',
        body,
    )
    assert sorted(circles) == [
        ("Ashby (fr)", "Ashby (fr)"),
        ("Brill (fr)", "Brill (fr)"),
        ("Corran (fr)", "Corran (fr)"),
    ]


def test_jurisdiction_page_lists_cards_and_partners_when_it_has_agreements(client, three):
    ashby, brill, corran, agreements = three
    body = client.get("/fr/jurisdictions/ashby/").content.decode()
    # Partners, most shared first: name linked, level in French, count.
    partners = re.findall(
        r'<tr><th scope="row"><a href="([^"]+)">([^<]+)</a></th><td>([^<]+)</td><td class="numeric">(\d+)</td></tr>',
        body,
    )
    assert partners == [
        ("/fr/jurisdictions/brill/", "Brill (fr)", "Provincial", "3"),
        ("/fr/jurisdictions/corran/", "Corran (fr)", "Provincial", "1"),
    ]
    cards = re.findall(
        r'<span class="reference">([^<]+)</span> · <span class="state state--in_force">([^<]+)</span></p>\s*<h3 class="card__title"><a href="([^"]+)">',
        body,
    )
    assert sorted(cards) == sorted(
        (a.reference, "En vigueur", f"/fr/agreements/{a.reference}/") for a in agreements
    )
    assert "<dd>3</dd>" in body  # published agreements, from the read model's stored counts


def test_organisation_page_lists_partners_with_their_jurisdictions_when_it_shares_agreements(
    client, three
):
    _ashby, _brill, _corran, agreements = three
    mine = agreements[2].parties.order_by("sort_order")[0].organization
    others = [party.organization for party in agreements[2].parties.order_by("sort_order")[1:]]
    body = client.get(f"/en/jurisdictions/organisations/{mine.slug}/").content.decode()
    partners = re.findall(
        r'<tr><th scope="row"><a href="([^"]+)">[^<]+</a></th><td><a href="([^"]+)">([^<]+)</a></td><td class="numeric">(\d+)</td></tr>',
        body,
    )
    assert sorted(partners) == sorted(
        (
            f"/en/jurisdictions/organisations/{o.slug}/",
            f"/en/jurisdictions/{o.jurisdiction.slug}/",
            o.jurisdiction.name_en,
            "1",
        )
        for o in others
    )
    assert body.count('<li class="card">') == 1
    assert f'<a href="/en/agreements/{agreements[2].reference}/">' in body


def test_link_maker_fills_a_reversed_pattern_when_the_value_needs_no_quoting():
    calls = []

    def organisation(slug):
        calls.append(slug)
        return "/en/organisations/" + slug + "/"

    make = _LinkMaker(organisation, SLUG)
    assert make("nova-scotia_2") == "/en/organisations/" + "nova-scotia_2/"
    assert make("québec") == "/en/organisations/" + "québec/"  # not a slug: the route decides
    assert calls == ["PLACEHOLDER0", "québec"]
