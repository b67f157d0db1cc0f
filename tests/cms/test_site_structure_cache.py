"""Wagtail's routing and the navigation are read from the cache (cms.routing): a page costs no
query for its site, its place in the tree, its view restrictions or the menu, and any change to
a page (published, unpublished, renamed, restricted, retitled) shows at once, in both languages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from cms import routing
from cms.models import EditorialPage, HomePage, NetworkPage

pytestmark = pytest.mark.django_db


def _wagtail_queries(client, url: str) -> tuple[object, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [q["sql"] for q in captured.captured_queries if "wagtailcore_" in q["sql"]]


def _nav(response) -> str:
    html = response.content.decode()
    return html[html.index('<nav class="site-nav"') : html.index("</nav>", html.index("site-nav"))]


def test_a_page_served_again_costs_no_routing_or_navigation_query(client):
    client.get("/en/network/")  # fills the cache
    response, wagtail = _wagtail_queries(client, "/en/network/")
    assert response.status_code == 200
    assert wagtail == []
    nav = _nav(response)
    assert 'href="/en/agreements/"' in nav
    assert 'href="/en/about/"' in nav
    assert "About the registry" in nav


def test_the_first_request_after_a_change_reads_the_tree_once(client):
    client.get("/en/")
    routing.raise_version()
    _response, wagtail = _wagtail_queries(client, "/en/")
    # The site, every page by type (root, home, browser, jurisdictions, network, editorial),
    # the view restrictions and Wagtail's site root paths (its own cache, kept).
    assert 3 <= len(wagtail) <= 9
    _response, again = _wagtail_queries(client, "/en/about/")
    assert again == []


def test_a_new_menu_page_is_in_the_navigation_and_served_at_once(client):
    client.get("/en/")
    home = HomePage.objects.get()
    home.add_child(
        instance=EditorialPage(
            title="Accessibility statement",
            title_fr="Déclaration d’accessibilité",
            slug="accessibility",
            show_in_menus=True,
        )
    )
    english = _nav(client.get("/en/"))
    assert 'href="/en/accessibility/">Accessibility statement</a>' in english
    french = _nav(client.get("/fr/"))
    assert 'href="/fr/accessibility/">Déclaration d’accessibilité</a>' in french
    page = client.get("/en/accessibility/")
    assert page.status_code == 200
    assert "Accessibility statement" in page.content.decode()


def test_an_unpublished_page_leaves_the_navigation_and_is_not_served(client):
    assert client.get("/en/about/").status_code == 200
    assert "About the registry" in _nav(client.get("/en/"))
    EditorialPage.objects.get(slug="about").unpublish()
    assert client.get("/en/about/").status_code == 404
    assert "About the registry" not in _nav(client.get("/en/"))
    assert "À propos du registre" not in _nav(client.get("/fr/"))


def test_an_unpublished_browser_takes_its_agreements_with_it(client):
    assert client.get("/en/agreements/").status_code == 200
    Page.objects.get(slug="agreements").specific.unpublish()
    assert client.get("/en/agreements/").status_code == 404
    assert 'href="/en/agreements/"' not in _nav(client.get("/en/"))


def test_a_renamed_page_moves_to_its_new_address_in_both_languages(client):
    assert client.get("/en/network/").status_code == 200
    network = NetworkPage.objects.get()
    network.slug = "reseau"
    network.save()
    assert client.get("/en/network/").status_code == 404
    assert client.get("/en/reseau/").status_code == 200
    assert 'href="/en/reseau/"' in _nav(client.get("/en/"))
    assert 'href="/fr/reseau/"' in _nav(client.get("/fr/"))


def test_a_retitled_menu_page_shows_its_new_title_in_its_language(client):
    assert "Méthodologie" in _nav(client.get("/fr/"))
    page = EditorialPage.objects.get(slug="methodology")
    page.title_fr = "Notre méthode"
    page.save()
    assert "Notre méthode" in _nav(client.get("/fr/"))
    assert "Notre méthode" not in _nav(client.get("/en/"))
    assert "Methodology" in _nav(client.get("/en/"))


def test_a_restricted_page_is_neither_served_nor_listed_to_the_public(client):
    client.get("/en/about/")
    about = EditorialPage.objects.get(slug="about")
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/en/about/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert "About the registry" not in _nav(client.get("/en/"))


def test_a_page_under_a_restricted_page_is_restricted_too(client):
    about = EditorialPage.objects.get(slug="about")
    about.add_child(instance=EditorialPage(title="Our team", slug="team"))
    assert client.get("/en/about/team/").status_code == 200
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/en/about/team/").status_code == 302


def test_a_change_is_forgotten_again_when_its_transaction_commits(
    django_capture_on_commit_callbacks,
):
    before = routing.version()
    with django_capture_on_commit_callbacks(execute=True):
        page = EditorialPage.objects.get(slug="about")
        page.title = "About this registry"
        page.save()
        during = routing.version()
    assert during > before
    # Raised again on commit: another process that read the old page between the save and the
    # commit kept it under `during`, which is no longer the version.
    assert routing.version() > during


def test_without_the_cache_routing_still_reads_the_tree_in_a_few_queries(client, settings):
    settings.SITE_STRUCTURE_CACHE = False
    client.get("/en/network/")
    response, wagtail = _wagtail_queries(client, "/en/network/")
    assert response.status_code == 200
    assert 'href="/en/about/"' in _nav(response)
    assert 3 <= len(wagtail) <= 9
