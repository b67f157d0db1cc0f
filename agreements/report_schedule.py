"""The due dates of an obligation that its reports answer, with the report (if any) for each.

What the report screens list for one responsibility: every due date of the last two years, the
next one, and any earlier due date still without an accepted report (it is overdue, so it must
stay reachable). Due dates run from the agreement's effective date to its expiry (or the day it
ended). A due date is overdue once past without an accepted report (the rule of
`agreements.selectors.obligations_overdue`). Reads only; one query for the reports.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from agreements import recurrence
from agreements.models import Agreement, Report, Responsibility

YEARS_SHOWN = 2
ONE_DAY = datetime.timedelta(days=1)


class OccurrenceState:
    NOT_DUE = "not_due"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    PENDING = Report.Decision.PENDING.value
    ACCEPTED = Report.Decision.ACCEPTED.value
    RETURNED = Report.Decision.RETURNED.value


STATE_LABELS = {
    OccurrenceState.NOT_DUE: _("Not due yet"),
    OccurrenceState.DUE_TODAY: _("Due today"),
    OccurrenceState.OVERDUE: _("Overdue: no report"),
    OccurrenceState.PENDING: _("Report awaiting review"),
    OccurrenceState.ACCEPTED: _("Report accepted"),
    OccurrenceState.RETURNED: _("Report returned for correction"),
}


@dataclass
class Occurrence:
    """One due date of an obligation and its report."""

    due_date: datetime.date
    report: Report | None
    today: datetime.date

    @property
    def state(self) -> str:
        if self.report is not None:
            return self.report.decision
        if self.due_date > self.today:
            return OccurrenceState.NOT_DUE
        if self.due_date == self.today:
            return OccurrenceState.DUE_TODAY
        return OccurrenceState.OVERDUE

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def overdue(self) -> bool:
        """Past its due date without an accepted report."""
        accepted = self.report is not None and self.report.decision == Report.Decision.ACCEPTED
        return self.due_date < self.today and not accepted


def _span(agreement: Agreement) -> tuple[datetime.date | None, datetime.date | None]:
    end = agreement.expiry_date
    ended_on = getattr(agreement, "ended_on", None)
    if ended_on is not None and (end is None or ended_on < end):
        end = ended_on
    return agreement.effective_date, end


def due_dates(responsibility: Responsibility, *, start: datetime.date, end: datetime.date):
    """The obligation's due dates from `start` to `end`, within the agreement's span."""
    effective, expiry = _span(responsibility.agreement)
    if effective is not None:
        start = max(start, effective)
    if expiry is not None:
        end = min(end, expiry)
    return list(
        recurrence.due_dates_between(
            recurrence=responsibility.recurrence,
            anchor=responsibility.recurrence_anchor,
            due_date=responsibility.due_date,
            start=start,
            end=end,
        )
    )


def next_due_date(responsibility: Responsibility, *, today: datetime.date) -> datetime.date | None:
    """The first due date after today, if the agreement still applies then."""
    day = recurrence.next_due(
        recurrence=responsibility.recurrence,
        anchor=responsibility.recurrence_anchor,
        due_date=responsibility.due_date,
        after=today,
    )
    _effective, expiry = _span(responsibility.agreement)
    if day is None or (expiry is not None and day > expiry):
        return None
    return day


def occurrences(
    responsibility: Responsibility, *, today: datetime.date, reports: list[Report] | None = None
) -> list[Occurrence]:
    """The due dates the screens list for `responsibility` (see module), newest first, each with
    its report. Pass `reports` (all of the responsibility's) when already loaded."""
    if reports is None:
        reports = list(responsibility.reports.select_related("submitted_by", "decided_by"))
    by_day = {report.due_date: report for report in reports}
    agreement = responsibility.agreement
    first = (
        agreement.effective_date
        or responsibility.recurrence_anchor
        or responsibility.due_date
        or today
    )
    window_start = recurrence.add_months(today, -12 * YEARS_SHOWN)
    days = set(due_dates(responsibility, start=window_start, end=today))
    for day in due_dates(responsibility, start=first, end=window_start - ONE_DAY):
        report = by_day.get(day)
        if report is None or report.decision != Report.Decision.ACCEPTED:
            days.add(day)
    upcoming = next_due_date(responsibility, today=today)
    if upcoming is not None:
        days.add(upcoming)
    # Reports on dates no longer in the rule (an amendment changed it) stay visible.
    days |= {day for day in by_day if day >= window_start}
    return [Occurrence(day, by_day.get(day), today) for day in sorted(days, reverse=True)]


@dataclass
class ResponsibilitySummary:
    """One obligation of an agreement with the counts its report screen details."""

    responsibility: Responsibility
    overdue: int
    awaiting_review: int
    returned: int
    next_due: datetime.date | None


def agreement_summaries(
    agreement: Agreement, *, today: datetime.date
) -> list[ResponsibilitySummary]:
    """Every responsibility of `agreement` with its overdue, awaiting-review and returned
    counts and next due date. Two queries, whatever the number of responsibilities."""
    responsibilities = list(
        agreement.responsibilities.select_related(
            "responsible_party__organization", "accountability_owner__organization"
        ).order_by("sort_order", "pk")
    )
    reports: dict[int, list[Report]] = {item.pk: [] for item in responsibilities}
    for report in Report.objects.filter(responsibility__agreement=agreement).only(
        "pk", "responsibility_id", "due_date", "decision"
    ):
        reports[report.responsibility_id].append(report)
    summaries = []
    for item in responsibilities:
        item.agreement = agreement
        listed = occurrences(item, today=today, reports=reports[item.pk])
        summaries.append(
            ResponsibilitySummary(
                responsibility=item,
                overdue=sum(1 for o in listed if o.overdue),
                awaiting_review=sum(1 for o in listed if o.state == OccurrenceState.PENDING),
                returned=sum(1 for o in listed if o.state == OccurrenceState.RETURNED),
                next_due=next_due_date(item, today=today),
            )
        )
    return summaries
