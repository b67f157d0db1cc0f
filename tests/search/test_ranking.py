import pytest

from agreements import search
from agreements.search import engine
from tests.search.conftest import ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def passport_agreements(published):
    """Three agreements that mention passports: one in its title, one in its summary, one in
    its obligations; the later ones are newer, so newest-first alone would reverse them."""
    title = published(title_en="Passport intake at service centres")
    summary = published(title_en="Counter services", summary_en="Passport intake included.")
    obligation = published(
        title_en="Counter services", responsibility_en="Accept passport applications."
    )
    return title, summary, obligation


def test_title_match_ranks_above_summary_and_obligation_matches_when_ranked(passport_agreements):
    result = search.search("passport", language="en")

    assert result.ranked
    assert result.ids == ids(*passport_agreements)


def test_title_match_ranks_first_when_the_query_is_broad(passport_agreements, monkeypatch):
    monkeypatch.setattr(engine, "RANK_LIMIT", 1)
    title, summary, obligation = passport_agreements

    result = search.search("passport", language="en")

    assert not result.ranked
    assert result.ids == [title.pk, obligation.pk, summary.pk]  # then newest first
    assert result.total == 3


def test_title_in_the_page_language_ranks_first_when_both_titles_match(published):
    english = published(title_en="Acadian festival grants", title_fr="Subventions culturelles")
    french = published(title_en="Cultural grants", title_fr="Subventions au festival acadien")

    assert search.search("festival", language="en").ids == [english.pk, french.pk]
    assert search.search("festival", language="fr").ids == [french.pk, english.pk]


def test_every_word_must_match(published):
    one = published(title_en="Vehicle registration renewals")
    both = published(title_en="Vehicle registration and driver licence renewals")

    result = search.search("driver vehicle", language="en")

    assert result.ids == [both.pk]
    assert one.pk not in result.ids
