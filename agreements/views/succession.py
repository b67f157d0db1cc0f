"""Staff admin for machinery-of-government changes to an organisation (registrars only).

- "Record succession": a form names what happened (renamed, merged into, split into,
  dissolved), the day the new arrangement starts and the successor(s);
  `agreements.services.succession.organization_succeed` records it and moves the positions,
  open agreements' parties, obligations and financial commitments in one transaction.
- "Move to another parent": an agency moving between departments on a date;
  `agreements.services.succession.organization_move` keeps the former parent's period (for
  as-of views) and recomputes the agreements' grants. The page also answers "whom did it report
  to on day D" (`?on=YYYY-MM-DD`, from `jurisdictions.machinery.lineage_on`) and lists the
  former parents.

The views only parse the forms and report what was done.
"""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MinValueValidator
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput

from agreements.services.succession import organization_move, organization_succeed
from jurisdictions.machinery import lineage_on
from jurisdictions.models import Organization, OrganizationParentPeriod, OrganizationSuccession
from jurisdictions.roles import is_registrar

RECORD_SUCCESSION = _("Record succession")
SUCCESSION_RECORDED = _(
    "{organization}: {kind} recorded. Moved {positions} positions, {parties} parties in "
    "{agreements} open agreements, {responsibilities} obligations and {commitments} financial "
    "commitments."
)
MOVE_TO_PARENT = _("Move to another parent")
ORGANISATION_MOVED = _("{organization} reports to {parent} from {day}.")
ORGANISATION_MOVED_TO_NONE = _("{organization} reports to no organisation from {day}.")
# The day before the first day must exist: the period before ends then.
FIRST_POSSIBLE_DAY = MinValueValidator(datetime.date.min + datetime.timedelta(days=1))
OTHER_SUCCESSORS_HELP = _(
    "For a split only: the other bodies that took over part of the work. What moves goes to "
    "the successor above; reassign to these afterwards what they took over."
)


class SuccessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("What happened"), choices=OrganizationSuccession.Kind.choices)
    date = forms.DateField(
        label=_("From"),
        widget=AdminDateInput,
        validators=[FIRST_POSSIBLE_DAY],
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


class OrganisationAdminMixin(WagtailAdminTemplateMixin):
    """What both pages share: registrars only, the organisation of the URL as
    `self.organization`, its name as subtitle and breadcrumbs back to its edit view."""

    header_icon = "group"
    organizations = Organization.objects.all()

    def dispatch(self, request, *args, **kwargs):
        if not is_registrar(request.user):
            raise PermissionDenied
        self.organization = get_object_or_404(self.organizations, pk=kwargs["organization_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.organization)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("organisations:index"), "label": _("Organisations")},
            {
                "url": reverse("organisations:edit", args=(self.organization.pk,)),
                "label": str(self.organization),
            },
            {"url": "", "label": self.page_title},
        ]


class RecordSuccessionView(OrganisationAdminMixin, FormView):
    form_class = SuccessionForm
    template_name = "agreements/admin/succession_form.html"
    page_title = RECORD_SUCCESSION

    @property
    def predecessor(self) -> Organization:
        return self.organization

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


class ParentMoveForm(forms.Form):
    parent = forms.ModelChoiceField(
        label=_("New parent"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("The organisation it reports to from the date below (empty: none)."),
    )
    date = forms.DateField(
        label=_("From"),
        widget=AdminDateInput,
        validators=[FIRST_POSSIBLE_DAY],
        help_text=_(
            "The first day under the new parent; the period under the former one ends the day "
            "before and stays in the as-of views."
        ),
    )

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = (
            Organization.objects.exclude(pk=organization.pk)
            .filter(end_date__isnull=True)
            .select_related("jurisdiction")
            .order_by("name_en", "pk")
        )


class AsOfForm(forms.Form):
    on = forms.DateField(label=_("Structure on"), required=False, widget=AdminDateInput)


class MoveOrganisationView(OrganisationAdminMixin, FormView):
    """ "Move to another parent" with the organisation's structure on a day and its former
    parents."""

    form_class = ParentMoveForm
    template_name = "agreements/admin/organisation_move.html"
    page_title = MOVE_TO_PARENT
    organizations = Organization.objects.select_related("parent")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organization": self.organization}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        as_of = AsOfForm(self.request.GET or None)
        day = as_of.cleaned_data["on"] if as_of.is_valid() else None
        context.update(
            organization=self.organization,
            periods=list(
                OrganizationParentPeriod.objects.filter(organization=self.organization)
                .select_related("parent")
                .order_by("-end_date")
            ),
            as_of_form=as_of,
            as_of_day=day,
            lineage=lineage_on(self.organization, day)[1:] if day else None,
        )
        return context

    def form_valid(self, form):
        parent, day = form.cleaned_data["parent"], form.cleaned_data["date"]
        try:
            organization_move(
                organization=self.organization, parent=parent, on=day, by=self.request.user
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        if parent is None:
            done = ORGANISATION_MOVED_TO_NONE.format(
                organization=self.organization, day=day.isoformat()
            )
        else:
            done = ORGANISATION_MOVED.format(
                organization=self.organization, parent=parent, day=day.isoformat()
            )
        messages.success(self.request, done)
        return redirect("organisation_move", self.organization.pk)


def admin_urls():
    return [
        path(
            "organisations/<int:organization_id>/succession/",
            RecordSuccessionView.as_view(),
            name="organisation_succession",
        ),
        path(
            "organisations/<int:organization_id>/move/",
            MoveOrganisationView.as_view(),
            name="organisation_move",
        ),
    ]
