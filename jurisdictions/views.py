"""Wagtail admin viewsets for governments and who works in them.

They share the registry's viewset base (ORM search, change history, explained deletions) from
`registry.admin_views` and the chooser base from `registry.choosers`; the menu group that holds
them is assembled in `agreements.views.viewsets` with the agreements' own reference lists. This
module never imports agreements: what an organisation's change means for agreements is announced
with `jurisdictions.signals.organization_changed` and decided there.
"""

import django_filters
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.widgets import Button

from registry.admin_views import RegistryCreateView, RegistryEditView, RegistryModelViewSet
from registry.choosers import RegistryChooserViewSet

from .models import (
    Appointment,
    Jurisdiction,
    Organization,
    OrganizationSuccession,
    Person,
    Position,
)
from .roles import organization_groups_ensure
from .signals import organization_changed_send

RECORD_SUCCESSION = _("Record succession")
MOVE_TO_PARENT = _("Move to another parent")
PARENT_CHANGED_BY_MOVE = _(
    "To change the parent, use “Move to another parent”: it asks for the date of the move and "
    "keeps the former parent for views of earlier dates."
)


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
    def get_form(self, form_class=None):
        # A parent change is dated and keeps the former parent (jurisdictions.machinery): it is
        # made on its own screen, never by editing the field, which would lose the past.
        form = super().get_form(form_class)
        if "parent" in form.fields:
            form.fields["parent"].disabled = True
            form.fields["parent"].help_text = PARENT_CHANGED_BY_MOVE
        return form

    def save_instance(self):
        # A new name renames the role groups; a new parent changes which minister's offices see
        # its agreements (portfolio grants, recomputed by agreements' receiver), both in this
        # transaction.
        instance = super().save_instance()
        organization_groups_ensure(organization=instance)
        organization_changed_send(organization=instance, changed_fields=self.form.changed_data)
        return instance

    @cached_property
    def header_more_buttons(self):
        # "Record succession" and "Move to another parent" are registered by agreements
        # (agreements/views/succession.py), which moves or re-grants the organisation's
        # agreements too: found by their URL names, never imported here.
        buttons = list(super().header_more_buttons)
        for name, label, priority in (
            ("organisation_succession", RECORD_SUCCESSION, 50),
            ("organisation_move", MOVE_TO_PARENT, 51),
        ):
            try:
                url = reverse(name, args=(self.object.pk,))
            except NoReverseMatch:
                continue
            buttons.append(Button(label, url=url, icon_name="arrow-right", priority=priority))
        return buttons


class OrganizationViewSet(RegistryModelViewSet):
    model = Organization
    name = "organisations"
    add_view_class = OrganizationCreateView
    edit_view_class = OrganizationEditView
    icon = "group"
    list_display = ["name_en", "acronym_en", "kind", "jurisdiction", "parent", "end_date"]
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
        FieldPanel("owners"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date", read_only=True)]),
        FieldPanel("website"),
    ]


class OrganizationSuccessionViewSet(RegistryModelViewSet):
    """What became of ended organisations. Recorded with "Record succession" on the
    organisation (which moves its agreements too), so there is no "add" here; a registrar may
    correct a date."""

    model = OrganizationSuccession
    name = "organisation_successions"
    url_prefix = "organisation-successions"
    icon = "arrow-right"
    menu_label = _("Successions")
    creatable = False
    list_display = ["predecessor", "kind", "successor", "date"]
    list_select_related = ("predecessor", "successor")
    list_filter = ["kind"]
    search_fields = ["predecessor__name_en", "predecessor__name_fr", "successor__name_en"]
    ordering = ["-date", "pk"]
    panels = [
        FieldRowPanel(
            [
                FieldPanel("predecessor", read_only=True),
                FieldPanel("kind", read_only=True),
                FieldPanel("successor", read_only=True),
            ]
        ),
        FieldPanel("date"),
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
    # Two provinces' "Department of Health" are told apart by their jurisdiction.
    extra_columns = (("jurisdiction", _("Jurisdiction")),)
    select_related = ("jurisdiction",)


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
