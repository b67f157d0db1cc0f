"""When a recurring obligation falls due. Pure date arithmetic: no database, no clock.

A recurring responsibility has an interval (monthly, quarterly, semi-annual, annual) and an
anchor, its first due date. Every later due date is the anchor plus a whole number of intervals,
computed from the anchor each time (never from the previous due date), with the day clamped to
the month's length. An anchor on the last day of its month means "the last day of the month"
(the end-of-month rule used for financial calendars): quarterly from 30 June falls due on
30 September, 31 December and 31 March. So an obligation anchored on 31 January falls due on
28 February (29 in a leap year) and again on 31 March, one anchored on 15 January on the 15th of
each month, and one anchored on 29 February 2024 on 28 February 2025 and 29 February 2028.

A one-off responsibility (no recurrence) is due once, on its due date.
"""

import calendar
import datetime
from collections.abc import Iterator

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from registry.bilingual import active_language
from registry.dates import day_of_month, format_date, format_day_month

ONE_DAY = datetime.timedelta(days=1)


class Recurrence(models.TextChoices):
    NONE = "none", _("Once, on the due date")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SEMI_ANNUAL = "semi_annual", _("Every six months")
    ANNUAL = "annual", _("Every year, on the anchor's day and month")


# How a rule reads, one whole sentence per rule with named placeholders, so each language words
# it its own way ("every year on 30 April" / "chaque année le 30 avril"). Filled by `describe`.
ONCE_ON = _("Once, on %(date)s")
MONTHLY_ON = _("Every month on the %(day)s, from %(date)s")
MONTHLY_ON_LAST_DAY = _("On the last day of every month, from %(date)s")
QUARTERLY_FROM = _("Every quarter, from %(date)s")
SEMI_ANNUAL_FROM = _("Every six months, from %(date)s")
ANNUAL_ON = _("Every year on %(day_month)s, from %(year)s")

MONTHS_BETWEEN = {
    Recurrence.MONTHLY: 1,
    Recurrence.QUARTERLY: 3,
    Recurrence.SEMI_ANNUAL: 6,
    Recurrence.ANNUAL: 12,
}


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved by `months` (may be negative), its day clamped to the target month's length."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_month_end(day: datetime.date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def occurrence(*, recurrence: str, anchor: datetime.date, index: int) -> datetime.date:
    """The `index`-th due date counted from the anchor (0 is the anchor, -1 the one before)."""
    day = add_months(anchor, MONTHS_BETWEEN[Recurrence(recurrence)] * index)
    if is_month_end(anchor):
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return day


def _first_index_after(*, recurrence: str, anchor: datetime.date, after: datetime.date) -> int:
    step = MONTHS_BETWEEN[Recurrence(recurrence)]
    months = (after.year - anchor.year) * 12 + (after.month - anchor.month)
    # Start one interval early (clamping can move a due date back by a few days) and walk forward.
    index = months // step - 1
    while occurrence(recurrence=recurrence, anchor=anchor, index=index) <= after:
        index += 1
    return index


def next_due(
    *,
    recurrence: str,
    anchor: datetime.date | None,
    due_date: datetime.date | None,
    after: datetime.date,
) -> datetime.date | None:
    """The first due date strictly after `after`, or None when nothing more falls due.

    A recurring obligation before its anchor is next due on the anchor.
    """
    if recurrence == Recurrence.NONE or recurrence in ("", None):
        return due_date if due_date is not None and due_date > after else None
    if anchor is None:
        return None
    if after < anchor:
        return anchor
    index = _first_index_after(recurrence=recurrence, anchor=anchor, after=after)
    return occurrence(recurrence=recurrence, anchor=anchor, index=index)


def due_dates_between(
    *,
    recurrence: str,
    anchor: datetime.date | None,
    due_date: datetime.date | None,
    start: datetime.date,
    end: datetime.date,
) -> Iterator[datetime.date]:
    """Every due date from `start` to `end`, both included, in order."""
    day = next_due(recurrence=recurrence, anchor=anchor, due_date=due_date, after=start - ONE_DAY)
    while day is not None and day <= end:
        yield day
        day = next_due(recurrence=recurrence, anchor=anchor, due_date=due_date, after=day)


def is_due_on(
    *,
    recurrence: str,
    anchor: datetime.date | None,
    due_date: datetime.date | None,
    day: datetime.date,
) -> bool:
    """True when the obligation falls due on `day`."""
    return (
        next_due(recurrence=recurrence, anchor=anchor, due_date=due_date, after=day - ONE_DAY)
        == day
    )


def period_ending(
    *, recurrence: str, anchor: datetime.date | None, due: datetime.date
) -> tuple[datetime.date, datetime.date] | None:
    """The reporting period a due date closes: the day after the previous due date up to `due`.

    None for one-off obligations, whose period starts when the agreement takes effect.
    """
    if recurrence == Recurrence.NONE or anchor is None:
        return None
    index = _first_index_after(recurrence=recurrence, anchor=anchor, after=due - ONE_DAY)
    previous = occurrence(recurrence=recurrence, anchor=anchor, index=index - 1)
    return previous + ONE_DAY, due


def describe(
    *,
    recurrence: str,
    anchor: datetime.date | None,
    due_date: datetime.date | None,
    language: str | None = None,
) -> str:
    """When the obligation falls due, as a sentence in `language` (default: the active one),
    e.g. "Every year on 30 April, from 2021" / "Chaque année le 30 avril, à compter de 2021".
    Empty when the rule has no date to start from."""
    language = language or active_language()
    with translation.override(language):
        if recurrence == Recurrence.NONE or recurrence in ("", None):
            if due_date is None:
                return ""
            return str(ONCE_ON) % {"date": format_date(due_date, language)}
        if anchor is None:
            return ""
        values = {"date": format_date(anchor, language)}
        if recurrence == Recurrence.MONTHLY:
            if is_month_end(anchor):
                return str(MONTHLY_ON_LAST_DAY) % values
            return str(MONTHLY_ON) % {**values, "day": day_of_month(anchor, language)}
        if recurrence == Recurrence.QUARTERLY:
            return str(QUARTERLY_FROM) % values
        if recurrence == Recurrence.SEMI_ANNUAL:
            return str(SEMI_ANNUAL_FROM) % values
        if recurrence == Recurrence.ANNUAL:
            return str(ANNUAL_ON) % {
                "day_month": format_day_month(anchor, language),
                "year": anchor.year,
            }
        return ""
