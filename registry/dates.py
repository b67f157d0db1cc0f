"""Dates as a reader of each language writes them: "1 April 2023" and "1er avril 2023".

One formatter per language, so every sentence that names a day (a recurrence, a change) and
every page, PDF, admin screen, feed and e-mail reads the same way. Times are shown in the
registry's time zone (settings.TIME_ZONE) with the zone named: "1 April 2019, 14:05 ADT" /
"1er avril 2019, 14 h 05 HAA" (the Translation Bureau's "14 h 05" and zone abbreviations).
Month names come from Django's own catalogues; our own rules are the French ordinal of the first
day of a month ("1er"), the French way of writing a time and the French zone abbreviations.
"""

import datetime

from django.utils import timezone, translation
from django.utils.dates import MONTHS

from registry.bilingual import active_language


def _day(day: datetime.date, language: str) -> str:
    if language == "fr" and day.day == 1:
        return "1er"
    return str(day.day)


def _month(day: datetime.date, language: str) -> str:
    if translation.get_language() == language:  # the usual case: no switch (costly) needed
        return str(MONTHS[day.month])
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


# French names of the time zones the registry's readers meet (Translation Bureau, TERMIUM):
# "heure avancée de l'Atlantique" is HAA where English says ADT. A zone not listed here is
# written as its offset from UTC in French, which every reader understands.
_FRENCH_ZONE_ABBREVIATIONS = {
    "NST": "HNT",
    "NDT": "HAT",
    "AST": "HNA",
    "ADT": "HAA",
    "EST": "HNE",
    "EDT": "HAE",
    "CST": "HNC",
    "CDT": "HAC",
    "MST": "HNR",
    "MDT": "HAR",
    "PST": "HNP",
    "PDT": "HAP",
    "CET": "HNEC",
    "CEST": "HAEC",
    "UTC": "UTC",
    "GMT": "UTC",
}


def _utc_offset(moment: datetime.datetime) -> str:
    """The offset as "UTC−4", "UTC+5:30" (a real minus sign, no leading zero)."""
    offset = moment.utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "\u2212"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


def zone_abbreviation(moment: datetime.datetime, language: str | None = None) -> str:
    """The time zone of an aware datetime as the language abbreviates it: "ADT" / "HAA"."""
    language = language or active_language()
    name = moment.tzname() or ""
    if language == "fr":
        return _FRENCH_ZONE_ABBREVIATIONS.get(name) or _utc_offset(moment)
    return name if name[:1].isalpha() else _utc_offset(moment)


def format_time(moment: datetime.datetime, language: str | None = None) -> str:
    """The time of day: "14:05" in English, "14 h 05" (and "14 h" on the hour) in French."""
    language = language or active_language()
    if language == "fr":
        return f"{moment.hour} h {moment.minute:02d}" if moment.minute else f"{moment.hour} h"
    return f"{moment.hour:02d}:{moment.minute:02d}"


def local_moment(moment: datetime.datetime) -> datetime.datetime:
    """An aware datetime in the registry's time zone (settings.TIME_ZONE); a naive one is taken
    to be in that zone already."""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return timezone.localtime(moment)


def format_date_time(moment: datetime.datetime, language: str | None = None) -> str:
    """A moment in the registry's time zone with the zone named: "1 April 2019, 14:05 ADT" /
    "1er avril 2019, 14 h 05 HAA"."""
    language = language or active_language()
    local = local_moment(moment)
    return (
        f"{format_date(local.date(), language)}, "
        f"{format_time(local, language)} {zone_abbreviation(local, language)}"
    )


def as_date(value) -> datetime.date | None:
    """A date from a date, a datetime (its day in the registry's time zone) or an ISO string
    (as snapshots store dates); None when there is none or the string is no date."""
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return local_moment(value).date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def long_date(value, language: str | None = None) -> str:
    """What the `long_date` template filter shows: "1 April 2019" / "1er avril 2019" for a
    date, a datetime or an ISO string; "" when there is no date (so `|default:"—"` works)."""
    day = as_date(value)
    return format_date(day, language) if day else ""


def date_time(value, language: str | None = None) -> str:
    """What the `date_time` template filter shows: "1 April 2019, 14:05 ADT" /
    "1er avril 2019, 14 h 05 HAA" for a datetime; a plain date as `long_date`."""
    if isinstance(value, datetime.datetime):
        return format_date_time(value, language)
    return long_date(value, language)
