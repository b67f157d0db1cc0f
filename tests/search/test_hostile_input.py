import pytest

from agreements import search
from agreements.models import Agreement

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    "   ",
    '"',
    '""',
    "*",
    "passport*",
    "NEAR(",
    "NEAR(passport card, 2)",
    "AND OR",
    "passport AND OR NOT",
    'unbalanced "quote',
    "unbalanced 'quote",
    "(passport",
    "passport)",
    "{title_en}: passport",
    "title_en:passport",
    "-passport",
    "^passport",
    "passport:*",
    "passport & | ! <->",
    "'') OR 1=1 --",
    "%_\\",
    "\\'",
    "\x00passport",
    "ʼpassportʼ",
    "🛂 passport",
    "a" * 1_000,
    "passport " * 200,
    " ".join(f"word{n}" for n in range(300)),
]


@pytest.fixture
def passport(published):
    return published(title_en="Passport intake")


@pytest.mark.parametrize("query", HOSTILE)
def test_search_never_raises_whatever_is_typed(passport, query):
    for language in ("en", "fr"):
        result = search.search(query, language=language)
        assert result.ids in ([], [passport.pk])
        assert result.total == len(result.ids)


@pytest.mark.parametrize("query", HOSTILE)
def test_search_filter_never_raises_whatever_is_typed(passport, query):
    assert search.search_filter(Agreement.objects.published(), query).count() in (0, 1)


@pytest.mark.parametrize(
    "query", ["passport*", '"passport', "(passport", "passport)", "{passport}"]
)
def test_syntax_characters_are_ignored_around_real_words(passport, query):
    assert search.search(query, language="en").ids == [passport.pk]


def test_a_query_of_stop_words_or_punctuation_matches_nothing(passport):
    assert search.search("the of and", language="en").total == 0
    assert search.search("!!! ???", language="en").total == 0
    assert not search.search_filter(Agreement.objects.published(), "?!").exists()
