"""The accountability matrix: everything one organisation, one position or one minister's
portfolio (an organisation with the organisations under it) answered for on a given day.

The rows come from the signed record, not the working copies: for each agreement the user may
see, the version in force on that day (`AgreementVersion.objects.in_force_on`), and in it each
responsibility whose accountable position is in scope. The holders are the people appointed to
the position on that day; the next due date is the first one from that day on, within the
version's term; the last report is the latest one submitted by that day.

Query count does not depend on the number of agreements: one for the versions, one for the
holders, one for the reports (plus one per level of the organisation tree for a portfolio).
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from agreements import permissions, recurrence
from agreements.briefs import holders_on
from agreements.models import AgreementVersion, Report
from jurisdictions.models import Organization, Position
from registry.bilingual import active_language, pick

ONE_DAY = datetime.timedelta(days=1)
ACTING = _("acting")


@dataclass(frozen=True)
class MatrixScope:
    """What the matrix is about: a position, an organisation, or an organisation and every
    organisation under it (a minister's portfolio)."""

    organization: Organization | None = None
    position: Position | None = None
    portfolio: bool = False

    def organization_ids(self) -> set[int]:
        if self.position is not None or self.organization is None:
            return set()
        if self.portfolio:
            return Organization.objects.with_descendant_ids([self.organization.pk])
        return {self.organization.pk}

    @property
    def brief_organization(self) -> Organization | None:
        """The organisation whose accountability brief covers the same choice."""
        if self.position is not None:
            return self.position.organization
        return self.organization


@dataclass(frozen=True)
class MatrixRow:
    agreement_id: int
    reference: str
    title: str
    version: int
    clause: str
    obligation: str
    status: str
    responsible_party: str
    position_id: int
    position: str
    organization: str
    holders: str
    next_due: datetime.date | None
    last_report_due: datetime.date | None
    last_report_status: str
    last_report_decision: str


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _next_due(item: dict[str, Any], on: datetime.date, end: datetime.date | None):
    day = recurrence.next_due(
        recurrence=item["recurrence"]["code"],
        anchor=_day(item["recurrence_anchor"]),
        due_date=_day(item["due_date"]),
        after=on - ONE_DAY,
    )
    return None if day is None or (end and day > end) else day


def _holders(position_ids: set[int], on: datetime.date) -> dict[int, list[str]]:
    return {
        position_id: [
            f"{holder['name']} ({ACTING})" if holder["acting"] else holder["name"]
            for holder in holders
        ]
        for position_id, holders in holders_on(position_ids, on).items()
    }


def _last_reports(responsibility_ids: set[int], on: datetime.date) -> dict[int, Report]:
    """Each responsibility's latest report (by due date) submitted by the end of `on`."""
    if not responsibility_ids:
        return {}
    last: dict[int, Report] = {}
    reports = (
        Report.objects.filter(responsibility_id__in=responsibility_ids, submitted_at__date__lte=on)
        .only("responsibility_id", "due_date", "status", "decision")
        .order_by("responsibility_id", "due_date")
    )
    for report in reports:
        last[report.responsibility_id] = report
    return last


def versions_in_force(*, user, on: datetime.date) -> QuerySet[AgreementVersion]:
    """The version in force on `on` of each agreement `user` may see."""
    visible = permissions.visible_agreements(user).values("pk")
    return (
        AgreementVersion.objects.filter(agreement__in=visible)
        .in_force_on(on)
        .select_related("agreement")
        .only(
            "number",
            "snapshot",
            "expiry_date",
            "agreement__reference",
            "agreement__ended_on",
        )
        .order_by("agreement__reference")
    )


def accountability_matrix(*, user, scope: MatrixScope, on: datetime.date) -> list[MatrixRow]:
    """Every responsibility the scope's positions were accountable for on `on`, across the
    agreements `user` may see, ordered by organisation, position, agreement and clause."""
    if scope.position is None and scope.organization is None:
        return []
    organization_ids = scope.organization_ids()
    language = active_language()
    found = []
    for version in versions_in_force(user=user, on=on):
        for item in version.snapshot["responsibilities"]:
            owner = item["owner"]
            if owner is None:
                continue
            if scope.position is not None:
                if owner["id"] != scope.position.pk:
                    continue
            elif owner["organization"]["id"] not in organization_ids:
                continue
            found.append((version, item))
    holders = _holders({item["owner"]["id"] for _, item in found}, on)
    reports = _last_reports({item["id"] for _, item in found}, on)
    rows = []
    for version, item in found:
        owner = item["owner"]
        agreement = version.snapshot["agreement"]
        report = reports.get(item["id"])
        end = version.expiry_date or version.agreement.ended_on
        rows.append(
            MatrixRow(
                agreement_id=version.agreement_id,
                reference=version.agreement.reference,
                title=pick(agreement["title"], language),
                version=version.number,
                clause=item["clause"],
                obligation=pick(item["text"], language),
                status=pick(item["status"]["label"], language),
                responsible_party=pick(item["responsible_party"]["name"], language),
                position_id=owner["id"],
                position=pick(owner["title"], language),
                organization=pick(owner["organization"]["name"], language),
                holders=", ".join(holders.get(owner["id"], [])),
                next_due=_next_due(item, on, end),
                last_report_due=report.due_date if report else None,
                last_report_status=report.get_status_display() if report else "",
                last_report_decision=report.get_decision_display() if report else "",
            )
        )
    rows.sort(
        key=lambda row: (row.organization, row.position, row.position_id, row.reference, row.clause)
    )
    return rows
