"""Admin viewsets for the agreements' reference lists: governance bodies, service areas and
delivery channels (listed in the "Registry reference data" menu group)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from agreements.models import DeliveryChannel, GovernanceBody, ServiceArea
from jurisdictions.models import Position

from .base import RegistryModelViewSet
from .forms import RegistryAdminForm


class GovernanceBodyForm(RegistryAdminForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "members" in self.fields:
            self.fields["members"].queryset = Position.objects.select_related("organization")


class GovernanceBodyViewSet(RegistryModelViewSet):
    model = GovernanceBody
    name = "governance_bodies"
    url_prefix = "governance-bodies"
    icon = "group"
    list_display = ["name_en", "name_fr", "chair", "meeting_frequency"]
    list_select_related = ("chair__organization",)
    search_fields = ["name_en", "name_fr", "mandate_en"]
    ordering = "name_en"
    base_form_class = GovernanceBodyForm
    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("name_en"), FieldPanel("name_fr")])], heading=_("Name")
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("mandate_en"), FieldPanel("mandate_fr")])],
            heading=_("Mandate"),
        ),
        FieldPanel("chair"),
        FieldPanel("members", widget=forms.SelectMultiple(attrs={"size": 12})),
        FieldPanel("meeting_frequency"),
    ]


class BilingualNameViewSet(RegistryModelViewSet):
    list_display = ["name_en", "name_fr", "slug"]
    search_fields = ["name_en", "name_fr", "slug"]
    ordering = "name_en"
    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("name_en"), FieldPanel("name_fr")])], heading=_("Name")
        ),
        FieldPanel("slug"),
    ]


class ServiceAreaViewSet(BilingualNameViewSet):
    model = ServiceArea
    name = "service_areas"
    url_prefix = "service-areas"
    icon = "tag"


class DeliveryChannelViewSet(BilingualNameViewSet):
    model = DeliveryChannel
    name = "delivery_channels"
    url_prefix = "delivery-channels"
    icon = "mail"
