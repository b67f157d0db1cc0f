"""Each operation runs the same number of queries whatever the amount of data."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def few(publish):
    return [publish() for _ in range(1)]


@pytest.fixture
def many(publish):
    return [publish(parties=3, responsibilities=4) for _ in range(4)]


# path -> queries: the browser's list (divergent facts, count, page of ids, the page's result
# cards, then its versions with their snapshots for the API's shapes); an
# agreement (its versions with the agreement, PDFs, today's holders); reference lists (count,
# page), and for posts, people and memberships the divergent snapshots first; and one more for
# every answer: when the data last changed (Last-Modified, opendata.api.last_modified).
COUNTS = {
    "/api/v1/agreements": 6,
    "/api/v1/agreements?q=service&sort=reference": 6,
    "/api/v1/jurisdictions": 3,
    "/api/v1/organizations": 3,
    "/api/v1/posts": 4,
    "/api/v1/people": 4,
    "/api/v1/memberships": 4,
}


@pytest.mark.parametrize("size", ["few", "many"])
@pytest.mark.parametrize(("path", "queries"), COUNTS.items())
def test_list_queries_fixed_when_data_grows(
    client, request, django_assert_num_queries, size, path, queries
):
    agreements = request.getfixturevalue(size)
    with django_assert_num_queries(queries):
        response = client.get(path)
    assert response.status_code == 200
    assert response.json()["count"] >= len(agreements)


@pytest.mark.parametrize("size", ["few", "many"])
def test_detail_queries_fixed_when_agreement_grows(
    client, request, django_assert_num_queries, size
):
    agreement = request.getfixturevalue(size)[-1]
    with django_assert_num_queries(4):
        body = client.get(f"/api/v1/agreements/{agreement.reference}").json()
    assert body["reference"] == agreement.reference
    assert len(body["responsibilities"]) == agreement.responsibilities.count()
    with django_assert_num_queries(4):
        client.get(f"/api/v1/agreements/{agreement.reference}/as-of/2022-01-01")
    with django_assert_num_queries(4):
        client.get(f"/api/v1/agreements/{agreement.reference}/versions/1")
