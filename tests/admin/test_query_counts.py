"""Query counts of the agreement pages do not grow with the data."""

import pytest
from django.urls import reverse

from tests.factories import AgreementFactory, PartyFactory, ResponsibilityFactory

pytestmark = pytest.mark.django_db

# Measured for a superuser registrar (SQLite and PostgreSQL alike): session, user, Wagtail's user
# profile, the count and one page of agreements, their parties with organisations (one prefetch),
# the filters' choices and Wagtail's admin furniture (menu items of other registry features). The
# bounds are those counts plus 2 spare for new menu items; none depends on the number of rows.
# Every staff request also loads the two-factor device that verified the session (django-otp's
# OTPMiddleware, 1 query) and saves the session for the idle timeout (savepoint, update,
# release: 3 queries), counted in the figures below.
LISTING_MAX_QUERIES = 18  # measured 16
SEARCH_RESULTS_MAX_QUERIES = 12  # measured 10
EDIT_MAX_QUERIES = 29  # measured 27
# The history page adds one query per kind of object its entries name (organisations, positions
# ...), at most one each, whatever the length of the history.
HISTORY_MAX_QUERIES = 29  # measured 27


def make_agreements(count):
    for _ in range(count):
        agreement = AgreementFactory()
        PartyFactory.create_batch(2, agreement=agreement)


@pytest.mark.parametrize("count", [5, 50])
def test_listing_queries_bounded_when_agreements_grow(
    registrar_client, django_assert_max_num_queries, count
):
    make_agreements(count)

    with django_assert_max_num_queries(LISTING_MAX_QUERIES):
        response = registrar_client.get(reverse("agreements:index"))

    assert response.status_code == 200
    assert len(response.context["object_list"]) == min(count, 50)


@pytest.mark.parametrize("count", [5, 50])
def test_search_queries_bounded_when_agreements_grow(
    registrar_client, django_assert_max_num_queries, count
):
    make_agreements(count)

    with django_assert_max_num_queries(SEARCH_RESULTS_MAX_QUERIES):
        response = registrar_client.get(reverse("agreements:index_results"), {"q": "Depart"})

    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 10])
def test_edit_page_queries_bounded_when_responsibilities_grow(
    registrar_client, django_assert_max_num_queries, rows
):
    agreement = AgreementFactory()
    party = PartyFactory(agreement=agreement)
    ResponsibilityFactory.create_batch(rows, agreement=agreement, responsible_party=party)

    with django_assert_max_num_queries(EDIT_MAX_QUERIES):
        response = registrar_client.get(reverse("agreements:edit", args=[agreement.pk]))

    assert response.status_code == 200


@pytest.mark.parametrize("edits", [2, 30])
def test_history_queries_bounded_when_history_grows(
    registrar_client, django_assert_max_num_queries, edits
):
    responsibility = ResponsibilityFactory()
    agreement = responsibility.agreement
    for number in range(edits):
        agreement.title_en = f"Title {number}"
        agreement.save()
        responsibility.text_en = f"Obligation {number}"
        responsibility.save()

    with django_assert_max_num_queries(HISTORY_MAX_QUERIES):
        response = registrar_client.get(reverse("agreements:change_history", args=[agreement.pk]))

    assert response.status_code == 200
