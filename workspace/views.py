"""The workspace's report views: Wagtail `ReportView`s over plain rows (workspace.reports,
workspace.matrix), each with its choices as a small GET form and Wagtail's CSV and XLSX export
(`list_export`). Every row comes from selectors that only read agreements the user may see.
"""

import datetime

from django import forms
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput

from agreements import permissions
from agreements.briefs import brief_organizations
from jurisdictions.models import Organization, Position
from registry.dates import date_time, long_date
from workspace import reports
from workspace.matrix import MatrixScope, accountability_matrix

DUE_WINDOW_DAYS = 30
EXPIRY_WINDOW_DAYS = 180
CHANGES_SHOWN = 100
MATRIX_NEEDS_CHOICE = _("Choose an organisation or a position.")
IN_JURISDICTION = _("{name} ({jurisdiction})")


class DayColumn(Column):
    """A date shown as people read it (registry.dates), e.g. "31 March 2026"."""

    def get_value(self, instance):
        return long_date(super().get_value(instance))


class MomentColumn(Column):
    def get_value(self, instance):
        return date_time(super().get_value(instance))


def agreement_url(row) -> str:
    return reverse("agreements:inspect", args=(row.agreement_id,))


def reference_column(**kwargs) -> TitleColumn:
    return TitleColumn("reference", label=_("Agreement"), get_url=agreement_url, **kwargs)


def request_roles(request) -> frozenset:
    """The user's staff roles, asked once per request however many menu items ask."""
    if not hasattr(request, "_workspace_roles"):
        request._workspace_roles = permissions.staff_roles(request.user)
    return request._workspace_roles


class WorkspaceMenuItem(MenuItem):
    """Shown to staff who hold a role (registrar, liaison officer, minister's office)."""

    def is_shown(self, request):
        return bool(request_roles(request))


# --- choice forms ----------------------------------------------------------------------------


class DateRangeForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=AdminDateInput)
    end = forms.DateField(label=_("To"), required=False, widget=AdminDateInput)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("The end date cannot be before the start date."))
        return cleaned


class WithinDaysForm(forms.Form):
    within_days = forms.IntegerField(
        label=_("Within (days)"), min_value=1, max_value=3650, required=False
    )


class OnDayForm(forms.Form):
    on = forms.DateField(label=_("On"), required=False, widget=AdminDateInput)


class OrganizationChoiceField(forms.ModelChoiceField):
    """An organisation named with its jurisdiction, so that two provinces' "Department of
    Health" can be told apart."""

    def label_from_instance(self, obj):
        return str(IN_JURISDICTION).format(name=obj, jurisdiction=obj.jurisdiction)


class PositionChoiceField(forms.ModelChoiceField):
    """A position named with its organisation and that organisation's jurisdiction."""

    def label_from_instance(self, obj):
        return str(IN_JURISDICTION).format(name=obj, jurisdiction=obj.organization.jurisdiction)


class MatrixForm(forms.Form):
    organization = OrganizationChoiceField(
        label=_("Organisation"),
        queryset=Organization.objects.select_related("jurisdiction").order_by(
            "name_en", "jurisdiction__name_en"
        ),
        required=False,
    )
    portfolio = forms.BooleanField(
        label=_("Include the organisations under it (a minister's portfolio)"), required=False
    )
    position = PositionChoiceField(
        label=_("Or a position"),
        queryset=Position.objects.select_related("organization__jurisdiction").order_by(
            "organization__name_en", "organization__jurisdiction__name_en", "title_en"
        ),
        required=False,
    )
    as_of = forms.DateField(label=_("As of"), required=False, widget=AdminDateInput)

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("organization") or cleaned.get("position")):
            raise forms.ValidationError(MATRIX_NEEDS_CHOICE)
        return cleaned


# --- the base view ---------------------------------------------------------------------------


class WorkspaceReportView(ReportView):
    """A report over a list of rows built by `get_rows(choices)`, from a GET form whose empty
    fields take `initial_choices()`."""

    results_template_name = "workspace/report_results.html"
    form_class: type[forms.Form] | None = None
    export_name = "report"
    header_icon = "table"

    def initial_choices(self) -> dict:
        return {}

    @cached_property
    def today(self) -> datetime.date:
        return timezone.localdate()

    @cached_property
    def choice_form(self) -> forms.Form | None:
        if self.form_class is None:
            return None
        data = {k: v for k, v in self.request.GET.items() if k not in ("export", "p")}
        return self.form_class(data or None, initial=self.initial_choices())

    @cached_property
    def choices(self) -> dict | None:
        """The choices to report on, or None when the form is invalid."""
        form = self.choice_form
        if form is None:
            return {}
        if not form.is_bound:
            return self.initial_choices()
        if not form.is_valid():
            return None
        defaults = self.initial_choices()
        return {
            name: value if value not in (None, "") else defaults.get(name)
            for name, value in form.cleaned_data.items()
        }

    def get_rows(self, choices: dict) -> list:
        raise NotImplementedError

    def get_queryset(self):
        if self.choices is None:
            return []
        return self.get_rows(self.choices)

    def filter_queryset(self, queryset):
        return queryset

    def get_filename(self):
        return f"{self.export_name}-{self.today.isoformat()}"

    def get_heading(self, queryset, field):
        return str(self.export_headings.get(field, field))

    def stream_csv(self, queryset):
        """The CSV streams after the view returns, when the admin's language is no longer
        active: write it in the language of the request."""
        language = translation.get_language()
        lines = super().stream_csv(queryset)

        def in_language():
            with translation.override(language):
                yield from lines

        return in_language()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["choice_form"] = self.choice_form
        return context


# --- obligations -----------------------------------------------------------------------------

OBLIGATION_HEADINGS = {
    "due_date": _("Due date"),
    "days_late": _("Days late"),
    "reference": _("Agreement"),
    "clause": _("Clause"),
    "obligation": _("Obligation"),
    "responsible_party": _("Responsible party"),
    "position": _("Accountable position"),
    "report": _("Report"),
}


def obligation_columns(*, late: bool) -> list[Column]:
    columns = [
        DayColumn("due_date", label=_("Due date")),
        reference_column(),
        Column("clause", label=_("Clause")),
        Column("obligation", label=_("Obligation")),
        Column("responsible_party", label=_("Responsible party")),
        Column("position", label=_("Accountable position")),
        Column("report", label=_("Report")),
    ]
    if late:
        columns.insert(1, Column("days_late", label=_("Days late")))
    return columns


class DueObligationsView(WorkspaceReportView):
    """Each due date (every occurrence of a recurring obligation) in a date range, default the
    next 30 days, that has no report yet."""

    page_title = _("Obligations due")
    index_url_name = "workspace_due"
    index_results_url_name = "workspace_due"
    export_name = "obligations-due"
    form_class = DateRangeForm
    columns = obligation_columns(late=False)
    list_export = [f for f in OBLIGATION_HEADINGS if f != "days_late"]
    export_headings = OBLIGATION_HEADINGS

    def initial_choices(self):
        return {
            "start": self.today,
            "end": self.today + datetime.timedelta(days=DUE_WINDOW_DAYS),
        }

    def get_rows(self, choices):
        return reports.due_rows(
            user=self.request.user, start=choices["start"], end=choices["end"], today=self.today
        )


class OverdueObligationsView(WorkspaceReportView):
    """Each missed due date (every occurrence) without a report, oldest first."""

    page_title = _("Overdue obligations")
    index_url_name = "workspace_overdue"
    index_results_url_name = "workspace_overdue"
    export_name = "obligations-overdue"
    form_class = DateRangeForm
    columns = obligation_columns(late=True)
    list_export = list(OBLIGATION_HEADINGS)
    export_headings = OBLIGATION_HEADINGS

    def get_rows(self, choices):
        return reports.overdue_rows(
            user=self.request.user,
            start=choices.get("start"),
            end=choices.get("end"),
            today=self.today,
        )


# --- agreements ------------------------------------------------------------------------------


class ExpiringAgreementsView(WorkspaceReportView):
    page_title = _("Agreements expiring")
    index_url_name = "workspace_expiring"
    index_results_url_name = "workspace_expiring"
    export_name = "agreements-expiring"
    form_class = WithinDaysForm
    columns = [
        reference_column(),
        Column("title", label=_("Title")),
        DayColumn("notice_deadline", label=_("Notice deadline")),
        Column("days_to_notice", label=_("Days to notice deadline")),
        DayColumn("expiry_date", label=_("Expiry date")),
    ]
    export_headings = {
        "reference": _("Agreement"),
        "title": _("Title"),
        "notice_deadline": _("Notice deadline"),
        "days_to_notice": _("Days to notice deadline"),
        "expiry_date": _("Expiry date"),
    }
    list_export = list(export_headings)

    def initial_choices(self):
        return {"within_days": EXPIRY_WINDOW_DAYS}

    def get_rows(self, choices):
        return reports.expiring_rows(
            user=self.request.user, within_days=choices["within_days"], today=self.today
        )


class RecentChangesView(WorkspaceReportView):
    page_title = _("Recent changes to my agreements")
    index_url_name = "workspace_recent_changes"
    index_results_url_name = "workspace_recent_changes"
    export_name = "recent-changes"
    columns = [
        MomentColumn("when", label=_("When")),
        TitleColumn(
            "reference",
            label=_("Agreement"),
            get_url=lambda change: reverse(
                "agreements:change_history", args=(change.agreement_id,)
            ),
        ),
        Column("what", label=_("What")),
        Column("kind", label=_("Change")),
        Column("who", label=_("By")),
        Column("reason", label=_("Reason")),
    ]
    export_headings = {
        "when": _("When"),
        "reference": _("Agreement"),
        "what": _("What"),
        "kind": _("Change"),
        "who": _("By"),
        "reason": _("Reason"),
    }
    list_export = list(export_headings)

    def get_rows(self, choices):
        return reports.change_rows(user=self.request.user, limit=CHANGES_SHOWN)


# --- accountability ----------------------------------------------------------------------------


class AccountabilityGapsView(WorkspaceReportView):
    page_title = _("Accountability gaps")
    index_url_name = "workspace_gaps"
    index_results_url_name = "workspace_gaps"
    export_name = "accountability-gaps"
    form_class = OnDayForm
    columns = [
        reference_column(),
        Column("clause", label=_("Clause")),
        Column("obligation", label=_("Obligation")),
        Column("responsible_party", label=_("Responsible party")),
        Column("position", label=_("Accountable position")),
        Column("gap", label=_("Gap")),
    ]
    export_headings = {
        "reference": _("Agreement"),
        "clause": _("Clause"),
        "obligation": _("Obligation"),
        "responsible_party": _("Responsible party"),
        "position": _("Accountable position"),
        "gap": _("Gap"),
    }
    list_export = list(export_headings)

    def initial_choices(self):
        return {"on": self.today}

    def get_rows(self, choices):
        return reports.gap_rows(user=self.request.user, on=choices["on"])


class AccountabilityMatrixView(WorkspaceReportView):
    """Everything an organisation, a position or a portfolio answered for on a day, with the
    accountability brief PDF for the same choice."""

    page_title = _("Accountability matrix")
    index_url_name = "workspace_matrix"
    index_results_url_name = "workspace_matrix"
    export_name = "accountability-matrix"
    form_class = MatrixForm
    header_icon = "group"
    columns = [
        Column("organization", label=_("Organisation")),
        Column("position", label=_("Accountable position")),
        Column("holders", label=_("Holder on that day")),
        reference_column(),
        Column("clause", label=_("Clause")),
        Column("obligation", label=_("Obligation")),
        Column("responsible_party", label=_("Responsible party")),
        DayColumn("next_due", label=_("Next due date")),
        Column("last_report_status", label=_("Last report")),
        Column("last_report_decision", label=_("Decision")),
    ]
    export_headings = {
        "organization": _("Organisation"),
        "position": _("Accountable position"),
        "holders": _("Holder on that day"),
        "reference": _("Agreement"),
        "version": _("Version"),
        "clause": _("Clause"),
        "obligation": _("Obligation"),
        "status": _("Status"),
        "responsible_party": _("Responsible party"),
        "next_due": _("Next due date"),
        "last_report_due": _("Last report's due date"),
        "last_report_status": _("Last report"),
        "last_report_decision": _("Decision"),
    }
    list_export = list(export_headings)

    def initial_choices(self):
        return {"as_of": self.today}

    @cached_property
    def scope(self) -> MatrixScope | None:
        choices = self.choices
        if not choices:
            return None
        return MatrixScope(
            organization=choices.get("organization"),
            position=choices.get("position"),
            portfolio=bool(choices.get("portfolio")),
        )

    def get_rows(self, choices):
        if self.scope is None or not (self.scope.organization or self.scope.position):
            return []
        return accountability_matrix(user=self.request.user, scope=self.scope, on=choices["as_of"])

    @cached_property
    def brief_links(self) -> list[tuple[str, str]]:
        """(language, URL) of the brief PDF for the same choice, when the user may read it."""
        scope = self.scope
        organization = scope.brief_organization if scope else None
        if organization is None:
            return []
        if not brief_organizations(self.request.user).filter(pk=organization.pk).exists():
            return []
        params = {"as_of": self.choices["as_of"].isoformat()}
        if scope.position is not None:
            params["position"] = scope.position.pk
        base = reverse("agreements_accountability_brief", args=(organization.pk,))
        return [
            (language, f"{base}?{urlencode({**params, 'language': language})}")
            for language in ("en", "fr")
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["brief_links"] = self.brief_links
        return context


class WorkspaceSubmenuMenuItem(SubmenuMenuItem):
    """The "Workspace" menu, for staff who hold a role."""

    def is_shown(self, request):
        return bool(request_roles(request))
