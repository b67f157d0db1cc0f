"""Each page type renders in English and in French, in the page's language, with the language
toggle pointing to the same page in the other language."""

import pytest

from tests.site.conftest import LANGUAGES
from tests.sitemaps import whole_sitemap

pytestmark = pytest.mark.django_db

# A phrase of the interface per language, proving the strings are translated (compiled .mo).
INTERFACE = {
    "en": {"skip": "Skip to main content", "agreements": "Agreements"},
    "fr": {"skip": "Passer au contenu principal", "agreements": "Ententes"},
}


@pytest.fixture
def agreement(publish):
    return publish(
        title_en="Passport photo services agreement",
        title_fr="Entente sur les services de photos de passeport",
    )


def _paths(agreement) -> dict[str, str]:
    jurisdiction = agreement.parties.first().organization.jurisdiction
    return {
        "home": "",
        "browser": "agreements/",
        "search": "agreements/?q=passport",
        "agreement": f"agreements/{agreement.reference}/",
        "changes": f"agreements/{agreement.reference}/changes/?from=1&to=1",
        "jurisdictions": "jurisdictions/",
        "jurisdiction": f"jurisdictions/{jurisdiction.slug}/",
        "network": "network/",
        "about": "about/",
        "methodology": "methodology/",
        "licence": "open-data-licence/",
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_renders_in_its_language_when_requested_with_its_prefix(
    client, agreement, language
):
    other = "fr" if language == "en" else "en"
    for name, path in _paths(agreement).items():
        response = client.get(f"/{language}/{path}")
        assert response.status_code == 200, name
        body = response.content.decode()
        assert f'<html lang="{language}">' in body, name
        assert INTERFACE[language]["skip"] in body, name
        assert f'hreflang="{other}" href="/{other}/{path.replace("&", "&amp;")}"' in body, name


def test_agreement_title_shown_in_page_language_when_both_exist(client, agreement):
    english = client.get(f"/en/agreements/{agreement.reference}/").content.decode()
    french = client.get(f"/fr/agreements/{agreement.reference}/").content.decode()
    assert "<h1>Passport photo services agreement</h1>" in english
    assert "<h1>Entente sur les services de photos de passeport</h1>" in french


def test_english_text_marked_when_french_is_missing(client, publish):
    agreement = publish(
        title_en="Ferry terminal services agreement",
        title_fr="",
        parity_exemption_reason="French title to follow.",
    )
    body = client.get(f"/fr/agreements/{agreement.reference}/").content.decode()
    assert (
        '<h1><span lang="en">Ferry terminal services agreement</span> '
        '<span class="fallback">(en anglais seulement)</span></h1>'
    ) in body


def test_search_finds_agreement_when_querying_its_french_title(client, agreement):
    response = client.get("/fr/agreements/", {"q": "photos passeport"})
    assert [v.agreement_id for v in response.context["results"].versions] == [agreement.pk]


def test_search_finds_agreement_when_querying_its_reference(client, agreement, publish):
    publish()
    response = client.get("/en/agreements/", {"q": agreement.reference})
    assert response.context["results"].versions[0].agreement_id == agreement.pk


def test_root_redirects_to_preferred_language_when_browser_prefers_french(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_root_redirects_to_english_when_browser_prefers_another_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de")
    assert response["Location"] == "/en/"


def test_language_toggle_keeps_filters_when_switching_on_the_browser(client, agreement):
    body = client.get("/en/agreements/?q=passport&sort=title").content.decode()
    assert 'href="/fr/agreements/?q=passport&amp;sort=title" lang="fr"' in body


def test_feed_lists_published_versions_when_read_in_each_language(client, agreement):
    for language in LANGUAGES:
        response = client.get(f"/{language}/feed/")
        assert response["Content-Type"].startswith("application/atom+xml")
        body = response.content.decode()
        assert f"/{language}/agreements/{agreement.reference}/versions/1/" in body
    assert (
        "Entente sur les services de photos de passeport"
        in client.get("/fr/feed/").content.decode()
    )


def test_sitemap_lists_both_languages_when_an_agreement_is_published(client, agreement):
    body = whole_sitemap(client)
    for language in LANGUAGES:
        assert f"/{language}/agreements/{agreement.reference}/</loc>" in body
        assert f"/{language}/about/</loc>" in body
    assert 'hreflang="fr"' in body


def test_robots_txt_points_to_the_sitemap_when_crawled(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_admin_not_found_stays_not_found_when_the_path_has_no_language(registrar_client):
    """A 404 outside the language prefixes is not "fixed" by redirecting to /en/admin/..."""
    response = registrar_client.get("/admin/agreements/edit/999999/")
    assert response.status_code == 404


def test_page_address_without_language_redirects_when_it_exists_in_a_language(client):
    response = client.get("/about/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert response["Location"] == "/fr/about/"
