"""Staff admin: "Record succession" on an organisation (registrars only).

A form names what happened (renamed, merged into, split into, dissolved), the day the new
arrangement starts and the successor(s); `agreements.services.succession.organization_succeed`
records it and moves the positions, open agreements' parties, obligations and financial
commitments in one transaction. The view only parses the form and reports what moved.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput

from agreements.services.succession import organization_succeed
from jurisdictions.models import Organization, OrganizationSuccession
from jurisdictions.roles import is_registrar

RECORD_SUCCESSION = _("Record succession")
SUCCESSION_RECORDED = _(
    "{organization}: {kind} recorded. Moved {positions} positions, {parties} parties in "
    "{agreements} open agreements, {responsibilities} obligations and {commitments} financial "
    "commitments."
)
OTHER_SUCCESSORS_HELP = _(
    "For a split only: the other bodies that took over part of the work. What moves goes to "
    "the successor above; reassign to these afterwards what they took over."
)


class SuccessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("What happened"), choices=OrganizationSuccession.Kind.choices)
    date = forms.DateField(
        label=_("From"),
        widget=AdminDateInput,
        help_text=_(
            "The first day under the new arrangement; the organisation ends the day before."
        ),
    )
    successor = forms.ModelChoiceField(
        label=_("Successor"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("The body that takes over (leave empty for a dissolution)."),
    )
    other_successors = forms.ModelMultipleChoiceField(
        label=_("Other successors"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=OTHER_SUCCESSORS_HELP,
    )

    def __init__(self, *args, predecessor: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        candidates = (
            Organization.objects.exclude(pk=predecessor.pk)
            .filter(end_date__isnull=True)
            .select_related("jurisdiction")
            .order_by("name_en", "pk")
        )
        self.fields["successor"].queryset = candidates
        self.fields["other_successors"].queryset = candidates


class RecordSuccessionView(WagtailAdminTemplateMixin, FormView):
    form_class = SuccessionForm
    template_name = "agreements/admin/succession_form.html"
    page_title = RECORD_SUCCESSION
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not is_registrar(request.user):
            raise PermissionDenied
        self.predecessor = get_object_or_404(Organization, pk=kwargs["organization_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.predecessor)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("organisations:index"), "label": _("Organisations")},
            {
                "url": reverse("organisations:edit", args=(self.predecessor.pk,)),
                "label": str(self.predecessor),
            },
            {"url": "", "label": RECORD_SUCCESSION},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "predecessor": self.predecessor}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["predecessor"] = self.predecessor
        context["successions"] = list(
            OrganizationSuccession.objects.filter(predecessor=self.predecessor).select_related(
                "successor"
            )
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            result = organization_succeed(
                predecessor=self.predecessor,
                kind=data["kind"],
                date=data["date"],
                by=self.request.user,
                successor=data["successor"],
                other_successors=list(data["other_successors"]),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            SUCCESSION_RECORDED.format(
                organization=self.predecessor,
                kind=OrganizationSuccession.Kind(data["kind"]).label,
                positions=result.positions,
                parties=result.parties,
                agreements=result.agreements,
                responsibilities=result.responsibilities,
                commitments=result.commitments,
            ),
        )
        return redirect("organisations:edit", self.predecessor.pk)


def admin_urls():
    return [
        path(
            "organisations/<int:organization_id>/succession/",
            RecordSuccessionView.as_view(),
            name="organisation_succession",
        ),
    ]
