"""Counting a restricted search: each match once, whatever `within` lists, and on SQLite a
plain join of the matches to a `within` that lists each id once (no sub-program per match) for a
word in fewer than MERGE_FROM agreements (from MERGE_FROM on, a merge: see
tests/search/test_broad_counts_and_tiers.py)."""

import pytest
from django.db import connection

from agreements import search
from agreements.models import Agreement, PublishedAgreement
from agreements.search import engine
from agreements.search.sqlite import FTS_TABLE
from benchmarks.scale import generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def scale():
    """25 published agreements; each summary mentions "standards"."""
    return generate(agreements=25, restricted_share=0, pending_share=0)


def _count_statement(run) -> tuple[str, list]:
    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        run()
    return next((sql, p) for sql, p in statements if "count(*)" in sql)


def test_each_match_counted_once_when_within_lists_an_agreement_once_per_party(scale):
    within = Agreement.objects.filter(pk__in=scale.published, parties__isnull=False)
    assert within.count() > len(scale.published)  # the join repeats every agreement

    found = search.search("standards", language="en", within=within)

    assert found.total == 25


def test_each_match_counted_once_when_within_is_a_filtered_single_table(scale):
    kept = sorted(scale.published)[::3]
    within = PublishedAgreement.objects.filter(
        public=True, pk__in=PublishedAgreement.objects.filter(pk__in=kept).values("pk")
    )

    found = search.search("standards", language="en", within=within)

    assert found.total == 9


@pytest.mark.parametrize(
    ("build", "unique"),
    [
        (lambda: PublishedAgreement.objects.filter(public=True), True),
        (lambda: Agreement.objects.published(), True),
        (lambda: Agreement.objects.filter(pk__in=[1, 2]).distinct(), True),
        (lambda: Agreement.objects.filter(parties__isnull=False), False),
        (lambda: Agreement.objects.filter(parties__organization__slug="x"), False),
    ],
    ids=["read-model", "published", "ids", "join-parties", "join-organizations"],
)
def test_within_is_joined_only_when_it_lists_each_row_once(build, unique):
    assert engine._compiled(build()).unique is unique


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 is SQLite's")
def test_matches_joined_to_within_without_a_sub_program_each_when_counting_on_sqlite(scale):
    within = PublishedAgreement.objects.filter(public=True)

    sql, params = _count_statement(lambda: search.search("standards", language="en", within=within))
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = [row[-1] for row in cursor.fetchall()]

    assert "CROSS JOIN" in sql
    # Matches outside (the first scan is the one that tells which branch of the count to take).
    assert [step for step in plan if step.startswith(f"SCAN {FTS_TABLE} VIRTUAL TABLE INDEX 0:M")]
    assert not [step for step in plan if "CORRELATED" in step or "LIST SUBQUERY" in step]
    assert [step for step in plan if step.startswith("SEARCH agreements_publishedagreement")]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 is SQLite's")
def test_within_tested_per_match_when_it_may_repeat_rows_on_sqlite(scale):
    within = Agreement.objects.filter(parties__isnull=False)

    sql, _params = _count_statement(
        lambda: search.search("standards", language="en", within=within)
    )

    assert "CROSS JOIN" not in sql
    assert "EXISTS" in sql
