import pytest

from agreements import search
from tests.search.conftest import ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def health(published):
    return published(
        title_en="Health card registration",
        title_fr="Inscription à l’assurance-maladie du Ministère de la Santé",
        summary_en="Birth certificates from the Registrar of Vital Statistics.",
    )


@pytest.mark.parametrize("query", ["Ministere", "MINISTÈRE", "ministère sante", "santé"])
def test_query_without_or_with_accents_finds_accented_text(health, query):
    assert search.search(query, language="fr").ids == ids(health)


def test_accented_query_finds_text_without_accents(published):
    agreement = published(title_en="Regie des rentes pension exchange")

    assert search.search("Régie", language="fr").ids == ids(agreement)


@pytest.mark.parametrize("query", ["regis", "health ca", "Vital stat", "assurance-mal"])
def test_last_word_matches_as_a_prefix(health, query):
    assert search.search(query, language="en").ids == ids(health)


def test_only_the_last_word_matches_as_a_prefix(health):
    assert search.search("regis card", language="en").ids == []


def test_one_letter_is_not_a_prefix(health):
    assert search.search("health k", language="en").ids == []


def test_plural_finds_singular_when_stemmed(health):
    assert search.search("cards registrations", language="en").ids == ids(health)
