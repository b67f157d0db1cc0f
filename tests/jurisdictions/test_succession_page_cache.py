"""A machinery-of-government change reaches the public pages at once with the page cache on: a
dissolution flags the obligations the organisation still owned on the agreement's cached page,
and a dated parent move (which changes no public row of its own kind) still starts new pages."""

import datetime

import pytest
from django.core.cache import cache
from django.test import override_settings

from agreements import search
from agreements.services.succession import organization_move, organization_succeed
from jurisdictions.models import OrganizationSuccession
from tests.factories import OrganizationFactory, agreement_into_force

pytestmark = pytest.mark.django_db

FLAG = 'data-flag="organisation-ended"'


@pytest.fixture(autouse=True)
def page_cache_on():
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield
    cache.clear()


@pytest.fixture
def published(registrar, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        agreement = agreement_into_force(
            by=registrar, title_en="Juniper wastewater accord", title_fr="Accord Genévrier"
        )
    search.index_agreement(agreement_id=agreement.pk)
    return agreement


def _cached(client, page: str) -> str:
    client.get(page)
    response = client.get(page)
    assert response["X-Page-Cache"] == "hit", page
    return response.content.decode()


def test_dissolution_flags_the_obligations_on_the_cached_public_page(
    client, published, registrar, django_capture_on_commit_callbacks
):
    page = f"/en/agreements/{published.reference}/"
    assert FLAG not in _cached(client, page)
    owner = published.responsibilities.order_by("sort_order").first().accountability_owner

    with django_capture_on_commit_callbacks(execute=True):
        organization_succeed(
            predecessor=owner.organization,
            kind=OrganizationSuccession.Kind.DISSOLVED,
            date=datetime.date(2025, 4, 1),
            by=registrar,
        )

    response = client.get(page)
    assert response["X-Page-Cache"] == "miss"
    assert FLAG in response.content.decode()
    assert "This organisation ended on 31 March 2025" in response.content.decode()


def test_parent_move_starts_new_public_pages(
    client, published, registrar, django_capture_on_commit_callbacks
):
    pages = ["/en/agreements/", f"/en/agreements/{published.reference}/"]
    for page in pages:
        _cached(client, page)
    organization = published.parties.order_by("sort_order").first().organization
    department = OrganizationFactory(jurisdiction=organization.jurisdiction)

    with django_capture_on_commit_callbacks(execute=True):
        organization_move(
            organization=organization,
            parent=department,
            on=datetime.date(2025, 4, 1),
            by=registrar,
        )

    for page in pages:
        assert client.get(page)["X-Page-Cache"] == "miss", page
