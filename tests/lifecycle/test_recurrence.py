"""Next due dates for each recurrence, including month ends and leap years (pure functions)."""

import datetime

import pytest

from agreements.recurrence import (
    Recurrence,
    add_months,
    due_dates_between,
    is_due_on,
    next_due,
    period_ending,
)
from tests.factories import ResponsibilityFactory

D = datetime.date


def test_one_off_due_on_its_date_when_not_yet_past():
    assert next_due(
        recurrence=Recurrence.NONE, anchor=None, due_date=D(2024, 6, 30), after=D(2024, 6, 29)
    ) == D(2024, 6, 30)


def test_one_off_has_no_next_due_when_date_passed():
    assert (
        next_due(
            recurrence=Recurrence.NONE, anchor=None, due_date=D(2024, 6, 30), after=D(2024, 6, 30)
        )
        is None
    )


def test_one_off_has_no_next_due_when_it_has_no_date():
    assert (
        next_due(recurrence=Recurrence.NONE, anchor=None, due_date=None, after=D(2024, 1, 1))
        is None
    )


def test_recurring_due_on_anchor_when_before_anchor():
    assert next_due(
        recurrence=Recurrence.QUARTERLY, anchor=D(2024, 3, 31), due_date=None, after=D(2020, 1, 1)
    ) == D(2024, 3, 31)


@pytest.mark.parametrize(
    ("recurrence", "anchor", "after", "expected"),
    [
        (Recurrence.MONTHLY, D(2024, 1, 15), D(2024, 1, 15), D(2024, 2, 15)),
        (Recurrence.MONTHLY, D(2024, 1, 15), D(2024, 3, 20), D(2024, 4, 15)),
        (Recurrence.QUARTERLY, D(2024, 3, 31), D(2024, 3, 31), D(2024, 6, 30)),
        (Recurrence.QUARTERLY, D(2024, 3, 31), D(2024, 7, 1), D(2024, 9, 30)),
        (Recurrence.QUARTERLY, D(2024, 3, 31), D(2024, 10, 1), D(2024, 12, 31)),
        (Recurrence.SEMI_ANNUAL, D(2024, 6, 15), D(2024, 6, 15), D(2024, 12, 15)),
        (Recurrence.ANNUAL, D(2022, 6, 30), D(2024, 7, 1), D(2025, 6, 30)),
        (Recurrence.ANNUAL, D(2022, 6, 30), D(2024, 6, 29), D(2024, 6, 30)),
    ],
)
def test_next_due_follows_interval_when_recurring(recurrence, anchor, after, expected):
    assert next_due(recurrence=recurrence, anchor=anchor, due_date=None, after=after) == expected


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (D(2024, 1, 31), D(2024, 2, 29)),  # leap year
        (D(2024, 2, 29), D(2024, 3, 31)),  # back to the 31st, not the 29th
        (D(2024, 3, 31), D(2024, 4, 30)),
        (D(2025, 1, 31), D(2025, 2, 28)),  # common year
        (D(2025, 2, 28), D(2025, 3, 31)),
    ],
)
def test_monthly_from_31st_lands_on_month_end_when_month_is_shorter(after, expected):
    anchor = D(2024, 1, 31)
    assert (
        next_due(recurrence=Recurrence.MONTHLY, anchor=anchor, due_date=None, after=after)
        == expected
    )


@pytest.mark.parametrize(
    ("recurrence", "anchor", "expected"),
    [
        # An anchor on a month's last day means the last day of every month.
        (
            Recurrence.QUARTERLY,
            D(2024, 6, 30),
            [D(2024, 6, 30), D(2024, 9, 30), D(2024, 12, 31), D(2025, 3, 31)],
        ),
        (
            Recurrence.MONTHLY,
            D(2024, 4, 30),
            [D(2024, 4, 30), D(2024, 5, 31), D(2024, 6, 30), D(2024, 7, 31)],
        ),
        (Recurrence.ANNUAL, D(2023, 2, 28), [D(2023, 2, 28), D(2024, 2, 29), D(2025, 2, 28)]),
        # Any other day keeps its number, clamped in shorter months.
        (
            Recurrence.MONTHLY,
            D(2024, 1, 30),
            [D(2024, 1, 30), D(2024, 2, 29), D(2024, 3, 30), D(2024, 4, 30)],
        ),
    ],
)
def test_month_end_anchor_keeps_month_end_when_interval_repeats(recurrence, anchor, expected):
    days = list(
        due_dates_between(
            recurrence=recurrence, anchor=anchor, due_date=None, start=anchor, end=expected[-1]
        )
    )
    assert days == expected


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (D(2024, 2, 29), D(2025, 2, 28)),
        (D(2025, 2, 28), D(2026, 2, 28)),
        (D(2027, 2, 28), D(2028, 2, 29)),
    ],
)
def test_annual_from_29_february_falls_on_28th_when_not_leap_year(after, expected):
    anchor = D(2024, 2, 29)
    assert (
        next_due(recurrence=Recurrence.ANNUAL, anchor=anchor, due_date=None, after=after)
        == expected
    )


def test_due_dates_listed_in_order_when_range_spans_year_end():
    days = list(
        due_dates_between(
            recurrence=Recurrence.MONTHLY,
            anchor=D(2023, 10, 31),
            due_date=None,
            start=D(2023, 11, 1),
            end=D(2024, 3, 31),
        )
    )
    assert days == [
        D(2023, 11, 30),
        D(2023, 12, 31),
        D(2024, 1, 31),
        D(2024, 2, 29),
        D(2024, 3, 31),
    ]


def test_due_dates_include_both_ends_when_they_are_due_dates():
    days = list(
        due_dates_between(
            recurrence=Recurrence.QUARTERLY,
            anchor=D(2024, 3, 31),
            due_date=None,
            start=D(2024, 3, 31),
            end=D(2024, 9, 30),
        )
    )
    assert days == [D(2024, 3, 31), D(2024, 6, 30), D(2024, 9, 30)]


def test_is_due_on_true_only_on_due_dates():
    kwargs = {"recurrence": Recurrence.MONTHLY, "anchor": D(2024, 1, 31), "due_date": None}
    assert is_due_on(day=D(2024, 2, 29), **kwargs)
    assert not is_due_on(day=D(2024, 2, 28), **kwargs)
    assert not is_due_on(day=D(2023, 12, 31), **kwargs)  # before the anchor


def test_period_runs_from_day_after_previous_due_date_when_recurring():
    assert period_ending(
        recurrence=Recurrence.QUARTERLY, anchor=D(2024, 3, 31), due=D(2024, 6, 30)
    ) == (
        D(2024, 4, 1),
        D(2024, 6, 30),
    )
    # The anchor's own period is the interval before it.
    assert period_ending(
        recurrence=Recurrence.MONTHLY, anchor=D(2024, 3, 31), due=D(2024, 3, 31)
    ) == (
        D(2024, 3, 1),
        D(2024, 3, 31),
    )


def test_period_is_none_when_one_off():
    assert period_ending(recurrence=Recurrence.NONE, anchor=None, due=D(2024, 6, 30)) is None


def test_add_months_clamps_when_target_month_shorter():
    assert add_months(D(2023, 8, 31), 6) == D(2024, 2, 29)
    assert add_months(D(2024, 3, 31), -1) == D(2024, 2, 29)


@pytest.mark.django_db
def test_responsibility_next_due_uses_its_recurrence():
    responsibility = ResponsibilityFactory(
        recurrence=Recurrence.ANNUAL, recurrence_anchor=D(2022, 6, 30)
    )
    assert responsibility.next_due(after=D(2023, 6, 30)) == D(2024, 6, 30)
