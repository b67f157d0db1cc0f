"""'Download these results': the browser's current results, all of them, as CSV and JSON."""

import csv
import io
import json

import pytest

from agreements.models import Agreement

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(publish):
    return (
        publish(agreement_type=Agreement.Type.DATA_SHARING, title_en="Aardvark data accord"),
        publish(agreement_type=Agreement.Type.FUNDING, title_en="Zebra funding accord"),
    )


def test_json_holds_the_filtered_results_when_a_filter_is_applied(client, two):
    data_sharing, _funding = two
    response = client.get("/en/agreements/results.json", {"type": "data_sharing"})
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert body["count"] == 1
    row = body["results"][0]
    assert row["reference"] == data_sharing.reference
    assert row["title_en"] == "Aardvark data accord"
    assert row["current_version"] == 1
    assert row["first_in_force"] == "2021-04-01"
    assert row["url"] == f"http://testserver/en/agreements/{data_sharing.reference}/"
    assert len(row["parties"]) == 2


def test_csv_lists_every_result_in_the_chosen_order_when_sorted(client, two):
    response = client.get("/fr/agreements/results.csv", {"sort": "reference"})
    assert response["Content-Disposition"] == 'attachment; filename="agreements.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["reference"] for row in rows] == sorted(a.reference for a in two)
    assert rows[0]["state"] == "in_force"
