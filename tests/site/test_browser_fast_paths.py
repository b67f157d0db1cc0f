"""The browser's cheaper ways to the same answers (issue 14): result cards read each snapshot once,
a page of results is found by its references first (a deferred join), and PostgreSQL counts a
search's matches against a hashed `within`. Same results as before, in every order and on every
page, with every party of an agreement however many it has."""

import pytest
from django.db import connection
from django.db.models import JSONField, Value
from django.test.utils import CaptureQueriesContext

from agreements import search
from agreements.management.commands.make_scale_data import vacuum_statement
from agreements.models import ServiceArea
from cms import browser
from cms.result_cards import INDEXED_PARTIES, CardFields
from tests.factories import ServiceAreaFactory

pytestmark = pytest.mark.django_db


def _snapshot(parties: int) -> dict:
    return {
        "agreement": {
            "title": {"en": "Ferry accord", "fr": "Accord traversier"},
            "type": {"code": "partnership", "label": {"en": "Partnership", "fr": "Partenariat"}},
            "summary": {"en": "Crossings.", "fr": ""},
        },
        "parties": [
            {"organization": {"name": {"en": f"Body {index}", "fr": f"Organisme {index}"}}}
            for index in range(parties)
        ],
        "responsibilities": [{"text": {"en": "x" * 500}}],
    }


def _card_parts(snapshot: dict) -> dict:
    """The card's parts of `snapshot`, extracted by the database (any one row will do)."""
    row = (
        ServiceArea.objects.filter(pk=ServiceAreaFactory().pk)
        .annotate(fields=CardFields(Value(snapshot, output_field=JSONField())))
        .values_list("fields", flat=True)
        .get()
    )
    return CardFields.parts(row)


@pytest.mark.parametrize(
    "parties", [0, 1, INDEXED_PARTIES - 1, INDEXED_PARTIES, INDEXED_PARTIES + 1, 40]
)
def test_card_lists_every_party_in_order_when_snapshot_has_n_parties(parties):
    parts = _card_parts(_snapshot(parties))

    assert parts["title"] == {"en": "Ferry accord", "fr": "Accord traversier"}
    assert parts["type"] == {"en": "Partnership", "fr": "Partenariat"}
    assert parts["summary"] == {"en": "Crossings.", "fr": ""}
    assert list(parts["parties"]) == [
        {"en": f"Body {index}", "fr": f"Organisme {index}"} for index in range(parties)
    ]


def test_card_is_empty_when_snapshot_is_null():
    assert CardFields.parts(None) == {}


@pytest.fixture
def five(publish):
    """Five agreements whose English titles sort in the reverse order of their creation."""
    titles = ["Echo accord", "Delta accord", "Charlie accord", "Bravo accord", "Alpha accord"]
    return [publish(title_en=title) for title in titles]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("title", lambda rows: sorted(rows, key=lambda a: a.title_en)),
        ("reference", lambda rows: sorted(rows, key=lambda a: a.reference)),
    ],
)
def test_each_page_holds_the_next_rows_in_order_when_pages_hold_two(
    client, five, monkeypatch, sort, expected
):
    monkeypatch.setattr(browser, "PAGE_SIZE", 2)
    order = [a.reference for a in expected(five)]

    pages = [
        [
            r.agreement.reference
            for r in client.get(f"/en/agreements/?sort={sort}&page={page}")
            .context["results"]
            .versions
        ]
        for page in (1, 2, 3)
    ]

    assert pages == [order[0:2], order[2:4], order[4:5]]


def test_page_rows_are_chosen_by_reference_in_a_sub_select_when_listing(client, five):
    with CaptureQueriesContext(connection) as captured:
        client.get("/en/agreements/?page=1")

    listing = [q["sql"] for q in captured.captured_queries if '"version_id" FROM' in q["sql"]]
    assert len(listing) == 1
    assert '"reference" IN (SELECT' in listing[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan only")
def test_search_count_hashes_within_when_on_postgresql(five):
    within = browser.filter_context(browser.BrowserQuery()).filtered(text=False)
    with CaptureQueriesContext(connection) as captured:
        result = search.search("accord", within=within, limit=2)

    assert result.total == 5
    assert "AS w OFFSET 0)" in captured.captured_queries[0]["sql"]


def test_scale_data_vacuums_unless_inside_a_transaction():
    assert vacuum_statement(in_transaction=False) == "VACUUM ANALYZE"
    assert vacuum_statement(in_transaction=True) == "ANALYZE"
