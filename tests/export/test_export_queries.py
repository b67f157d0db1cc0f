"""The export reads in a fixed number of queries, plus one per agreement (the agreement
detail's PDF rows, read by `opendata.shapes`); reference data adds none as it grows."""

import pytest

from opendata.export import export_registry
from tests.factories import JurisdictionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("agreements", "queries"), [(1, 9), (3, 11)])
def test_query_count_exact_when_exporting(
    tmp_path, publish, django_assert_num_queries, agreements, queries
):
    for _ in range(agreements):
        publish()
    JurisdictionFactory.create_batch(5 * agreements)
    with django_assert_num_queries(queries):
        counts = export_registry(directory=tmp_path)
    assert counts["agreements"] == agreements
