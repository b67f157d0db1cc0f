"""A broad search's count and tiers, however the database is asked for them.

On SQLite a count merges the matches with `within` from MERGE_FROM matches on, and looks each
match up in `within` below; on PostgreSQL a title tier is first looked for among the newest
entries, and read from its index when that finds too few. Each way must give what the rule says,
computed here in Python from the entries' text: the count of matching agreements `within` holds,
and the newest matches of each tier, titles in the page's language first.
"""

import re

import pytest
from django.db import connection

from agreements import search
from agreements.models import Agreement, AgreementSearchEntry, PublishedAgreement, PublishedFacet
from agreements.search import engine, postgresql, sqlite
from benchmarks.scale import generate
from cms.search_adapter import text_match

pytestmark = pytest.mark.django_db

TEXT_FIELDS = (
    "title_en",
    "title_fr",
    "reference",
    "summary_en",
    "summary_fr",
    "parties_en",
    "parties_fr",
    "responsibilities_en",
    "responsibilities_fr",
)


@pytest.fixture
def scale():
    """30 agreements, some restricted or pending (so the public rows are not every one); every
    summary mentions "standards", and most English titles say "agreement"."""
    return generate(agreements=30, restricted_share=0.2, pending_share=0.1)


def _starts_a_word(prefix: str, text: str) -> bool:
    return re.search(rf"(?<![^\W_]){re.escape(prefix)}", text, re.IGNORECASE) is not None


def _matching(prefix: str) -> set[int]:
    """Agreements in the index with a word starting with `prefix` (a query of one word is a
    prefix query), read from the entries' text, not through the full-text index."""
    return {
        entry["agreement_id"]
        for entry in AgreementSearchEntry.objects.values("agreement_id", *TEXT_FIELDS)
        if any(_starts_a_word(prefix, entry[field] or "") for field in TEXT_FIELDS)
    }


def _public() -> set[int]:
    return set(PublishedAgreement.objects.filter(public=True).values_list("pk", flat=True))


WITHIN = {
    "public rows": lambda scale: PublishedAgreement.objects.filter(public=True),
    "one jurisdiction": lambda scale: PublishedAgreement.objects.filter(
        public=True,
        pk__in=PublishedFacet.objects.filter(
            facet="jurisdiction",
            value=PublishedFacet.objects.filter(facet="jurisdiction")
            .order_by("value")
            .values("value")[:1],
        ).values("agreement_id"),
    ),
    "a join listing agreements once per party": lambda scale: Agreement.objects.filter(
        pk__in=scale.published, parties__isnull=False
    ),
    "ids": lambda scale: sorted(scale.published)[::2],
}


def _ids(within) -> set[int]:
    if isinstance(within, list):
        return set(within)
    return set(within.values_list("pk", flat=True))


@pytest.mark.parametrize("merge_from", [sqlite.MERGE_FROM, 1], ids=["per match", "merged"])
def test_count_is_the_matches_within_holds(scale, monkeypatch, merge_from):
    monkeypatch.setattr(sqlite, "MERGE_FROM", merge_from)
    found, expected = {}, {}
    for word in ("standards", "agreement", "protocole"):
        for name, build in WITHIN.items():
            within = build(scale)
            expected[word, name] = len(_matching(word) & _ids(within) & _public())
            found[word, name] = search.search(word, language="en", limit=5, within=within).total
            assert engine.count(word, within=within) == found[word, name]

    assert found == expected
    assert sum(1 for n in expected.values() if n) >= 10  # the cases say something


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 is SQLite's")
def test_a_common_word_is_counted_by_merging_on_sqlite(scale, monkeypatch):
    """From MERGE_FROM matches on, the count reads both lists in id order and merges them; below,
    it looks each match up in the read model's rows. SQLite runs only the branch it takes."""
    monkeypatch.setattr(sqlite, "MERGE_FROM", 5)
    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    within = PublishedAgreement.objects.filter(public=True)
    with connection.execute_wrapper(record):
        search.search("standards", language="en", within=within)
    sql, params = statements[0]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = [row[-1] for row in cursor.fetchall()]

    assert "MERGE (INTERSECT)" in plan
    assert not [step for step in plan if "CORRELATED" in step or "LIST SUBQUERY" in step]


def _newest_by_tier(prefix: str, within: set[int], language: str) -> list[int]:
    """Every match `within` holds in broad order: the title in `language` holds the word, then
    the other title, then the rest; newest (highest id) first in each."""
    other = "fr" if language == "en" else "en"
    entries = AgreementSearchEntry.objects.filter(agreement_id__in=_matching(prefix) & within)

    def tier(entry) -> int:
        if _starts_a_word(prefix, getattr(entry, f"title_{language}")):
            return 0
        return 1 if _starts_a_word(prefix, getattr(entry, f"title_{other}")) else 2

    return [e.agreement_id for e in sorted(entries, key=lambda e: (tier(e), -e.agreement_id))]


@pytest.mark.parametrize(
    "newest_first", [postgresql.NEWEST_FIRST, 5, 3], ids=["walk", "walk, then index", "index"]
)
def test_broad_order_is_newest_first_in_each_tier(scale, monkeypatch, newest_first):
    """On PostgreSQL, with the 30 entries: the walk through the newest entries reads every one;
    reads 5 and finds 4 of a tier or too few (then the index is read); is not tried (a page
    of 4 is more than 3 entries)."""
    monkeypatch.setattr(engine, "RANK_LIMIT", 0)
    monkeypatch.setattr(postgresql, "NEWEST_FIRST", newest_first)
    within = PublishedAgreement.objects.filter(public=True)
    found, expected = {}, {}
    for word, language in (("agreement", "en"), ("entente", "en"), ("entente", "fr")):
        every = _newest_by_tier(word, _public(), language)
        assert len(every) >= 8  # enough matches for the pages asked for
        for offset in (0, 4):
            result = search.search(word, language=language, limit=4, offset=offset, within=within)
            assert not result.ranked
            found[word, language, offset] = (result.ids, result.total)
            expected[word, language, offset] = (every[offset : offset + 4], len(every))

    assert found == expected


@pytest.fixture(params=[12, 48], ids=["12 agreements", "48 agreements"])
def sized(request):
    return generate(agreements=request.param, restricted_share=0, pending_share=0)


def test_a_broad_page_within_the_public_rows_runs_the_same_queries_at_any_size(
    sized, monkeypatch, django_assert_num_queries
):
    """The count (one statement, whichever way it intersects) and one statement per tier read
    (on PostgreSQL the walk and its fallback are one statement)."""
    monkeypatch.setattr(engine, "RANK_LIMIT", 0)
    monkeypatch.setattr(sqlite, "MERGE_FROM", 5)
    within = PublishedAgreement.objects.filter(public=True)

    with django_assert_num_queries(4):  # count, then tiers 0, 1 and 2: "standards" is no title's
        result = search.search("standards", language="en", limit=10, within=within)

    assert len(result.ids) == 10


@pytest.mark.parametrize("merge_from", [sqlite.MERGE_FROM, 1], ids=["per match", "merged"])
def test_the_browser_counts_a_text_as_the_orm_filter_does(scale, monkeypatch, merge_from):
    """TextMatch.count (the engine's count) against the rows `narrow` keeps, counted by the ORM,
    with and without a facet's condition; a query of stop words only matches nothing."""
    monkeypatch.setattr(sqlite, "MERGE_FROM", merge_from)
    public = PublishedAgreement.objects.filter(public=True)
    one_jurisdiction = WITHIN["one jurisdiction"](scale)
    for text in ("standards", "agreement", "protocole", "the"):
        match = text_match(text)
        for rows in (public, one_jurisdiction):
            assert match.count(rows) == match.narrow(rows).count()
    assert text_match("standards").count(public) == len(_public())
