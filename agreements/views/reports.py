"""Staff admin for reports against obligations.

- per agreement: its responsibilities, each with its overdue, awaiting-review and returned
  counts and a link to its own page;
- per responsibility: its due dates (the last two years, the next one, and any older one still
  overdue), each with its report's state and what the user may do about it;
- submit (or resubmit a returned) report for one due date: period (defaulting to the period the
  due date closes), status, evidence and an optional PDF; the form keeps what was typed when it
  has an error;
- one report: its content, attachment, earlier decisions, and the accept / return form;
- the attachment as a download, to people who may see the agreement only.

Every view first loads the agreement and the user's permissions on it: 404 when the user may
not see it. What the user may do comes from `agreements.permissions`; the services check it again.
"""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput
from wagtail.admin.widgets.button import HeaderButton

from agreements import lifecycle, permissions, recurrence, report_schedule, report_uploads
from agreements.models import Agreement, Report, Responsibility
from agreements.models.reports import PERIOD_ENDS_BEFORE_START
from agreements.permissions import Action
from agreements.services.reports import report_accept, report_return, report_submit

from .crumbs import agreement_breadcrumbs
from .guards import agreement_of, guard_agreement

REPORTS_TITLE = _("Reports against obligations")
SUBMITTED = _("Report for {day} submitted; it now awaits review.")
ACCEPTED = _("Report for {day} accepted.")
RETURNED = _("Report for {day} returned to the responsible party.")
NOT_A_DATE = _("“{value}” is not a date.")
NOT_LISTED = _("{day} is not a due date of this obligation.")
NOTHING_TO_SUBMIT = _(
    "A report for {day} awaits review or was accepted: there is nothing to submit."
)


def agreement_reports_url(agreement: Agreement) -> str:
    return reverse("agreement_reports:agreement", args=(agreement.pk,))


def responsibility_reports_url(responsibility: Responsibility) -> str:
    return reverse("agreement_reports:responsibility", args=(responsibility.pk,))


def reports_button(obj) -> HeaderButton:
    """A header button for an agreement's (or a responsibility's) edit and inspect views."""
    if isinstance(obj, Responsibility):
        url = responsibility_reports_url(obj)
    else:
        url = agreement_reports_url(agreement_of(obj))
    return HeaderButton(REPORTS_TITLE, url=url, icon_name="tasks")


def _signed_ids(agreement: Agreement) -> set[int]:
    latest = lifecycle.latest_version(agreement)
    return {item["id"] for item in latest.snapshot["responsibilities"]} if latest else set()


def _parse_day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise Http404(NOT_A_DATE.format(value=value)) from None


# --- forms -------------------------------------------------------------------------------------


class ReportForm(forms.Form):
    period_start = forms.DateField(label=_("Period from"), widget=AdminDateInput)
    period_end = forms.DateField(label=_("Period to"), widget=AdminDateInput)
    status = forms.ChoiceField(
        label=_("Was the obligation met?"),
        choices=Report.Status.choices,
        widget=forms.RadioSelect,
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What was done and how it was measured, e.g. figures against the service standard, "
            "or where the published report can be found."
        ),
    )
    attachment = forms.FileField(
        label=_("Attachment (PDF, optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    def __init__(self, *args, previous_attachment: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        limit = report_uploads.megabytes(settings.REPORT_ATTACHMENT_MAX_BYTES)
        help_text = _("A PDF document of at most {limit} MB, without scripts or embedded files.")
        if previous_attachment:
            help_text = _(
                "A PDF document of at most {limit} MB, without scripts or embedded files. "
                "Leave empty to keep the file attached to the returned report."
            )
        self.fields["attachment"].help_text = str(help_text).format(limit=limit)

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            report_uploads.check_attachment(upload)
        return upload or None

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", PERIOD_ENDS_BEFORE_START)
        return cleaned


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to return the report: say what must be corrected."),
    )


# --- pages -------------------------------------------------------------------------------------


class ReportsMixin(WagtailAdminTemplateMixin):
    header_icon = "tasks"

    @cached_property
    def today(self) -> datetime.date:
        return timezone.localdate()

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        agreement = self.agreement
        items += agreement_breadcrumbs(agreement)
        items.append({"url": agreement_reports_url(agreement), "label": REPORTS_TITLE})
        return items

    def get_page_subtitle(self):
        return str(self.agreement)


def _guarded(user, agreement: Agreement) -> permissions.AgreementAccess:
    """The user's permissions on `agreement`; 404 unless they may see it (one permission load,
    reused for everything the page offers)."""
    access = permissions.AgreementAccess(user, [agreement])
    if not access.can(Action.VIEW, agreement):
        raise Http404
    return access


class ResponsibilityMixin(ReportsMixin):
    """Loads the responsibility of the URL, 404 unless the user may see its agreement."""

    @cached_property
    def loaded(self) -> tuple[Responsibility, permissions.AgreementAccess]:
        responsibility = get_object_or_404(
            Responsibility.objects.select_related(
                "agreement",
                "responsible_party__organization",
                "accountability_owner__organization",
            ),
            pk=self.kwargs["pk"],
        )
        return responsibility, _guarded(self.request.user, responsibility.agreement)

    @property
    def responsibility(self) -> Responsibility:
        return self.loaded[0]

    @property
    def access(self) -> permissions.AgreementAccess:
        return self.loaded[1]

    @property
    def agreement(self) -> Agreement:
        return self.responsibility.agreement

    def get_context_data(self, **kwargs):
        kwargs.setdefault("text", self.responsibility.localized("text"))
        return super().get_context_data(**kwargs)

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        items.append(
            {
                "url": responsibility_reports_url(self.responsibility),
                "label": self.responsibility.clause or _("Obligation"),
            }
        )
        return items


class AgreementReportsView(ReportsMixin, TemplateView):
    template_name = "agreements/admin/reports_agreement.html"
    page_title = REPORTS_TITLE

    @cached_property
    def agreement(self) -> Agreement:
        agreement = get_object_or_404(Agreement, pk=self.kwargs["pk"])
        guard_agreement(self.request.user, Action.VIEW, agreement)
        return agreement

    def get_context_data(self, **kwargs):
        summaries = report_schedule.agreement_summaries(self.agreement, today=self.today)
        signed = _signed_ids(self.agreement)
        return super().get_context_data(
            agreement=self.agreement,
            rows=[
                {
                    "summary": summary,
                    "signed": summary.responsibility.pk in signed,
                    "text": summary.responsibility.localized("text"),
                    "url": responsibility_reports_url(summary.responsibility),
                    "rule": recurrence.describe(
                        recurrence=summary.responsibility.recurrence,
                        anchor=summary.responsibility.recurrence_anchor,
                        due_date=summary.responsibility.due_date,
                    ),
                }
                for summary in summaries
            ],
            **kwargs,
        )


class ResponsibilityReportsView(ResponsibilityMixin, TemplateView):
    template_name = "agreements/admin/reports_responsibility.html"
    page_title = REPORTS_TITLE

    def get_context_data(self, **kwargs):
        responsibility, user = self.responsibility, self.request.user
        signed = responsibility.pk in _signed_ids(self.agreement)
        can_submit = signed and permissions.can_submit_report(user, responsibility, self.access)
        can_review = permissions.can_review_reports(user, responsibility, self.access)
        rows = []
        for occurrence in report_schedule.occurrences(responsibility, today=self.today):
            report = occurrence.report
            rows.append(
                {
                    "occurrence": occurrence,
                    "submit_url": (
                        reverse(
                            "agreement_reports:submit",
                            args=(responsibility.pk, occurrence.due_date.isoformat()),
                        )
                        if can_submit
                        and (report is None or report.decision == Report.Decision.RETURNED)
                        else None
                    ),
                    "report_url": (
                        reverse("agreement_reports:report", args=(report.pk,)) if report else None
                    ),
                    "can_decide": (
                        report is not None
                        and can_review
                        and report.decision == Report.Decision.PENDING
                        and (self.access.registrar or report.submitted_by_id != user.pk)
                    ),
                }
            )
        return super().get_context_data(
            agreement=self.agreement,
            responsibility=responsibility,
            signed=signed,
            can_submit=can_submit,
            can_review=can_review,
            rule=recurrence.describe(
                recurrence=responsibility.recurrence,
                anchor=responsibility.recurrence_anchor,
                due_date=responsibility.due_date,
            ),
            rows=rows,
            **kwargs,
        )


class ReportSubmitView(ResponsibilityMixin, TemplateView):
    """Submit the report for one due date, or resubmit the returned one."""

    template_name = "agreements/admin/report_form.html"
    http_method_names = ["get", "post"]

    @cached_property
    def due_date(self) -> datetime.date:
        return _parse_day(self.kwargs["day"])

    @cached_property
    def existing(self) -> Report | None:
        return self.responsibility.reports.filter(due_date=self.due_date).first()

    def get_page_title(self):
        return _("Report for {day}").format(day=self.due_date.isoformat())

    def dispatch(self, request, *args, **kwargs):
        responsibility = self.responsibility  # 404 first, for whoever may not see it
        if not recurrence.is_due_on(
            recurrence=responsibility.recurrence,
            anchor=responsibility.recurrence_anchor,
            due_date=responsibility.due_date,
            day=self.due_date,
        ):
            raise Http404(NOT_LISTED.format(day=self.due_date.isoformat()))
        if not permissions.can_submit_report(request.user, responsibility, self.access):
            raise PermissionDenied
        if self.existing is not None and self.existing.decision != Report.Decision.RETURNED:
            messages.error(request, NOTHING_TO_SUBMIT.format(day=self.due_date.isoformat()))
            return redirect(responsibility_reports_url(responsibility))
        return super().dispatch(request, *args, **kwargs)

    def _initial(self) -> dict:
        if self.existing is not None:  # returned: start from what was sent
            report = self.existing
            return {
                "period_start": report.period_start,
                "period_end": report.period_end,
                "status": report.status,
                "evidence": report.evidence,
            }
        responsibility = self.responsibility
        period = recurrence.period_ending(
            recurrence=responsibility.recurrence,
            anchor=responsibility.recurrence_anchor,
            due=self.due_date,
        ) or (min(self.agreement.effective_date or self.due_date, self.due_date), self.due_date)
        return {"period_start": period[0], "period_end": period[1]}

    def _form(self, data=None, files=None) -> ReportForm:
        return ReportForm(
            data,
            files,
            initial=self._initial(),
            previous_attachment=bool(self.existing and self.existing.attachment),
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self._form())
        return super().get_context_data(
            agreement=self.agreement,
            responsibility=self.responsibility,
            due_date=self.due_date,
            returned=self.existing,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = self._form(request.POST, request.FILES)
        if form.is_valid():
            try:
                report_submit(
                    responsibility=self.responsibility,
                    by=request.user,
                    due_date=self.due_date,
                    status=form.cleaned_data["status"],
                    evidence=form.cleaned_data["evidence"],
                    period_start=form.cleaned_data["period_start"],
                    period_end=form.cleaned_data["period_end"],
                    attachment=form.cleaned_data["attachment"],
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, SUBMITTED.format(day=self.due_date.isoformat()))
                return redirect(responsibility_reports_url(self.responsibility))
        messages.validation_error(request, _("The report could not be submitted."), form)
        return self.render_to_response(self.get_context_data(form=form))


class ReportDetailView(ResponsibilityMixin, TemplateView):
    """One report, its earlier decisions, and (to its reviewers) the accept / return form."""

    template_name = "agreements/admin/report_detail.html"
    http_method_names = ["get", "post"]

    @cached_property
    def loaded_report(self) -> tuple[Report, permissions.AgreementAccess]:
        report = get_object_or_404(
            Report.objects.select_related(
                "responsibility__agreement",
                "responsibility__responsible_party__organization",
                "responsibility__accountability_owner__organization",
                "submitted_by",
                "decided_by",
            ),
            pk=self.kwargs["report_pk"],
        )
        return report, _guarded(self.request.user, report.responsibility.agreement)

    @property
    def report(self) -> Report:
        return self.loaded_report[0]

    @cached_property
    def loaded(self) -> tuple[Responsibility, permissions.AgreementAccess]:
        report, access = self.loaded_report
        return report.responsibility, access

    def dispatch(self, request, *args, **kwargs):
        self.loaded  # noqa: B018 - 404 before anything else for whoever may not see it
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Report for {day}").format(day=self.report.due_date.isoformat())

    def _earlier_decisions(self) -> list:
        """Earlier returns of this report (it was corrected since), newest first."""
        seen, earlier = set(), []
        for record in self.report.history.filter(
            decision=Report.Decision.RETURNED, decided_at__isnull=False
        ).order_by("-history_date"):
            if record.decided_at in seen or (
                self.report.decision == Report.Decision.RETURNED
                and record.decided_at == self.report.decided_at
            ):
                continue
            seen.add(record.decided_at)
            earlier.append(record)
        return earlier

    def get_context_data(self, **kwargs):
        report = self.report
        can_decide = permissions.can_decide_report(self.request.user, report, self.access)
        if can_decide:
            kwargs.setdefault("form", DecisionForm())
        return super().get_context_data(
            agreement=self.agreement,
            responsibility=self.responsibility,
            report=report,
            can_decide=can_decide,
            attachment_url=(
                reverse("agreement_reports:attachment", args=(report.pk,))
                if report.attachment
                else None
            ),
            earlier_decisions=self._earlier_decisions(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        report = self.report
        if not permissions.can_decide_report(request.user, report, self.access):
            raise PermissionDenied
        form = DecisionForm(request.POST)
        decision = request.POST.get("decision")
        if form.is_valid() and decision in ("accept", "return"):
            comment = form.cleaned_data["comment"]
            try:
                if decision == "accept":
                    report_accept(report=report, by=request.user, comment=comment)
                else:
                    report_return(report=report, by=request.user, comment=comment)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error("comment", message)
            else:
                done = ACCEPTED if decision == "accept" else RETURNED
                messages.success(request, done.format(day=report.due_date.isoformat()))
                return redirect(responsibility_reports_url(self.responsibility))
        messages.validation_error(request, _("The report could not be reviewed."), form)
        return self.render_to_response(self.get_context_data(form=form))


class ReportAttachmentView(View):
    """The report's PDF, as a download, to people who may see the agreement (404 otherwise)."""

    http_method_names = ["get"]

    def get(self, request, report_pk: int):
        report = get_object_or_404(
            Report.objects.select_related("responsibility__agreement"), pk=report_pk
        )
        agreement = report.responsibility.agreement
        guard_agreement(request.user, Action.VIEW, agreement)
        if not report.attachment:
            raise Http404
        try:
            handle = report.attachment.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        filename = f"{agreement.reference}-report-{report.due_date.isoformat()}.pdf"
        response = FileResponse(
            handle, as_attachment=True, filename=filename, content_type="application/pdf"
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


urlpatterns = [
    path("agreement/<int:pk>/", AgreementReportsView.as_view(), name="agreement"),
    path("obligation/<int:pk>/", ResponsibilityReportsView.as_view(), name="responsibility"),
    path("obligation/<int:pk>/<str:day>/submit/", ReportSubmitView.as_view(), name="submit"),
    path("report/<int:report_pk>/", ReportDetailView.as_view(), name="report"),
    path(
        "report/<int:report_pk>/attachment.pdf",
        ReportAttachmentView.as_view(),
        name="attachment",
    ),
]


def admin_urls():
    """For the `register_admin_urls` hook: everything under /admin/obligation-reports/."""
    return [
        path(
            "obligation-reports/",
            include((urlpatterns, "agreement_reports"), namespace="agreement_reports"),
        )
    ]
