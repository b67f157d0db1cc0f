"""Dates as a reader of each language writes them: "1 April 2023" and "1er avril 2023".

One formatter per language, so every sentence that names a day (a recurrence, a change) reads
the same way. Month names come from Django's own catalogues; the only rule of our own is the
French ordinal of the first day of a month ("1er").
"""

import datetime

from django.utils import translation
from django.utils.dates import MONTHS

from registry.bilingual import active_language


def _day(day: datetime.date, language: str) -> str:
    if language == "fr" and day.day == 1:
        return "1er"
    return str(day.day)


def _month(day: datetime.date, language: str) -> str:
    with translation.override(language):
        return str(MONTHS[day.month])


def format_day_month(day: datetime.date, language: str | None = None) -> str:
    """The day and month, e.g. "30 April" / "30 avril", "1 July" / "1er juillet"."""
    language = language or active_language()
    return f"{_day(day, language)} {_month(day, language)}"


def format_date(day: datetime.date, language: str | None = None) -> str:
    """A full date, e.g. "30 April 2021" / "30 avril 2021", "1 July 2021" / "1er juillet 2021"."""
    return f"{format_day_month(day, language)} {day.year}"


def day_of_month(day: datetime.date, language: str | None = None) -> str:
    """The day of the month as said in "every month on the …": "15th" / "15", "1st" / "1er"."""
    language = language or active_language()
    if language == "fr":
        return _day(day, language)
    suffix = (
        "th" if 11 <= day.day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    )
    return f"{day.day}{suffix}"
