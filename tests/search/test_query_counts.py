import pytest

from agreements import search
from agreements.models import Agreement
from agreements.search import engine
from benchmarks.scale import generate

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[10, 60], ids=["10 agreements", "60 agreements"])
def scale(request):
    return generate(agreements=request.param, restricted_share=0, pending_share=0)


def test_ranked_search_runs_two_queries_whatever_the_data_size(scale, django_assert_num_queries):
    with django_assert_num_queries(2):
        result = search.search("standards", language="fr", limit=10)
    assert result.ranked and len(result.ids) == 10


def test_broad_search_runs_at_most_five_queries(scale, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr(engine, "RANK_LIMIT", 0)
    reference = scale.references[scale.published[0]]

    for query in ("standards", reference.lower(), "services agreement"):
        with django_assert_max_num_queries(5):
            search.search(query, language="en", limit=10, offset=5)


def test_search_filter_counts_in_one_query(scale, django_assert_num_queries):
    with django_assert_num_queries(1):
        search.search_filter(Agreement.objects.published(), "standards").count()
