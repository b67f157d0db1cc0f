"""The agreement browser at its edges: a page past the last one, a filter value that does not
exist, and a search with no results."""

import re

import pytest

from tests.site import conftest as site

pytestmark = pytest.mark.django_db

publish = site.publish  # the public site's fixture: publish(title_en=…) signs version 1


def _text(response) -> str:
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def twenty_one(publish):
    return [publish(title_en=f"Counter services accord {n:02d}") for n in range(21)]


def test_last_page_shown_with_a_note_when_the_page_is_past_the_end(client, twenty_one):
    response = client.get("/en/agreements/", {"page": "99999"})

    text = _text(response)
    assert "21–21 of 21 agreements" in text
    assert "Page 2 of 2" in text
    assert "There is no page 99999: this is the last page, page 2." in text
    assert "1999961" not in text and "Page 99999" not in text
    assert len(response.context["results"].versions) == 1


def test_last_page_shown_when_a_search_asks_for_a_page_past_the_end(client, twenty_one):
    response = client.get("/fr/agreements/", {"page": "99999", "q": "services"})

    text = _text(response)
    assert "Page 2 sur 2" in text
    assert "La page 99999 n’existe pas : voici la dernière page, la page 2." in text
    assert "1999961" not in text


def test_no_note_when_the_page_exists(client, twenty_one):
    text = _text(client.get("/en/agreements/", {"page": "2"}))

    assert "21–21 of 21 agreements" in text
    assert "There is no page" not in text


def test_unknown_value_shown_as_a_removable_filter_when_it_matches_nothing(client, publish):
    publish(title_en="Passport intake")

    response = client.get("/en/agreements/", {"jurisdiction": "atlantis", "q": "passport"})

    html = response.content.decode()
    text = _text(response)
    assert "No agreement matches" in text
    assert (
        "The filter Jurisdiction: “atlantis” matched nothing: the registry has no such value."
        in text
    )
    assert '<a href="/en/agreements/?q=passport">Remove filter: Jurisdiction atlantis</a>' in html
    assert 'name="jurisdiction" value="atlantis" checked' in html


def test_unknown_value_explained_in_french_when_the_page_is_french(client, publish):
    publish(title_en="Passport intake")

    text = _text(client.get("/fr/agreements/", {"type": "treaty"}))

    assert "Aucune entente ne correspond" in text
    assert (
        "Le filtre Type d’entente : « treaty » ne correspond à rien : "
        "le registre n’a pas cette valeur." in text
    )
    assert "Retirer le filtre : Type d’entente treaty" in text


def test_known_value_said_to_match_nothing_when_other_filters_exclude_it(client, publish):
    publish(title_en="Passport intake")

    text = _text(client.get("/en/agreements/", {"state": "expired"}))

    assert "The filter State: Expired matched no agreement." in text


def test_one_apply_button_and_no_downloads_when_there_are_no_results(client, publish):
    publish(title_en="Passport intake")

    html = client.get("/en/agreements/", {"q": "zzzyzzx"}).content.decode()

    assert html.count("Apply filters") == 1
    assert "results.csv" not in html and "results.json" not in html
    assert "Download these results" not in html


def test_two_apply_buttons_and_downloads_when_there_are_results(client, publish):
    publish(title_en="Passport intake")

    html = client.get("/en/agreements/", {"q": "passport"}).content.decode()

    assert html.count("Apply filters") == 2
    assert 'href="/en/agreements/results.csv?q=passport"' in html
    assert 'href="/en/agreements/results.json?q=passport"' in html
