"""The anonymous page cache: a second request costs no query, a browser revalidates with a 304,
and a change to the published data (an agreement restricted) reaches every cached page at once."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from agreements import search

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on():
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield
    cache.clear()


@pytest.fixture
def published(publish):
    return publish(title_en="Quillwort shared services accord", title_fr="Accord Isoète")


def _pages(agreement) -> list[str]:
    jurisdiction = agreement.parties.first().organization.jurisdiction
    return [
        "/en/",
        "/fr/",
        "/en/agreements/",
        "/en/agreements/?q=Quillwort",
        f"/en/agreements/{agreement.reference}/",
        f"/fr/agreements/{agreement.reference}/",
        f"/en/jurisdictions/{jurisdiction.slug}/",
    ]


def test_second_request_is_served_from_the_cache_without_a_query(
    client, published, django_assert_num_queries
):
    first = client.get("/en/agreements/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/en/agreements/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Quillwort shared services accord" in second.content.decode()
    assert second["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert second["ETag"] == first["ETag"]


def test_languages_are_kept_apart(client, published):
    client.get("/en/")
    french = client.get("/fr/")
    assert french["X-Page-Cache"] == "miss"
    assert french["Content-Language"] == "fr"


def test_a_browser_with_the_etag_gets_a_304(client, published):
    etag = client.get("/en/").headers["ETag"]
    response = client.get("/en/", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert client.get("/en/", headers={"if-none-match": '"other"'}).status_code == 200


def test_restricting_an_agreement_removes_it_from_every_cached_page_at_once(
    client, published, django_capture_on_commit_callbacks
):
    pages = _pages(published)
    for page in pages:
        assert client.get(page).status_code == 200
        cached = client.get(page)
        assert cached["X-Page-Cache"] == "hit", page
        assert published.reference in cached.content.decode(), page

    with django_capture_on_commit_callbacks(execute=True):
        published.visibility = "restricted"
        published.save()
    search.index_agreement(agreement_id=published.pk)

    for page in pages:
        response = client.get(page)
        if response.status_code == 404:  # the agreement's own pages
            assert page.endswith(f"/{published.reference}/"), page
            continue
        assert response["X-Page-Cache"] == "miss", page
        assert published.reference not in response.content.decode(), page


def test_a_new_day_is_a_new_page(client, published, monkeypatch):
    import datetime

    client.get("/en/")
    monkeypatch.setattr("registry.page_cache.timezone.localdate", lambda: datetime.date(2099, 1, 1))
    assert client.get("/en/")["X-Page-Cache"] == "miss"


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"path": "/en/verify/"},  # holds a CSRF token
        {"path": "/en/agreements/", "method": "post"},
        {"path": "/en/no-such-page/"},
        {"path": "/admin/login/"},
    ],
)
def test_pages_that_are_never_kept(client, published, request_kwargs):
    method = getattr(client, request_kwargs.get("method", "get"))
    for _ in range(2):
        response = method(request_kwargs["path"])
        assert "X-Page-Cache" not in response


def test_visitors_with_a_session_are_not_served_from_the_cache(client, published, registrar):
    client.get("/en/")
    client.force_login(registrar)
    response = client.get("/en/")
    assert "X-Page-Cache" not in response


def test_a_page_that_varies_by_another_header_is_not_kept(client, published):
    # The feed answers a browser (text/html) and a feed reader with different types.
    browser = client.get("/en/feed/", headers={"accept": "text/html"})
    reader = client.get("/en/feed/", headers={"accept": "application/atom+xml"})
    assert "X-Page-Cache" not in browser
    assert "X-Page-Cache" not in reader
    assert reader["Content-Type"].startswith("application/atom+xml")


def test_a_long_query_string_is_not_kept(client, published):
    path = "/en/agreements/?q=" + "x" * 300
    assert client.get(path).status_code == 200
    assert "X-Page-Cache" not in client.get(path)


def test_a_lost_version_key_never_brings_back_an_old_page(client, published):
    from registry import page_cache

    client.get("/en/")
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    cache.delete(page_cache.VERSION_KEY)  # evicted, or the cache server restarted
    assert client.get("/en/")["X-Page-Cache"] == "miss"
