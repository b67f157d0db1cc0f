"""Reports against obligations: the responsible party says what it did for one due date, and
the accountable position's organisation accepts the report or returns it with a comment. Only an
accepted report discharges a due date (agreements.selectors: overdue = due without an accepted
report). A returned report is corrected and submitted again in place: one report per due date,
its earlier submissions and decisions kept in its history."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements import lifecycle, permissions, recurrence, report_uploads
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
NOT_A_SUBMITTER = _(
    "Only the liaison officers of the responsible party can report on this obligation."
)
NOT_A_REVIEWER = _(
    "Only the accountable position's organisation (its liaison officers or minister's office) "
    "can accept or return this report, and not the person who submitted it."
)
ALREADY_DECIDED = _("This report has already been {decision}.")
RETURN_COMMENT_MISSING = _("Say what must be corrected: a returned report needs a comment.")


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
    attachment: UploadedFile | None = None,
) -> Report:
    """Record the report for one due date of `responsibility`, awaiting review.

    The period defaults to the one the due date closes (from the day after the previous due
    date), or for a one-off obligation from the agreement's effective date. When the report for
    that date was returned, it is resubmitted in place: new content, awaiting review again (a
    new attachment replaces the previous one; without one, the previous one stays). Raises
    PermissionDenied unless `by` may report on the agreement as a liaison officer of the
    responsible party (or a registrar); ValidationError when the obligation is not signed yet,
    the date is not one of its due dates, the period is inverted, the evidence is empty, the
    attachment is not an acceptable PDF (agreements.report_uploads), or a report for that date
    awaits review or was accepted.
    """
    agreement = Agreement.objects.select_for_update().get(pk=responsibility.agreement_id)
    permissions.require(by, Action.REPORT, agreement)
    responsibility = Responsibility.objects.select_related("agreement", "responsible_party").get(
        pk=responsibility.pk
    )
    if not permissions.can_submit_report(by, responsibility):
        raise PermissionDenied(NOT_A_SUBMITTER)
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
    report = responsibility.reports.select_for_update().filter(due_date=due_date).first()
    if report is not None and report.decision != Report.Decision.RETURNED:
        raise ValidationError(ALREADY_REPORTED.format(day=due_date.isoformat()))
    if attachment is not None:
        report_uploads.check_attachment(attachment)
    reason = "report submitted"
    if report is None:
        report = Report(responsibility=responsibility, due_date=due_date)
    else:
        reason = "report resubmitted"
    report.period_start, report.period_end = period_start, period_end
    report.status, report.evidence = status, evidence.strip()
    report.submitted_by, report.submitted_at = by, timezone.now()
    report.decision = Report.Decision.PENDING
    report.decided_by, report.decided_at, report.decision_comment = None, None, ""
    if attachment is not None:
        attachment.seek(0)
        report.attachment.save("report.pdf", attachment, save=False)
    attribute(report, user=by, reason=reason)
    report.save()
    return report


@transaction.atomic
def report_accept(*, report: Report, by: AbstractBaseUser, comment: str = "") -> Report:
    """Accept a report awaiting review: its due date counts as reported from now on.

    Raises PermissionDenied unless `by` belongs to the accountable position's organisation (or
    is a registrar) and did not submit the report; ValidationError when it was already
    accepted or returned.
    """
    return _decide(report=report, by=by, decision=Report.Decision.ACCEPTED, comment=comment)


@transaction.atomic
def report_return(*, report: Report, by: AbstractBaseUser, comment: str) -> Report:
    """Return a report awaiting review, saying what must be corrected; the responsible party
    may then resubmit it (`report_submit` for the same due date).

    Raises PermissionDenied as `report_accept`; ValidationError when the comment is empty or
    the report was already accepted or returned.
    """
    return _decide(report=report, by=by, decision=Report.Decision.RETURNED, comment=comment)


def _decide(*, report: Report, by: AbstractBaseUser, decision: str, comment: str) -> Report:
    Agreement.objects.select_for_update().get(pk=report.responsibility.agreement_id)
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related(
            "responsibility__agreement",
            "responsibility__responsible_party",
            "responsibility__accountability_owner",
        )
        .get(pk=report.pk)
    )
    if report.decision != Report.Decision.PENDING:
        raise ValidationError(
            str(ALREADY_DECIDED).format(decision=report.get_decision_display().lower())
        )
    if not permissions.can_decide_report(by, report):
        raise PermissionDenied(NOT_A_REVIEWER)
    comment = comment.strip()
    if decision == Report.Decision.RETURNED and not comment:
        raise ValidationError(RETURN_COMMENT_MISSING)
    report.decision, report.decision_comment = decision, comment
    report.decided_by, report.decided_at = by, timezone.now()
    attribute(report, user=by, reason=f"report {decision}")
    report.save(update_fields=["decision", "decision_comment", "decided_by", "decided_at"])
    return report
