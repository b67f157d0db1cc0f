"""The PDFs' fixed wording in English and French (agreements.pdf_text): complete, with the same
placeholders in both languages, dates written the way each language writes them, and every kind
of change in a change summary put into words."""

import datetime
import string

import pytest

from agreements.changes import SUMMARY_KEYS
from agreements.pdf_text import LABELS, change_lines, format_date, label, snapshot_choices
from tests.pdf import builders


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(LABELS))
def test_every_label_has_both_languages_with_the_same_placeholders_when_defined(key):
    texts = LABELS[key]
    assert set(texts) == {"en", "fr"}
    assert texts["en"].strip() and texts["fr"].strip()
    assert _placeholders(texts["en"]) - {"colon"} == _placeholders(texts["fr"]) - {"colon"}


@pytest.mark.parametrize(
    ("day", "language", "expected"),
    [
        (datetime.date(2021, 4, 1), "en", "1 April 2021"),
        (datetime.date(2021, 4, 1), "fr", "1er avril 2021"),
        ("2023-08-15", "fr", "15 août 2023"),
        ("2023-12-31", "en", "31 December 2023"),
        (None, "fr", ""),
    ],
)
def test_dates_are_written_the_languages_way_when_formatted(day, language, expected):
    assert format_date(day, language) == expected


def test_french_colon_has_a_no_break_space_when_labelled():
    assert label("due_line", "fr", text="1er avril 2021") == "Échéance\u00a0: 1er avril 2021"
    assert label("due_line", "en", text="1 April 2021") == "Due: 1 April 2021"


def test_every_kind_of_change_is_put_into_words_when_summarised():
    before = {"en": "Old wording.", "fr": "Ancien libellé."}
    after = {"en": "New wording.", "fr": "Nouveau libellé."}
    org = {"en": "Service New Brunswick", "fr": "Services Nouveau-Brunswick"}
    position = {"position_id": 1, "title": {"en": "Director", "fr": "Directeur"}}
    summary = {
        "dates_changed": [{"field": "expiry_date", "before": "2031-03-31", "after": "2033-03-31"}],
        "terms_changed": [{"field": "notice_period_days", "before": 90, "after": 180}],
        "parties_joined": [{"organization_id": 1, "name": org, "role": "party"}],
        "parties_left": [{"organization_id": 2, "name": org, "role": "party"}],
        "parties_changed": [
            {
                "organization_id": 1,
                "name": org,
                "role": "party",
                "changes": [{"field": "role", "before": "party", "after": "lead"}],
            }
        ],
        "responsibilities_added": [{"id": 1, "clause": "4.2", "text": after}],
        "responsibilities_removed": [{"id": 2, "clause": "4.3", "text": before}],
        "responsibilities_reworded": [{"id": 3, "clause": "4.4", "before": before, "after": after}],
        "responsibilities_changed": [
            {
                "id": 4,
                "clause": "4.5",
                "changes": [{"field": "recurrence", "before": "none", "after": "quarterly"}],
            }
        ],
        "owners_changed": [{"id": 5, "clause": "4.6", "before": None, "after": position}],
    }
    assert set(summary) == set(SUMMARY_KEYS)
    choices = snapshot_choices(builders.snapshot(responsibilities=3))
    english = change_lines(summary, "en", choices)
    assert english == [
        "Expiry date: 31 March 2031 → 31 March 2033",
        "Notice period: 90 days → 180 days",
        "Party joined: Service New Brunswick (Party)",
        "Party left: Service New Brunswick",
        "Party Service New Brunswick: Role: Party → Lead party",
        "Responsibility added (4.2): New wording.",
        "Responsibility removed (4.3): Old wording.",
        "Responsibility reworded (4.4): New wording.",
        "Responsibility changed (4.5): Recurrence: Once, on the due date → Quarterly",
        "Accountable position changed (4.6): — → Director",
    ]
    french = change_lines(summary, "fr", choices)
    assert french[0] == "Date d’expiration\u00a0: 31 mars 2031 → 31 mars 2033"
    assert french[7] == "Responsabilité reformulée (4.4)\u00a0: Nouveau libellé."
