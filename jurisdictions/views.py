"""Wagtail admin viewsets for governments and who works in them.

They share the registry's viewset base (ORM search, change history, explained deletions) from
`agreements.views.base`; the menu group that holds them is assembled in
`agreements.views.viewsets` with the agreements' own reference lists.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from agreements.services.parties import organization_grants_sync
from agreements.views.base import RegistryCreateView, RegistryEditView, RegistryModelViewSet
from agreements.views.choosers import RegistryChooserViewSet

from .models import Appointment, Jurisdiction, Organization, Person, Position
from .roles import organization_groups_ensure


class OrganizationFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=Organization.Kind.choices)
    jurisdiction = django_filters.ModelChoiceFilter(queryset=Jurisdiction.objects.all())
    level = django_filters.ChoiceFilter(
        label=_("Order of government"),
        field_name="jurisdiction__level",
        choices=Jurisdiction.Level.choices,
    )

    class Meta:
        model = Organization
        fields = []


class PositionFilterSet(WagtailFilterSet):
    single_holder = django_filters.BooleanFilter()
    jurisdiction = django_filters.ModelChoiceFilter(
        label=_("Jurisdiction"),
        field_name="organization__jurisdiction",
        queryset=Jurisdiction.objects.all(),
    )

    class Meta:
        model = Position
        fields = []


class AppointmentFilterSet(WagtailFilterSet):
    acting = django_filters.BooleanFilter()
    in_office = django_filters.BooleanFilter(
        label=_("Still in office"), field_name="end_date", lookup_expr="isnull"
    )
    start_date = django_filters.DateFromToRangeFilter(
        label=_("Started between"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Appointment
        fields = []


class JurisdictionViewSet(RegistryModelViewSet):
    model = Jurisdiction
    name = "jurisdictions"
    icon = "site"
    list_display = ["name_en", "name_fr", "level", "parent", "iso_code"]
    list_select_related = ("parent",)
    list_filter = ["level"]
    search_fields = ["name_en", "name_fr", "slug", "iso_code", "ocd_division_id"]
    ordering = "name_en"
    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("name_en"), FieldPanel("name_fr")]), FieldPanel("slug")],
            heading=_("Name"),
        ),
        FieldRowPanel([FieldPanel("level"), FieldPanel("parent")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("ocd_division_id"), FieldPanel("iso_code")])],
            heading=_("Public identifiers"),
        ),
    ]


class OrganizationCreateView(RegistryCreateView):
    def save_instance(self):
        # As organization_create does: the new organisation's role groups, in this transaction.
        instance = super().save_instance()
        organization_groups_ensure(organization=instance)
        return instance


class OrganizationEditView(RegistryEditView):
    def save_instance(self):
        # A new name renames the role groups; a new parent changes which minister's offices see
        # its agreements (portfolio grants), so both are recomputed in this transaction.
        instance = super().save_instance()
        organization_groups_ensure(organization=instance)
        if "parent" in self.form.changed_data:
            organization_grants_sync(organization=instance)
        return instance


class OrganizationViewSet(RegistryModelViewSet):
    model = Organization
    name = "organisations"
    add_view_class = OrganizationCreateView
    edit_view_class = OrganizationEditView
    icon = "group"
    list_display = ["name_en", "acronym_en", "kind", "jurisdiction", "parent"]
    list_select_related = ("jurisdiction", "parent")
    filterset_class = OrganizationFilterSet
    search_fields = ["name_en", "name_fr", "acronym_en", "acronym_fr", "slug"]
    ordering = "name_en"
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name_en"), FieldPanel("name_fr")]),
                FieldRowPanel([FieldPanel("acronym_en"), FieldPanel("acronym_fr")]),
                FieldPanel("slug"),
            ],
            heading=_("Name"),
        ),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("jurisdiction")]),
        FieldPanel("parent"),
        FieldPanel("website"),
    ]


class PositionViewSet(RegistryModelViewSet):
    model = Position
    name = "positions"
    icon = "user"
    list_display = ["title_en", "title_fr", "organization", "single_holder"]
    list_select_related = ("organization",)
    filterset_class = PositionFilterSet
    search_fields = [
        "title_en",
        "title_fr",
        "organization__name_en",
        "organization__acronym_en",
    ]
    ordering = ["organization__name_en", "title_en"]
    panels = [
        FieldPanel("organization"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("title_en"), FieldPanel("title_fr")])],
            heading=_("Title"),
        ),
        FieldPanel("single_holder"),
    ]


class PersonViewSet(RegistryModelViewSet):
    model = Person
    name = "people"
    icon = "user"
    list_display = ["__str__", "email"]
    search_fields = ["given_name", "family_name", "email"]
    ordering = ["family_name", "given_name"]
    panels = [
        FieldRowPanel(
            [FieldPanel("honorific"), FieldPanel("given_name"), FieldPanel("family_name")]
        ),
        FieldPanel("email"),
    ]


class AppointmentViewSet(RegistryModelViewSet):
    model = Appointment
    name = "appointments"
    icon = "date"
    list_display = ["person", "position", "start_date", "end_date", "acting"]
    list_select_related = ("person", "position__organization")
    filterset_class = AppointmentFilterSet
    search_fields = [
        "person__given_name",
        "person__family_name",
        "position__title_en",
        "position__organization__name_en",
    ]
    ordering = "-start_date"
    panels = [
        FieldRowPanel([FieldPanel("person"), FieldPanel("position")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("acting")]),
    ]


# --- choosers for foreign keys whose lists get long ----------------------------------------


class JurisdictionChooserViewSet(RegistryChooserViewSet):
    model = Jurisdiction
    icon = "site"
    choose_one_text = _("Choose a jurisdiction")
    choose_another_text = _("Choose another jurisdiction")
    search_fields = ("name_en", "name_fr", "iso_code")


class OrganizationChooserViewSet(RegistryChooserViewSet):
    model = Organization
    icon = "group"
    choose_one_text = _("Choose an organisation")
    choose_another_text = _("Choose another organisation")
    search_fields = ("name_en", "name_fr", "acronym_en", "acronym_fr")


class PositionChooserViewSet(RegistryChooserViewSet):
    model = Position
    icon = "user"
    choose_one_text = _("Choose a position")
    choose_another_text = _("Choose another position")
    search_fields = ("title_en", "title_fr", "organization__name_en", "organization__acronym_en")
    select_related = ("organization",)


class PersonChooserViewSet(RegistryChooserViewSet):
    model = Person
    icon = "user"
    choose_one_text = _("Choose a person")
    choose_another_text = _("Choose another person")
    search_fields = ("given_name", "family_name", "email")
