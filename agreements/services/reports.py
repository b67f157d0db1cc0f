"""Reports against obligations: the responsible party says what it did for one due date."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from agreements import lifecycle, permissions, recurrence
from agreements.models import Agreement, Report, Responsibility
from agreements.models.reports import PERIOD_ENDS_BEFORE_START
from agreements.permissions import Action
from registry.audit import attribute

NOT_A_DUE_DATE = _("{day} is not a due date of this obligation.")
NOT_SIGNED = _(
    "This obligation is not part of a signed version of the agreement yet; report against it "
    "once the agreement or amendment adding it has been signed."
)
EVIDENCE_MISSING = _("Describe what was done, or refer to where the evidence is published.")
ALREADY_REPORTED = _("A report for the due date {day} has already been submitted.")
UNKNOWN_STATUS = _("Choose whether the obligation was met, partially met or not met.")


@transaction.atomic
def report_submit(
    *,
    responsibility: Responsibility,
    by: AbstractBaseUser,
    due_date: datetime.date,
    status: str,
    evidence: str,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
) -> Report:
    """Record the report for one due date of `responsibility`.

    The period defaults to the one the due date closes (from the day after the previous due
    date), or for a one-off obligation from the agreement's effective date. Raises
    PermissionDenied unless `by` may report on the agreement; ValidationError when the
    obligation is not signed yet, the date is not one of its due dates, the period is inverted,
    the evidence is empty or a report for that date exists.
    """
    agreement = Agreement.objects.select_for_update().get(pk=responsibility.agreement_id)
    permissions.require(by, Action.REPORT, agreement)
    responsibility = Responsibility.objects.get(pk=responsibility.pk)
    latest = lifecycle.latest_version(agreement)
    signed_ids = {item["id"] for item in latest.snapshot["responsibilities"]} if latest else set()
    if responsibility.pk not in signed_ids:
        raise ValidationError(NOT_SIGNED)
    if not recurrence.is_due_on(
        recurrence=responsibility.recurrence,
        anchor=responsibility.recurrence_anchor,
        due_date=responsibility.due_date,
        day=due_date,
    ):
        raise ValidationError(NOT_A_DUE_DATE.format(day=due_date.isoformat()))
    if status not in Report.Status.values:
        raise ValidationError(UNKNOWN_STATUS)
    if not evidence.strip():
        raise ValidationError(EVIDENCE_MISSING)
    default_period = recurrence.period_ending(
        recurrence=responsibility.recurrence, anchor=responsibility.recurrence_anchor, due=due_date
    ) or (min(agreement.effective_date or due_date, due_date), due_date)
    period_start = period_start or default_period[0]
    period_end = period_end or default_period[1]
    if period_end < period_start:
        raise ValidationError(PERIOD_ENDS_BEFORE_START)
    if responsibility.reports.filter(due_date=due_date).exists():
        raise ValidationError(ALREADY_REPORTED.format(day=due_date.isoformat()))
    report = Report(
        responsibility=responsibility,
        due_date=due_date,
        period_start=period_start,
        period_end=period_end,
        status=status,
        evidence=evidence.strip(),
        submitted_by=by,
    )
    attribute(report, user=by, reason="report submitted")
    report.save()
    return report
