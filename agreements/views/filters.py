"""Listing filters (django-filter) for the agreement viewsets."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from agreements.models import Agreement, Party, Responsibility, ServiceArea
from jurisdictions.models import Jurisdiction


class AgreementFilterSet(WagtailFilterSet):
    state = django_filters.MultipleChoiceFilter(
        choices=Agreement.State.choices, widget=forms.CheckboxSelectMultiple
    )
    agreement_type = django_filters.ChoiceFilter(label=_("Type"), choices=Agreement.Type.choices)
    visibility = django_filters.ChoiceFilter(choices=Agreement.Visibility.choices)
    jurisdiction = django_filters.ModelChoiceFilter(
        label=_("Party's jurisdiction"),
        field_name="parties__organization__jurisdiction",
        queryset=Jurisdiction.objects.all(),
        distinct=True,
    )
    service_areas = django_filters.ModelChoiceFilter(
        label=_("Service area"), queryset=ServiceArea.objects.all(), distinct=True
    )
    expiry_date = django_filters.DateFromToRangeFilter(
        label=_("Expires between"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Agreement
        fields = []


class PartyFilterSet(WagtailFilterSet):
    role = django_filters.ChoiceFilter(choices=Party.Role.choices)
    jurisdiction = django_filters.ModelChoiceFilter(
        label=_("Jurisdiction"),
        field_name="organization__jurisdiction",
        queryset=Jurisdiction.objects.all(),
    )
    agreement_state = django_filters.ChoiceFilter(
        label=_("Agreement state"), field_name="agreement__state", choices=Agreement.State.choices
    )
    unsigned = django_filters.BooleanFilter(
        label=_("Not signed yet"), field_name="signed_date", lookup_expr="isnull"
    )

    class Meta:
        model = Party
        fields = []


class ResponsibilityFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=Responsibility.Kind.choices)
    status = django_filters.ChoiceFilter(choices=Responsibility.Status.choices)
    unowned = django_filters.BooleanFilter(
        label=_("No accountable position"),
        field_name="accountability_owner",
        lookup_expr="isnull",
    )
    agreement_state = django_filters.ChoiceFilter(
        label=_("Agreement state"), field_name="agreement__state", choices=Agreement.State.choices
    )
    due_date = django_filters.DateFromToRangeFilter(
        label=_("Due between"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Responsibility
        fields = []
