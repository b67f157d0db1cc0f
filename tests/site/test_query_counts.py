"""Every public page costs a fixed number of queries, whatever the number of agreements and of
responsibilities: measured with 10 and with 200 published agreements."""

import datetime

import pytest

from agreements import search
from agreements.models import Agreement
from tests.factories import ServiceAreaFactory, agreement_into_force, amendment_signed

pytestmark = pytest.mark.django_db

# The most queries each page may run, measured on SQLite and PostgreSQL with a cold cache (the
# same with 10 and with 200 agreements). About 8 of each are Wagtail's: site, page routing,
# view restrictions, the navigation's page lookups.
BOUNDS = {
    "home": 18,
    "browser": 22,
    "browser_search": 22,
    "browser_filtered": 22,
    "agreement": 19,  # + each obligation's last accepted report (issue 12); + ended owners (13)
    "earlier_version": 17,  # + the same
    "changes": 12,
    "jurisdictions": 14,
    "jurisdiction": 19,  # + financial commitments per currency (issue 13)
    "network": 18,
    "network_filtered": 17,
    "csv": 13,
    "json": 13,
    "feed": 6,
    "sitemap": 38,  # + organisations (one query) and public positions (two: issue 10)
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
    }


@pytest.mark.parametrize("registry", [10, 200], indirect=True, ids=["10", "200"])
def test_queries_stay_under_fixed_bounds_when_data_grows(
    client, registry, django_assert_max_num_queries
):
    for name, url in _urls(registry).items():
        with django_assert_max_num_queries(BOUNDS[name], info=name):
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200, (name, response.status_code)
