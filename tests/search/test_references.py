import pytest

from agreements import search
from agreements.search import engine

pytestmark = pytest.mark.django_db


@pytest.fixture
def references(published):
    """SNB-2021-004 and SNB-2021-040, and a newer agreement whose title cites SNB-2021-004."""
    target = published(reference="SNB-2021-004", title_en="Medicare card issuance")
    sibling = published(reference="SNB-2021-040", title_en="Vital statistics counters")
    citing = published(reference="NB-2023-001", title_en="Amends SNB 2021 004 and 040")
    return target, sibling, citing


@pytest.mark.parametrize("query", ["SNB-2021-004", "snb-2021-004", "  snb-2021-004 "])
def test_exact_reference_comes_first_when_searched(references, query):
    target, _sibling, citing = references

    result = search.search(query, language="en")

    assert result.ids == [target.pk, citing.pk]


def test_references_starting_with_a_partial_reference_come_first(references):
    target, sibling, citing = references

    result = search.search("snb-2021", language="fr")

    assert result.ids == [target.pk, sibling.pk, citing.pk]


def test_exact_reference_comes_first_when_the_query_is_broad(references, monkeypatch):
    monkeypatch.setattr(engine, "RANK_LIMIT", 0)
    target, sibling, citing = references

    assert search.search("SNB-2021-004", language="en").ids == [target.pk, citing.pk]
    assert search.search("snb-2021", language="en").ids == [target.pk, sibling.pk, citing.pk]
