"""Panels on the Wagtail admin home: what a minister's office, a liaison officer or a registrar
opens every morning. Each panel shows a count, the first few items and a link to its full report.

The numbers come from `WorkspaceSummary`, built once per request from `agreements.selectors`
(which only read the agreements the user may see), so each panel costs a fixed number of
queries whatever the number of agreements.
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from agreements import permissions, selectors
from agreements.permissions import StaffRole
from agreements.views.reviews import review_url
from workspace import reports

SHOWN = 5
DUE_WINDOW_DAYS = 30
EXPIRY_WINDOW_DAYS = 180
REVIEWER_ROLES = frozenset({StaffRole.REGISTRAR, StaffRole.MINISTER})


@dataclass(frozen=True)
class PanelItem:
    label: str
    url: str
    detail: str = ""
    day: datetime.date | datetime.datetime | None = None


class WorkspaceSummary:
    """What the panels show for one user, each read once and only when a panel asks."""

    def __init__(self, user, *, today: datetime.date | None = None):
        self.user = user
        self.today = today or timezone.localdate()

    @cached_property
    def roles(self) -> frozenset[StaffRole]:
        return permissions.staff_roles(self.user)

    @cached_property
    def awaiting_review(self):
        return selectors.review_items(user=self.user, with_steps=False)

    @cached_property
    def states(self):
        return reports.states_count(user=self.user)

    @cached_property
    def due(self):
        return selectors.obligations_due(
            user=self.user, within_days=DUE_WINDOW_DAYS, today=self.today
        )

    @cached_property
    def overdue(self):
        return selectors.obligations_overdue(user=self.user, today=self.today)

    @cached_property
    def expiring(self):
        return list(
            selectors.agreements_expiring(
                user=self.user, within_days=EXPIRY_WINDOW_DAYS, today=self.today
            )
        )

    @cached_property
    def gaps(self):
        return reports.gap_rows(user=self.user, on=self.today)

    @cached_property
    def changes(self):
        return reports.change_rows(user=self.user, limit=SHOWN)


def _agreement_url(agreement_id: int) -> str:
    return reverse("agreements:inspect", args=(agreement_id,))


def _obligation_item(obligation: selectors.Obligation) -> PanelItem:
    item = obligation.responsibility
    clause = f"{item.clause} " if item.clause else ""
    return PanelItem(
        label=f"{item.agreement.reference} — {clause}{item.localized('text')}",
        url=_agreement_url(item.agreement_id),
        detail=str(item.accountability_owner) if item.accountability_owner_id else "",
        day=obligation.due_date,
    )


class WorkspacePanel(Component):
    """One dashboard panel: a heading with a count, up to `SHOWN` items, a link to the report."""

    template_name = "workspace/panels/panel.html"
    name = ""
    heading = ""
    report_url_name = ""
    empty_message = _("Nothing to show.")

    def __init__(self, summary: WorkspaceSummary):
        self.summary = summary

    def count(self) -> int:
        raise NotImplementedError

    def items(self) -> list[PanelItem]:
        raise NotImplementedError

    def report_url(self) -> str:
        return reverse(self.report_url_name)

    def get_context_data(self, parent_context):
        return {
            "panel_id": f"workspace-{self.name}",
            "heading": self.heading,
            "count": self.count(),
            "items": self.items()[:SHOWN],
            "report_url": self.report_url(),
            "empty_message": self.empty_message,
        }


class AwaitingReviewPanel(WorkspacePanel):
    """Agreements and amendments awaiting a decision of a party the user decides for; the full
    list is the reviews page, where each can be approved or returned."""

    name = "awaiting-review"
    heading = _("Awaiting my review")
    report_url_name = "agreement_reviews:index"
    order = 40

    def count(self):
        return len(self.summary.awaiting_review)

    def items(self):
        return [
            PanelItem(
                label=f"{item.agreement.reference} — {item.agreement.localized('title')}",
                url=review_url(item.agreement, item.amendment),
                detail=(
                    item.amendment.localized("title")
                    if item.amendment is not None
                    else item.agreement.get_state_display()
                ),
            )
            for item in self.summary.awaiting_review
        ]


class AgreementsByStatePanel(WorkspacePanel):
    name = "by-state"
    heading = _("My agreements by state")
    report_url_name = "agreements:index"
    order = 45

    def count(self):
        return sum(count for _state, _label, count in self.summary.states)

    def items(self):
        index = reverse("agreements:index")
        return [
            PanelItem(label=f"{label}: {count}", url=f"{index}?{urlencode({'state': state})}")
            for state, label, count in self.summary.states
        ]

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["items"] = self.items()  # every state, not only the first few
        return context


class DuePanel(WorkspacePanel):
    name = "due"
    heading = _("Obligations due in the next 30 days")
    report_url_name = "workspace_due"
    order = 50

    def count(self):
        return len(self.summary.due)

    def items(self):
        return [_obligation_item(o) for o in self.summary.due[:SHOWN]]


class OverduePanel(WorkspacePanel):
    name = "overdue"
    heading = _("Overdue obligations")
    report_url_name = "workspace_overdue"
    order = 55

    def count(self):
        return len(self.summary.overdue)

    def items(self):
        # The most recently missed first: the oldest are in the report.
        return [_obligation_item(o) for o in reversed(self.summary.overdue[-SHOWN:])]


class ExpiringPanel(WorkspacePanel):
    name = "expiring"
    heading = _("Reaching their notice date or expiring within 180 days")
    report_url_name = "workspace_expiring"
    order = 60

    def count(self):
        return len(self.summary.expiring)

    def items(self):
        return [
            PanelItem(
                label=f"{agreement.reference} — {agreement.localized('title')}",
                url=_agreement_url(agreement.pk),
                detail=str(_("notice deadline")),
                day=selectors.notice_deadline(agreement),
            )
            for agreement in self.summary.expiring[:SHOWN]
        ]


class GapsPanel(WorkspacePanel):
    name = "gaps"
    heading = _("Accountability gaps")
    report_url_name = "workspace_gaps"
    order = 65

    def count(self):
        return len(self.summary.gaps)

    def items(self):
        return [
            PanelItem(
                label=f"{row.reference} — {row.clause} {row.obligation}".replace("  ", " "),
                url=_agreement_url(row.agreement_id),
                detail=f"{row.gap}: {row.position}" if row.position else row.gap,
            )
            for row in self.summary.gaps[:SHOWN]
        ]


class RecentChangesPanel(WorkspacePanel):
    name = "recent-changes"
    heading = _("Recent changes to my agreements")
    report_url_name = "workspace_recent_changes"
    order = 70

    def count(self):
        return len(self.summary.changes)

    def items(self):
        return [
            PanelItem(
                label=f"{change.reference} — {change.what} {change.kind}",
                url=reverse("agreements:change_history", args=(change.agreement_id,)),
                detail=change.who,
                day=change.when,
            )
            for change in self.summary.changes
        ]

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["count"] = None  # the latest few, not a total
        return context


def panels_for(user, *, today: datetime.date | None = None) -> list[WorkspacePanel]:
    """The panels `user`'s roles call for: none without a role; "awaiting my review" for those
    who approve (registrars, ministers' offices); the rest for every role."""
    summary = WorkspaceSummary(user, today=today)
    if not summary.roles:
        return []
    panels: list[WorkspacePanel] = []
    if summary.roles & REVIEWER_ROLES:
        panels.append(AwaitingReviewPanel(summary))
    panels += [
        AgreementsByStatePanel(summary),
        DuePanel(summary),
        OverduePanel(summary),
        ExpiringPanel(summary),
        GapsPanel(summary),
        RecentChangesPanel(summary),
    ]
    return panels
