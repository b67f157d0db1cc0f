import pytest

from agreements import search
from agreements.search import engine
from benchmarks.scale import generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def scale():
    """25 published agreements; each summary mentions "standards"."""
    return generate(agreements=25, restricted_share=0, pending_share=0)


@pytest.mark.parametrize("rank_limit", [engine.RANK_LIMIT, 0], ids=["ranked", "broad"])
def test_pages_cover_every_match_once_in_order(scale, monkeypatch, rank_limit):
    monkeypatch.setattr(engine, "RANK_LIMIT", rank_limit)
    everything = search.search("standards", language="en", limit=100)

    pages = [search.search("standards", language="en", limit=10, offset=o) for o in (0, 10, 20)]

    assert everything.total == 25
    assert [page.total for page in pages] == [25, 25, 25]
    assert [len(page.ids) for page in pages] == [10, 10, 5]
    assert [i for page in pages for i in page.ids] == everything.ids
    assert sorted(everything.ids) == sorted(scale.published)


def test_page_past_the_end_is_empty_with_the_total(scale):
    result = search.search("standards", language="en", offset=40)

    assert (result.ids, result.total) == ([], 25)


def test_non_positive_limit_gives_nothing(scale):
    assert search.search("standards", language="en", limit=0).ids == []
