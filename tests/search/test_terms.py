import pytest

from agreements.search.terms import MAX_TERM_LENGTH, MAX_TERMS, ParsedQuery, parse


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("Passport Office", ("passport", "office")),
        ("l’état civil", ("état", "civil")),
        ("the agreement of the year", ("agreement", "year")),
        ("SNB-2021-004", ("snb", "2021", "004")),
        ('"NEAR(card)" AND OR *', ("near", "card")),
        ("santé Santé SANTÉ", ("santé",)),
        ("Ministe\u0300re", ("ministère",)),  # decomposed accent, as some keyboards send it
    ],
)
def test_query_becomes_distinct_lower_case_words_without_stop_words(query, terms):
    assert parse(query).terms == terms


def test_words_and_terms_are_capped():
    parsed = parse(" ".join(f"w{n}{'x' * 80}" for n in range(50)))

    assert len(parsed.terms) == MAX_TERMS
    assert {len(term) for term in parsed.terms} == {MAX_TERM_LENGTH}


@pytest.mark.parametrize(("query", "prefix"), [("passp", True), ("health k", False)])
def test_last_term_is_a_prefix_when_it_has_two_letters_or_more(query, prefix):
    assert parse(query).prefix is prefix


@pytest.mark.parametrize(
    ("query", "reference"),
    [
        ("snb-2021-004", "SNB-2021-004"),
        (" SNB-2021 ", "SNB-2021"),
        ("NB/2020.7", "NB/2020.7"),
        ("snb2021", "SNB2021"),
        ("2021", ""),
        ("passport", ""),
        ("SNB 2021", ""),
    ],
)
def test_reference_is_recognised_when_the_query_looks_like_one(query, reference):
    assert parse(query).reference == reference


@pytest.mark.parametrize("query", ["", "   ", "!!!", "the and of", None])
def test_query_without_words_is_empty(query):
    assert parse(query) == ParsedQuery()
    assert not parse(query)
