"""The network and jurisdiction pages reuse what they built while their data is unchanged: the
network laid out and written as markup (kept per process under the very rows it was built from,
cms.network), the cards' titles (kept by version and snapshot digest, cms.selectors), and the
partners counted from the jurisdiction's own facet rows. Any change of the data shows at once,
committed or not."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms import network as network_module
from cms import selectors
from tests.factories import amendment_signed
from tests.site.test_network_lists import three  # noqa: F401  # the fixture

pytestmark = pytest.mark.django_db


def _line_titles(body: str) -> list[str]:
    return re.findall(r"<line [^>]*><title>([^<]+)</title></line>", body)


def test_network_is_reused_when_its_data_is_unchanged(client, three):  # noqa: F811
    network_module.forget_built()
    first = client.get("/en/network/").context["graph"]
    second = client.get("/en/network/").context["graph"]
    assert second is first
    assert ("lines", "en") in first.rendered  # the markup was kept with it


def test_network_shows_a_renamed_jurisdiction_when_it_was_kept(client, three):  # noqa: F811
    ashby, _brill, _corran, _agreements = three
    kept = client.get("/en/network/").context["graph"]
    ashby.name_en = "Ashford"
    ashby.save()  # not committed: the test's transaction is rolled back
    response = client.get("/en/network/")
    assert response.context["graph"] is not kept
    body = response.content.decode()
    assert "<title>Ashford — Brill: 3</title>" in body
    assert '<a href="/en/jurisdictions/ashby/">Ashford</a>' in body
    assert "Ashby" not in body


def test_network_markup_follows_the_page_language_when_kept(client, three):  # noqa: F811
    english = client.get("/en/network/").content.decode()
    french = client.get("/fr/network/").content.decode()
    again = client.get("/en/network/").content.decode()
    assert sorted(_line_titles(english)) == [
        "Ashby — Brill: 3",
        "Ashby — Corran: 1",
        "Brill — Corran: 1",
    ]
    assert sorted(_line_titles(french)) == [
        "Ashby (fr) — Brill (fr): 3",
        "Ashby (fr) — Corran (fr): 1",
        "Brill (fr) — Corran (fr): 1",
    ]
    assert '<a href="/fr/jurisdictions/ashby/">Ashby (fr)</a>' in french
    assert "/en/jurisdictions/" not in french
    assert again == english


def test_card_titles_are_read_from_the_snapshots_once_when_shown_again(
    client,
    three,  # noqa: F811
):
    selectors._CARD_TITLES.clear()
    reads = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            body = client.get("/en/jurisdictions/ashby/").content.decode()
        # The snapshot column itself (not its digest, "snapshot_sha256", which cards read).
        reads.append(sum('."snapshot"' in query["sql"] for query in queries.captured_queries))
        assert body.count('<li class="card">') == 3
    assert reads == [1, 0]


def test_card_shows_the_amended_title_when_an_amendment_renames_the_agreement(
    client,
    registrar,
    three,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    _ashby, _brill, _corran, agreements = three
    client.get("/en/jurisdictions/ashby/")  # the first titles are kept

    def rename(agreement):
        agreement.title_en = "Renamed shared services accord"
        agreement.save(update_fields=["title_en", "updated_at"])

    with django_capture_on_commit_callbacks(execute=True):
        amendment_signed(
            agreements[0], by=registrar, effective_date=datetime.date(2023, 4, 1), change=rename
        )
    body = client.get("/en/jurisdictions/ashby/").content.decode()
    link = f'<a href="/en/agreements/{agreements[0].reference}/">Renamed shared services accord</a>'
    assert link in body


def test_partner_rows_count_the_shared_agreements_from_the_jurisdictions_own_rows(
    three,  # noqa: F811
):
    assert sorted(selectors.jurisdiction_partner_rows("ashby")) == [("brill", 3), ("corran", 1)]
    assert sorted(selectors.jurisdiction_partner_rows("corran")) == [("ashby", 1), ("brill", 1)]
    assert selectors.jurisdiction_partner_rows("atlantis") == []
    if connection.vendor == "sqlite":
        # SQLite starts from this jurisdiction's facet rows, not from every jurisdiction's.
        with connection.cursor() as cursor:
            captured = []
            with connection.execute_wrapper(
                lambda execute, sql, params, many, context: (
                    captured.append((sql, params)) or execute(sql, params, many, context)
                )
            ):
                selectors.jurisdiction_partner_rows("ashby")
            sql, params = captured[0]
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = [row[-1] for row in cursor.fetchall()]
        assert plan[0] == "SEARCH a USING COVERING INDEX rm_facet_value (facet=? AND value=?)"


def test_tree_counts_agreements_in_the_page_language_when_listed(client, three):  # noqa: F811
    french = client.get("/fr/jurisdictions/").content.decode()
    english = client.get("/en/jurisdictions/").content.decode()
    assert re.search(
        r'<li>\s*<a href="/fr/jurisdictions/ashby/">Ashby \(fr\)</a>\s*'
        r'<span class="muted">Provincial</span>\s*<span class="count">3 ententes</span>',
        french,
    )
    assert '<a href="/fr/jurisdictions/corran/">Corran (fr)</a>' in french
    assert '<span class="count">1 entente</span>' in french
    assert re.search(
        r'<a href="/en/jurisdictions/ashby/">Ashby</a>\s*'
        r'<span class="muted">Provincial</span>\s*<span class="count">3 agreements</span>',
        english,
    )
    assert '<span class="count">1 agreement</span>' in english
