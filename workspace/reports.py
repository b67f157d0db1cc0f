"""Rows of the workspace's reports, as plain data for the admin tables and their CSV/XLSX exports.

Each function reads through `agreements.selectors` (which only looks at the agreements the user
may see) and adds what a table needs in a fixed number of queries, whatever the number of rows.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements import permissions, selectors
from agreements.models import Agreement, Report, Responsibility

NO_OWNER = _("No accountable position")
VACANT = _("Accountable position vacant")
NO_REPORT = _("No report")
OWNER_ORGANIZATION_ENDED = _("The accountable position's organisation has ended")
PARTY_ORGANIZATION_ENDED = _("The responsible party's organisation has ended")


@dataclass(frozen=True)
class ObligationRow:
    """One due date of one obligation: each occurrence of a recurring obligation is a row."""

    due_date: datetime.date
    days_late: int
    agreement_id: int
    reference: str
    responsibility_id: int
    clause: str
    obligation: str
    responsible_party: str
    position: str
    report: str


@dataclass(frozen=True)
class ExpiringRow:
    agreement_id: int
    reference: str
    title: str
    notice_deadline: datetime.date
    expiry_date: datetime.date
    days_to_notice: int


@dataclass(frozen=True)
class GapRow:
    agreement_id: int
    reference: str
    responsibility_id: int
    clause: str
    obligation: str
    responsible_party: str
    position: str
    gap: str


def _position(item: Responsibility) -> str:
    return str(item.accountability_owner) if item.accountability_owner_id else ""


def obligation_rows(
    obligations: list[selectors.Obligation], *, today: datetime.date
) -> list[ObligationRow]:
    """`obligations` (from `selectors.obligations_due` / `obligations_overdue`) with the state of
    any report already submitted for the due date (one query)."""
    reports = {}
    if obligations:
        found = Report.objects.filter(
            responsibility_id__in={o.responsibility.pk for o in obligations},
            due_date__gte=min(o.due_date for o in obligations),
            due_date__lte=max(o.due_date for o in obligations),
        ).only("responsibility_id", "due_date", "decision")
        reports = {(r.responsibility_id, r.due_date): r for r in found}
    rows = []
    for obligation in obligations:
        item = obligation.responsibility
        report = reports.get((item.pk, obligation.due_date))
        rows.append(
            ObligationRow(
                due_date=obligation.due_date,
                days_late=max((today - obligation.due_date).days, 0),
                agreement_id=item.agreement_id,
                reference=item.agreement.reference,
                responsibility_id=item.pk,
                clause=item.clause,
                obligation=item.localized("text"),
                responsible_party=str(item.responsible_party.organization),
                position=_position(item),
                report=str(report.get_decision_display() if report else NO_REPORT),
            )
        )
    return rows


def due_rows(
    *, user, start: datetime.date, end: datetime.date, today: datetime.date | None = None
) -> list[ObligationRow]:
    """Unreported due dates from `start` to `end` (both included), soonest first."""
    today = today or timezone.localdate()
    days = max((end - start).days, 0)
    due = selectors.obligations_due(user=user, within_days=days, today=start)
    return obligation_rows([o for o in due if o.due_date <= end], today=today)


def overdue_rows(
    *,
    user,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    today: datetime.date | None = None,
) -> list[ObligationRow]:
    """Due dates before today without a report (see `selectors.obligations_overdue`), limited to
    those from `start` to `end` when given, oldest first."""
    today = today or timezone.localdate()
    overdue = [
        o
        for o in selectors.obligations_overdue(user=user, today=today)
        if (start is None or o.due_date >= start) and (end is None or o.due_date <= end)
    ]
    return obligation_rows(overdue, today=today)


def expiring_rows(
    *, user, within_days: int = 180, today: datetime.date | None = None
) -> list[ExpiringRow]:
    """Agreements in force whose notice deadline or expiry falls within `within_days`."""
    today = today or timezone.localdate()
    rows = []
    for agreement in selectors.agreements_expiring(user=user, within_days=within_days, today=today):
        deadline = selectors.notice_deadline(agreement)
        rows.append(
            ExpiringRow(
                agreement_id=agreement.pk,
                reference=agreement.reference,
                title=agreement.localized("title"),
                notice_deadline=deadline,
                expiry_date=agreement.expiry_date,
                days_to_notice=(deadline - today).days,
            )
        )
    return rows


def gap_rows(*, user, on: datetime.date | None = None) -> list[GapRow]:
    """Responsibilities of agreements not yet ended with no accountable position, one no one
    holds on `on`, or one whose organisation (or the responsible party's) had ended by `on`
    (`selectors.responsibilities_unowned`, `selectors.responsibilities_owned_by_dissolved`).
    Two queries; a responsibility with several gaps is one row naming each."""
    day = on or timezone.localdate()
    gaps: dict[int, tuple[Responsibility, list[str]]] = {}
    for item in selectors.responsibilities_unowned(user=user, on=day):
        gaps[item.pk] = (item, [str(VACANT if item.accountability_owner_id else NO_OWNER)])
    for item in selectors.responsibilities_owned_by_dissolved(user=user, on=day):
        owner = item.accountability_owner
        ended_owner = owner is not None and _ended(owner.organization.end_date, day)
        reason = str(OWNER_ORGANIZATION_ENDED if ended_owner else PARTY_ORGANIZATION_ENDED)
        gaps.setdefault(item.pk, (item, []))[1].append(reason)
    ordered = sorted(
        gaps.values(),
        key=lambda gap: (gap[0].agreement.reference, gap[0].sort_order, gap[0].pk),
    )
    return [
        GapRow(
            agreement_id=item.agreement_id,
            reference=item.agreement.reference,
            responsibility_id=item.pk,
            clause=item.clause,
            obligation=item.localized("text"),
            responsible_party=str(item.responsible_party.organization),
            position=_position(item),
            gap="; ".join(reasons),
        )
        for item, reasons in ordered
    ]


def _ended(end_date: datetime.date | None, day: datetime.date) -> bool:
    return end_date is not None and end_date < day


def states_count(*, user) -> list[tuple[str, str, int]]:
    """(state, label, count) of the agreements `user` may see, in lifecycle order, states with
    none left out (one query)."""
    counts = dict(
        permissions.visible_agreements(user)
        .order_by()
        .values_list("state")
        .annotate(count=Count("pk"))
        .values_list("state", "count")
    )
    return [
        (state.value, str(state.label), counts[state.value])
        for state in Agreement.State
        if counts.get(state.value)
    ]


CHANGE_SUBJECTS = {
    "agreement": _("Agreement"),
    "party": _("Party"),
    "responsibility": _("Responsibility"),
}
CHANGE_KINDS = {"created": _("created"), "changed": _("changed"), "deleted": _("deleted")}


@dataclass(frozen=True)
class ChangeRow:
    agreement_id: int
    reference: str
    what: str
    kind: str
    when: datetime.datetime
    who: str
    reason: str


def change_rows(*, user, limit: int) -> list[ChangeRow]:
    """The latest recorded edits of the agreements `user` may see (`selectors.recent_changes`),
    with their labels in the active language."""
    return [
        ChangeRow(
            agreement_id=change.agreement_id,
            reference=change.reference,
            what=str(CHANGE_SUBJECTS.get(change.what, change.what)),
            kind=str(CHANGE_KINDS.get(change.kind, change.kind)),
            when=change.when,
            who=change.who,
            reason=change.reason,
        )
        for change in selectors.recent_changes(user=user, limit=limit)
    ]
