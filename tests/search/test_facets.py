"""Search combined with the browser's filters: `within` for a ranked page, `search_filter` for
counts and other sorts, both evaluated inside the database."""

import pytest
from django.db.models import Count

from agreements import search
from agreements.models import Agreement

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreements(published):
    return (
        published(title_en="Passport intake", agreement_type=Agreement.Type.SERVICE_DELIVERY),
        published(title_en="Passport data", agreement_type=Agreement.Type.DATA_SHARING),
        published(title_en="Fishing licences", agreement_type=Agreement.Type.DATA_SHARING),
    )


def test_within_limits_results_and_total_to_the_filtered_agreements(agreements):
    _intake, data, _fishing = agreements
    filtered = Agreement.objects.published().filter(agreement_type=Agreement.Type.DATA_SHARING)

    result = search.search("passport", language="en", within=filtered)

    assert (result.ids, result.total) == ([data.pk], 1)


def test_within_accepts_agreement_ids(agreements):
    intake, data, fishing = agreements

    result = search.search("passport", language="en", within=[data.pk, fishing.pk])

    assert (result.ids, result.total) == ([data.pk], 1)


def test_within_applies_to_broad_queries(agreements, monkeypatch):
    from agreements.search import engine

    monkeypatch.setattr(engine, "RANK_LIMIT", 0)
    _intake, data, _fishing = agreements
    filtered = Agreement.objects.filter(agreement_type=Agreement.Type.DATA_SHARING)

    assert search.search("passport", language="en", within=filtered).ids == [data.pk]


def test_search_filter_gives_facet_counts_over_the_matches(agreements):
    counts = (
        search.search_filter(Agreement.objects.published(), "passport")
        .values("agreement_type")
        .annotate(count=Count("pk"))
        .order_by("agreement_type")
    )

    assert list(counts) == [
        {"agreement_type": "data_sharing", "count": 1},
        {"agreement_type": "service_delivery", "count": 1},
    ]


def test_search_filter_composes_with_other_orderings(agreements):
    intake, data, _fishing = agreements
    matches = search.search_filter(Agreement.objects.published(), "passp").order_by("-title_en")

    assert list(matches) == [intake, data]
