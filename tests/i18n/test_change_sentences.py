"""What changed between two versions reads in the page's language: choices by their label, not
their stored code, dates as that language writes them, and French punctuation."""

from django.utils import translation

from cms.changes_text import describe_changes

SUMMARY = {
    "dates_changed": [
        {"field": "next_review_date", "before": "2023-04-01", "after": "2024-04-01"},
    ],
    "responsibilities_changed": [
        {
            "id": 7,
            "clause": "4.2",
            "changes": [
                {"field": "recurrence", "before": "monthly", "after": "quarterly"},
                {"field": "kind", "before": "reporting", "after": "funding"},
            ],
        }
    ],
}


def _lines(language: str) -> list[str]:
    with translation.override(language):
        return [line for section in describe_changes(SUMMARY) for line in section.items]


def test_choices_and_dates_read_in_french_when_page_is_french():
    assert _lines("fr") == [
        "date du prochain examen : 1er avril 2023 → 1er avril 2024",
        "4.2 : récurrence : Chaque mois → Chaque trimestre; nature : Rapports → Financement",
    ]


def test_choices_and_dates_read_in_english_when_page_is_english():
    assert _lines("en") == [
        "next review date: 1 April 2023 → 1 April 2024",
        "4.2: recurrence: Monthly → Quarterly; kind: Reporting → Funding",
    ]
