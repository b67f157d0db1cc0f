import pytest

from agreements import search
from tests.search.conftest import ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def passport(published):
    return published(
        title_en="Passport intake",
        title_fr="Réception des demandes de passeport",
        summary_en="Service centres accept applications for Service Canada.",
        summary_fr="Les centres de service acceptent les demandes pour Service Canada.",
        responsibility_en="Check each applicant's identity documents.",
        responsibility_fr="Vérifier les pièces d’identité de chaque demandeur.",
    )


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(
    "query",
    ["passport", "passeport", "réception demandes", "identity documents", "pièces d'identité"],
)
def test_either_language_finds_the_agreement_whatever_the_page_language(passport, query, language):
    assert search.search(query, language=language).ids == ids(passport)


def test_party_names_are_searchable_in_both_languages(passport):
    party = passport.parties.select_related("organization__jurisdiction").first()
    organization = party.organization

    for query in (organization.name_en, organization.name_fr, organization.jurisdiction.name_en):
        assert passport.pk in search.search(query, language="en").ids, query


def test_unknown_page_language_searches_as_english(passport):
    assert search.search("passport", language="de").ids == ids(passport)
