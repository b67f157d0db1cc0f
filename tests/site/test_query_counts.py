"""Every public page costs a fixed number of queries, whatever the number of agreements and of
responsibilities: measured with 10 and with 200 published agreements, exactly."""

import datetime

import pytest

from agreements import search
from agreements.models import Agreement
from tests.factories import ServiceAreaFactory, agreement_into_force, amendment_signed

pytestmark = pytest.mark.django_db

# The queries each page runs, measured on SQLite and PostgreSQL, the same with 10 and with 200
# agreements. Wagtail's site, routing, view restrictions and the navigation come from the cache
# (cms.routing; each URL is requested once first to fill it), so these are the pages' own.
BOUNDS = {
    # The stored facet counts are read once, with the names of the jurisdictions, organisations
    # and service areas, and give the totals too (cms.facets.stored_counts). Home: those, the
    # numbers of jurisdictions and organisations, the latest versions.
    "home": 3,
    # The stored counts, a page of rows, their cards.
    "browser": 3,
    # "service" is in every test agreement: the facets keep the stored counts (cms.facets).
    "browser_search": 5,
    "browser_filtered": 10,
    # The version and its agreement, who holds each position today, PDFs (cms.selectors.
    # agreement_view); + ended owners (issue 13). Reports and the relations pointing here only
    # when the version query says there are some: none here (tests/cms/test_page_queries.py).
    "agreement": 4,
    "earlier_version": 2,
    "changes": 1,
    # Jurisdictions with the read model's counts (cms.selectors.JURISDICTIONS_WITH_COUNTS).
    "jurisdictions": 1,
    # Jurisdictions with the read model's counts, organisations, latest versions,
    # partners, divergent ones, financial commitments (cms.selectors.jurisdiction_view).
    "jurisdiction": 6,
    # Jurisdictions, the stored pair counts, the stored jurisdiction counts, service areas
    # (cms.network); filtered: the pair self-join and the facet rows counted instead.
    "network": 4,
    "network_filtered": 5,
    "csv": 2,
    "json": 2,
    "feed": 1,
    # The sitemap's index counts every section's addresses (cms.sitemaps: the pages twice, for
    # their last change too); a section's file reads its own: agreements in one query,
    # jurisdictions, organisations and public positions (one indexed query on the read model,
    # cms.public_positions) in three.
    "sitemap": 19,
    "sitemap_agreements": 1,
    "sitemap_jurisdictions": 3,
}


def _longer_notice(agreement: Agreement) -> None:
    agreement.notice_period_days = 120
    agreement.save(update_fields=["notice_period_days", "updated_at"])


@pytest.fixture
def registry(request, registrar):
    """`count` published agreements; the last one has `count // 5` responsibilities and a
    second version, so the agreement page grows with the data too."""
    count = request.param
    area = ServiceAreaFactory(slug="health")
    agreements = [agreement_into_force(by=registrar) for _ in range(count - 1)]
    big = agreement_into_force(by=registrar, responsibilities=max(2, count // 5))
    amendment_signed(
        big,
        by=registrar,
        effective_date=datetime.date(2023, 4, 1),
        change=_longer_notice,
    )
    for agreement in agreements[::3]:
        agreement.service_areas.add(area)
    search.reindex_all()
    return agreements + [big]


def _urls(agreements: list[Agreement]) -> dict[str, str]:
    big = agreements[-1]
    jurisdiction = big.parties.first().organization.jurisdiction
    return {
        "home": "/en/",
        "browser": "/en/agreements/",
        "browser_search": "/fr/agreements/?q=service",
        "browser_filtered": f"/en/agreements/?service_area=health&type=service_delivery&jurisdiction={jurisdiction.slug}&sort=newest&page=2",
        "agreement": f"/en/agreements/{big.reference}/",
        "earlier_version": f"/fr/agreements/{big.reference}/versions/1/",
        "changes": f"/en/agreements/{big.reference}/changes/?from=1&to=2",
        "jurisdictions": "/en/jurisdictions/",
        "jurisdiction": f"/en/jurisdictions/{jurisdiction.slug}/",
        "network": "/en/network/",
        "network_filtered": "/fr/network/?service_area=health",
        "csv": "/en/agreements/results.csv?service_area=health",
        "json": "/en/agreements/results.json",
        "feed": "/en/feed/",
        "sitemap": "/sitemap.xml",
        "sitemap_agreements": "/sitemap-agreements.xml",
        "sitemap_jurisdictions": "/sitemap-jurisdictions.xml",
    }


@pytest.mark.parametrize("registry", [10, 200], indirect=True, ids=["10", "200"])
def test_each_page_runs_a_fixed_number_of_queries_when_data_grows(
    client, registry, django_assert_num_queries
):
    urls = _urls(registry)
    for url in urls.values():  # fills the routing and navigation cache of both languages
        _get(client, url)
    for name, url in urls.items():
        with django_assert_num_queries(BOUNDS[name], info=name):
            response = _get(client, url)
        assert response.status_code == 200, (name, response.status_code)


def _get(client, url: str):
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response
