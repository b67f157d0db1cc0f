"""The facet queries of a page without text are compiled once per shape (which facets are
selected, how many values each) and rerun with each request's values: the counts still follow
every request's own selection."""

import pytest
from django.db import connections

from agreements.models import Agreement
from tests.factories import ServiceAreaFactory, agreement_ready

pytestmark = pytest.mark.django_db

DELIVERY, SHARING = Agreement.Type.SERVICE_DELIVERY, Agreement.Type.DATA_SHARING


def _counts(response, facet: str) -> dict[str, int]:
    found = next(f for f in response.context["facets"] if f.name == facet)
    return {option.value: option.count for option in found.options}


@pytest.fixture
def three(publish):
    """Published: health/service delivery, roads/service delivery, health/data sharing."""
    health, roads = ServiceAreaFactory(slug="health"), ServiceAreaFactory(slug="roads")
    for area, agreement_type in ((health, DELIVERY), (roads, DELIVERY), (health, SHARING)):
        agreement = agreement_ready(agreement_type=agreement_type)
        agreement.service_areas.add(area)
        publish(agreement=agreement)


def _compiled(name: str) -> list:
    return [
        key
        for key in connections["default"].__dict__.get("_compiled_queries", {})
        if key[0] == name
    ]


def test_counts_follow_each_requests_values_when_one_compiled_query_serves_them(client, three):
    # One of three rows: their own links are counted.
    first = client.get("/en/agreements/", {"type": SHARING})
    # Two of three: the links of the row left out are subtracted from the stored counts.
    second = client.get("/en/agreements/", {"type": DELIVERY})
    third = client.get("/en/agreements/", {"service_area": "roads"})
    both = client.get("/en/agreements/", {"service_area": ["health", "roads"], "type": SHARING})

    assert _counts(first, "service_area") == {"health": 1}
    assert _counts(second, "service_area") == {"health": 1, "roads": 1}
    assert _counts(third, "type") == {DELIVERY: 1}
    assert _counts(third, "service_area") == {"health": 2, "roads": 1}
    assert _counts(both, "type") == {DELIVERY: 2, SHARING: 1}
    assert _counts(both, "service_area") == {"health": 1, "roads": 0}  # selected, none left


def test_facet_queries_compiled_once_per_shape_when_values_change(client, three):
    connections["default"].__dict__.pop("_compiled_queries", None)  # others' tests' shapes
    client.get("/en/agreements/", {"type": SHARING})
    client.get("/en/agreements/", {"service_area": "roads"})
    client.get("/en/agreements/", {"service_area": "health"})

    # One links query per shape: {type: 1 value}, {service_area: 1} (the stored counts are one
    # fixed statement, cms.facets.stored_counts).
    assert sorted(key[1][0][0] for key in _compiled("facets.links_of_rows")) == [
        "service_area",
        "type",
    ]
