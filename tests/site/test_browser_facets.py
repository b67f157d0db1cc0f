"""The agreement browser's facets: options of one facet are OR-ed, facets are AND-ed, a facet's
counts ignore its own selection, and only what the public may read is ever counted."""

import pytest

from agreements.models import Agreement
from agreements.services.amendments import amendment_open, amendment_start_negotiation
from agreements.services.parties import party_add
from tests.factories import (
    JurisdictionFactory,
    OrganizationFactory,
    ServiceAreaFactory,
    agreement_ready,
    staffed_position,
)

pytestmark = pytest.mark.django_db


def _counts(response, facet: str) -> dict[str, int]:
    found = next(f for f in response.context["facets"] if f.name == facet)
    return {option.value: option.count for option in found.options}


def _references(response) -> set[str]:
    return {v.agreement.reference for v in response.context["results"].versions}


@pytest.fixture
def three(publish):
    """Three published agreements: two service-delivery, one data-sharing; two cover health.
    Service areas are set before signing, so that the signed versions cover them."""
    health, roads = ServiceAreaFactory(slug="health"), ServiceAreaFactory(slug="roads")

    def covering(area, agreement_type):
        agreement = agreement_ready(agreement_type=agreement_type)
        agreement.service_areas.add(area)
        return publish(agreement=agreement)

    first = covering(health, Agreement.Type.SERVICE_DELIVERY)
    second = covering(roads, Agreement.Type.SERVICE_DELIVERY)
    third = covering(health, Agreement.Type.DATA_SHARING)
    return first, second, third


def test_options_of_one_facet_combine_with_or_when_two_are_selected(client, three):
    first, second, third = three
    response = client.get("/en/agreements/", {"service_area": ["health", "roads"]})
    assert _references(response) == {first.reference, second.reference, third.reference}


def test_facets_combine_with_and_when_two_facets_are_selected(client, three):
    first, _second, _third = three
    response = client.get(
        "/en/agreements/", {"service_area": "health", "type": Agreement.Type.SERVICE_DELIVERY}
    )
    assert _references(response) == {first.reference}
    assert response.context["results"].total == 1


def test_facet_counts_ignore_their_own_selection_when_an_option_is_selected(client, three):
    response = client.get("/en/agreements/", {"type": Agreement.Type.DATA_SHARING})
    # Widening the type is still possible: both types keep their counts ...
    assert _counts(response, "type") == {"service_delivery": 2, "data_sharing": 1}
    # ... while other facets count only data-sharing agreements.
    assert _counts(response, "service_area") == {"health": 1}


def test_state_and_year_facets_count_published_agreements_when_nothing_is_selected(client, three):
    response = client.get("/fr/agreements/")
    assert _counts(response, "state") == {"in_force": 3}
    assert _counts(response, "year") == {"2021": 3}
    assert response.context["results"].total == 3


def test_filters_kept_in_links_when_paging_and_downloading(client, three):
    response = client.get("/en/agreements/", {"service_area": "health", "sort": "reference"})
    body = response.content.decode()
    assert "results.csv?service_area=health&amp;sort=reference" in body
    assert 'name="service_area" value="health" checked' in body


def test_unsigned_party_not_counted_when_an_open_amendment_adds_it(client, publish, registrar):
    """An amendment under negotiation edits the working copy; the public still sees the signed
    version, so the new party is neither counted nor findable by filter."""
    agreement = publish()
    newcomer = OrganizationFactory(
        name_en="Wintergreen Negotiating Authority",
        jurisdiction=JurisdictionFactory(name_en="Territory of Wintergreen"),
    )
    amendment = amendment_open(agreement=agreement, by=registrar, title_en="Adds a party")
    amendment_start_negotiation(amendment=amendment, by=registrar)
    party_add(
        agreement=agreement,
        organization=newcomer,
        by=registrar,
        signatory_position=staffed_position(organization=newcomer),
    )
    response = client.get("/en/agreements/")
    assert newcomer.slug not in _counts(response, "organization")
    assert newcomer.jurisdiction.slug not in _counts(response, "jurisdiction")
    assert response.context["results"].total == 1
    signed = {p["organization"]["slug"] for p in agreement.versions.get().snapshot["parties"]}
    assert signed == set(_counts(response, "organization"))
    filtered = client.get("/en/agreements/", {"organization": newcomer.slug})
    assert filtered.context["results"].total == 0
    network = client.get("/en/network/").content.decode()
    assert "Territory of Wintergreen" not in network
    page = client.get(f"/en/agreements/{agreement.reference}/").content.decode()
    assert "Wintergreen Negotiating Authority" not in page
