"""Wagtail admin viewsets for agreements and their reference lists.

Every view class of the agreement, party, responsibility and related-agreement viewsets mixes in
`agreements.views.guards` (object guard for single-object views, visible-agreements filter for
listings), so the per-agreement permission seam applies to every URL they register.
"""

import datetime
from functools import partial

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch, ProtectedError, RestrictedError
from django.shortcuts import redirect
from django.template.loader import select_template
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSetGroup

from agreements.models import (
    Agreement,
    AgreementRelation,
    Party,
    Responsibility,
)
from agreements.permissions import Action, agreement_permission_policy
from agreements.search.tasks import index_agreement_enqueue
from agreements.services.lifecycle import AgreementNotEditable, agreement_assert_editable
from agreements.services.parties import agreement_grants_sync
from agreements.views.lifecycle.links import lifecycle_button
from agreements.views.reports import reports_button
from agreements.views.review_notice import (
    REVIEW_NOTICE_TEMPLATE,
    ReviewStanding,
    review_button,
    review_standing,
)
from jurisdictions.views import (
    AppointmentViewSet,
    JurisdictionViewSet,
    OrganizationSuccessionViewSet,
    OrganizationViewSet,
    PersonViewSet,
    PositionViewSet,
)
from registry.dates import long_date

from .base import (
    ProtectedDeleteView,
    RegistryCreateView,
    RegistryEditView,
    RegistryIndexView,
    RegistryInspectView,
    RegistryModelViewSet,
    blocked_deletion_message,
)
from .filters import AgreementFilterSet, PartyFilterSet, ResponsibilityFilterSet
from .financial import financial_commitments_panel
from .forms import (
    AgreementAdminForm,
    FormsetInlinePanel,
    PartyFormSet,
    PartyInlineForm,
    RegistryAdminForm,
    RelationFormSet,
    RelationInlineForm,
    ResponsibilityFormSet,
    ResponsibilityInlineForm,
)
from .guards import (
    AgreementObjectGuardMixin,
    AgreementRowPermissionPolicy,
    VisibleAgreementsQuerysetMixin,
    agreement_of,
    visible_to,
)
from .history import ChangeHistoryView, HistorySource
from .parity import ParityWarningMixin
from .reference import DeliveryChannelViewSet, GovernanceBodyViewSet, ServiceAreaViewSet

# --- guarded view classes ------------------------------------------------------------------


class AgreementIndexView(VisibleAgreementsQuerysetMixin, RegistryIndexView):
    pass


class InlineDeletionErrorMixin:
    """A deletion refused by a PROTECT key during the save (e.g. a party that another editor
    just gave a responsibility) is shown on the form, and nothing is saved."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (ProtectedError, RestrictedError) as error:
            form.add_error(None, blocked_deletion_message(_("A removed row"), error))
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class EditableAgreementMixin:
    """Content edits only while the lifecycle allows them (draft, negotiation, or an open
    amendment): an in-force agreement changes only through an amendment, whoever edits it."""

    def form_valid(self, form):
        try:
            agreement_assert_editable(agreement_of(self.object))
            return super().form_valid(form)
        except AgreementNotEditable as refusal:
            form.add_error(None, refusal.message)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def save_instance(self):
        # Asked again under the agreement's lock, inside the save's transaction: a signature or
        # a submission for review committed since the form was checked must stop this edit.
        agreement = Agreement.objects.select_for_update().get(pk=agreement_of(self.object).pk)
        agreement_assert_editable(agreement)
        return super().save_instance()


class LifecycleButtonMixin:
    """The agreement's edit and inspect views: header buttons to its lifecycle, its reports and,
    while a review is under way or came back with a return, its review; and the last return's
    comment above the page (agreements.views.review_notice)."""

    @cached_property
    def review_standing(self) -> ReviewStanding | None:
        return review_standing(agreement_of(self.object))

    @cached_property
    def header_more_buttons(self):
        buttons = [
            *super().header_more_buttons,
            lifecycle_button(agreement_of(self.object)),
            reports_button(self.object),
        ]
        if self.review_standing is not None:
            buttons.append(review_button(self.review_standing))
        return buttons

    def get_template_names(self):
        if getattr(self, "hydrate_create_view", False):  # a partial update, not the page
            return super().get_template_names()
        return [REVIEW_NOTICE_TEMPLATE]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        standing = self.review_standing
        context["last_return"] = standing.last_return if standing else None
        context["page_template"] = select_template(super().get_template_names())
        return context


class AgreementCreateView(InlineDeletionErrorMixin, RegistryCreateView):
    def save_instance(self):
        # Inline parties bypass party_add: grant their groups (and add the creating liaison
        # officer's organisation) in the view's transaction.
        instance = super().save_instance()
        agreement_grants_sync(agreement=instance, creator=self.request.user)
        return instance


class AgreementEditView(
    AgreementObjectGuardMixin,
    EditableAgreementMixin,
    ParityWarningMixin,
    LifecycleButtonMixin,
    InlineDeletionErrorMixin,
    RegistryEditView,
):
    guard_action = Action.CHANGE

    def save_instance(self):
        instance = super().save_instance()
        agreement_grants_sync(agreement=instance)  # inline party changes: grant and revoke
        # Visibility lives on the working copy and applies at once (the read model now; the
        # search entry by the worker).
        transaction.on_commit(partial(index_agreement_enqueue, agreement_id=instance.pk))
        return instance


class AgreementDeleteView(AgreementObjectGuardMixin, ProtectedDeleteView):
    guard_action = Action.DELETE


class AgreementInspectView(AgreementObjectGuardMixin, LifecycleButtonMixin, RegistryInspectView):
    guard_action = Action.VIEW


class AgreementChangeHistoryView(AgreementObjectGuardMixin, ChangeHistoryView):
    guard_action = Action.VIEW


class AgreementRowEditView(AgreementObjectGuardMixin, EditableAgreementMixin, RegistryEditView):
    guard_action = Action.CHANGE

    def save_instance(self):
        instance = super().save_instance()
        agreement_grants_sync(agreement=agreement_of(instance))  # a party's organisation may change
        return instance


class AgreementRowDeleteView(AgreementObjectGuardMixin, ProtectedDeleteView):
    # Removing a party or an obligation changes the agreement.
    guard_action = Action.CHANGE

    def form_valid(self, form):
        try:
            agreement_assert_editable(agreement_of(self.object))
        except AgreementNotEditable as refusal:
            messages.error(self.request, refusal.message)
            return redirect(self.get_delete_url())
        return super().form_valid(form)

    def delete_action(self):
        with transaction.atomic():
            super().delete_action()
            agreement_grants_sync(agreement=agreement_of(self.object))  # a removed party's groups


class PartyIndexView(VisibleAgreementsQuerysetMixin, RegistryIndexView):
    agreement_lookup = "agreement"


class ResponsibilityIndexView(VisibleAgreementsQuerysetMixin, RegistryIndexView):
    agreement_lookup = "agreement"


class RelationIndexView(VisibleAgreementsQuerysetMixin, RegistryIndexView):
    agreement_lookup = "source"

    def get_base_queryset(self):
        # The row names its target too: list only relations whose both ends the user may see.
        return visible_to(self.request.user, super().get_base_queryset(), agreement_lookup="target")


# --- history -------------------------------------------------------------------------------


def agreement_history(agreement: Agreement) -> list[HistorySource]:
    """An agreement's history with that of the rows edited inline on it, deleted ones included."""
    return [
        HistorySource(queryset=Agreement.history.filter(id=agreement.pk)),
        HistorySource(
            queryset=Party.history.filter(agreement_id=agreement.pk),
            label=str(_("Party")),
            title_fields=("organization",),
            hidden_fields=("agreement",),
        ),
        HistorySource(
            queryset=Responsibility.history.filter(agreement_id=agreement.pk),
            label=str(_("Responsibility")),
            title_fields=("clause", "text_en"),
            hidden_fields=("agreement",),
        ),
        HistorySource(
            queryset=AgreementRelation.history.filter(source_id=agreement.pk),
            label=str(_("Related agreement")),
            title_fields=("target",),
            hidden_fields=("source",),
        ),
    ]


# --- columns -------------------------------------------------------------------------------


def party_names(agreement: Agreement) -> str:
    """The parties' acronyms (or names), from the prefetched parties."""
    return ", ".join(
        party.organization.localized("acronym") or str(party.organization)
        for party in agreement.parties.all()
    )


def next_due_display(item: Responsibility) -> str:
    """The next due date from today on, within the agreement's term (a recurring obligation's
    next occurrence, not its first), as people read it; blank when nothing more falls due."""
    today = timezone.localdate()
    day = item.next_due(after=today - datetime.timedelta(days=1))
    expiry = item.agreement.expiry_date
    return "" if day is None or (expiry and day > expiry) else long_date(day)


# --- viewsets ------------------------------------------------------------------------------


class AgreementViewSet(RegistryModelViewSet):
    model = Agreement
    name = "agreements"
    icon = "doc-full"
    menu_label = _("Agreements")
    permission_policy = agreement_permission_policy
    index_view_class = AgreementIndexView
    add_view_class = AgreementCreateView
    edit_view_class = AgreementEditView
    delete_view_class = AgreementDeleteView
    inspect_view_class = AgreementInspectView
    change_history_view_class = AgreementChangeHistoryView
    history_sources = staticmethod(agreement_history)
    inspect_view_enabled = True
    inspect_view_fields_exclude = ["id"]
    list_display = [
        "reference",
        "title_en",
        Column("parties", label=_("Parties"), accessor=party_names),
        "agreement_type",
        "state",
        "visibility",
        "expiry_date",
    ]
    list_prefetch_related = (
        Prefetch("parties", queryset=Party.objects.select_related("organization")),
    )
    filterset_class = AgreementFilterSet
    search_fields = [
        "reference",
        "title_en",
        "title_fr",
        "parties__organization__name_en",
        "parties__organization__acronym_en",
    ]
    search_distinct = True
    ordering = "reference"
    list_per_page = 50

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldRowPanel([FieldPanel("reference"), FieldPanel("agreement_type")]),
                            FieldRowPanel(
                                [FieldPanel("visibility"), FieldPanel("state", read_only=True)]
                            ),
                            # Set by the lifecycle transitions; shown, never edited here.
                            FieldRowPanel(
                                [
                                    FieldPanel("ended_on", read_only=True),
                                    FieldPanel("end_reason", read_only=True),
                                ]
                            ),
                        ],
                        heading=_("Identification"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldRowPanel([FieldPanel("title_en"), FieldPanel("title_fr")]),
                            FieldRowPanel([FieldPanel("summary_en"), FieldPanel("summary_fr")]),
                        ],
                        heading=_("Title and summary"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldRowPanel(
                                [FieldPanel("signed_date"), FieldPanel("effective_date")]
                            ),
                            FieldRowPanel(
                                [FieldPanel("expiry_date"), FieldPanel("next_review_date")]
                            ),
                            FieldPanel("notice_period_days"),
                            FieldPanel("in_force_for_signatories_only"),
                            FieldRowPanel(
                                [FieldPanel("renewal_terms_en"), FieldPanel("renewal_terms_fr")]
                            ),
                        ],
                        heading=_("Dates and renewal"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("service_areas", widget=forms.CheckboxSelectMultiple),
                            FieldPanel("delivery_channels", widget=forms.CheckboxSelectMultiple),
                            FieldPanel("governing_body"),
                        ],
                        heading=_("Scope and governance"),
                    ),
                ],
                heading=_("Agreement"),
            ),
            ObjectList(
                [
                    FormsetInlinePanel(
                        "parties",
                        heading=_("Parties"),
                        label=_("Party"),
                        form_class=PartyInlineForm,
                        formset_class=PartyFormSet,
                        panels=[
                            FieldRowPanel([FieldPanel("organization"), FieldPanel("role")]),
                            FieldRowPanel(
                                [FieldPanel("signatory_position"), FieldPanel("signed_date")]
                            ),
                        ],
                    ),
                    FormsetInlinePanel(
                        "responsibilities",
                        heading=_("Responsibilities"),
                        label=_("Responsibility"),
                        form_class=ResponsibilityInlineForm,
                        formset_class=ResponsibilityFormSet,
                        panels=[
                            FieldRowPanel(
                                [FieldPanel("clause"), FieldPanel("kind"), FieldPanel("status")]
                            ),
                            FieldRowPanel([FieldPanel("text_en"), FieldPanel("text_fr")]),
                            FieldRowPanel(
                                [
                                    FieldPanel("responsible_organization"),
                                    FieldPanel("accountability_owner"),
                                ]
                            ),
                            FieldRowPanel(
                                [
                                    FieldPanel("due_date"),
                                    FieldPanel("recurrence"),
                                    FieldPanel("recurrence_anchor"),
                                ]
                            ),
                            FieldRowPanel(
                                [
                                    FieldPanel("service_standard_en"),
                                    FieldPanel("service_standard_fr"),
                                ]
                            ),
                        ],
                    ),
                    financial_commitments_panel(),
                ],
                heading=_("Parties and responsibilities"),
            ),
            ObjectList(
                [
                    FormsetInlinePanel(
                        "relations",
                        heading=_("Related agreements"),
                        label=_("Related agreement"),
                        form_class=RelationInlineForm,
                        formset_class=RelationFormSet,
                        panels=[FieldRowPanel([FieldPanel("kind"), FieldPanel("target")])],
                    ),
                ],
                heading=_("Related agreements"),
            ),
        ],
        base_form_class=AgreementAdminForm,
    )


class AgreementRowViewSet(RegistryModelViewSet):
    """Cross-agreement listings of rows that are created inline on their agreement."""

    creatable = False
    inspect_view_enabled = True
    inspect_view_fields_exclude = ["id", "sort_order"]
    edit_view_class = AgreementRowEditView
    delete_view_class = AgreementRowDeleteView
    inspect_view_class = AgreementInspectView
    change_history_view_class = AgreementChangeHistoryView

    @property
    def permission_policy(self):
        return AgreementRowPermissionPolicy(self.model)


class PartyViewSet(AgreementRowViewSet):
    model = Party
    name = "parties"
    icon = "group"
    menu_label = _("Parties")
    index_view_class = PartyIndexView
    list_display = ["organization", "agreement", "role", "signatory_position", "signed_date"]
    list_select_related = ("organization", "agreement", "signatory_position__organization")
    filterset_class = PartyFilterSet
    search_fields = [
        "organization__name_en",
        "organization__name_fr",
        "organization__acronym_en",
        "agreement__reference",
        "agreement__title_en",
    ]
    ordering = ["agreement__reference", "sort_order", "pk"]
    panels = [
        FieldPanel("agreement", read_only=True),
        FieldRowPanel([FieldPanel("organization"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("signatory_position"), FieldPanel("signed_date")]),
        # A party may sign through more than one office (two ministers on one side).
        InlinePanel(
            "additional_signatories",
            heading=_("Additional signatories"),
            label=_("Additional signatory"),
            panels=[FieldPanel("position")],
        ),
    ]


class ResponsibilityForm(RegistryAdminForm):
    """A responsibility edited on its own: the responsible party is one of its agreement's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "responsible_party" in self.fields:
            self.fields["responsible_party"].queryset = Party.objects.filter(
                agreement_id=self.instance.agreement_id
            ).select_related("organization")


class ResponsibilityViewSet(AgreementRowViewSet):
    model = Responsibility
    name = "responsibilities"
    icon = "tasks"
    menu_label = _("Responsibilities")
    index_view_class = ResponsibilityIndexView
    list_display = [
        "__str__",
        "agreement",
        "responsible_party",
        "accountability_owner",
        "kind",
        "status",
        Column("next_due", label=_("Next due date"), accessor=next_due_display),
    ]
    list_select_related = (
        "agreement",
        "responsible_party__organization",
        "accountability_owner__organization",
    )
    filterset_class = ResponsibilityFilterSet
    search_fields = [
        "clause",
        "text_en",
        "text_fr",
        "agreement__reference",
        "responsible_party__organization__name_en",
        "responsible_party__organization__acronym_en",
        "accountability_owner__title_en",
    ]
    ordering = ["agreement__reference", "sort_order", "pk"]
    base_form_class = ResponsibilityForm
    panels = [
        FieldPanel("agreement", read_only=True),
        FieldRowPanel([FieldPanel("clause"), FieldPanel("kind"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("text_en"), FieldPanel("text_fr")]),
        FieldRowPanel([FieldPanel("responsible_party"), FieldPanel("accountability_owner")]),
        FieldRowPanel(
            [
                FieldPanel("due_date"),
                FieldPanel("recurrence"),
                FieldPanel("recurrence_anchor"),
            ]
        ),
        FieldRowPanel([FieldPanel("service_standard_en"), FieldPanel("service_standard_fr")]),
    ]


class RelationViewSet(AgreementRowViewSet):
    model = AgreementRelation
    name = "agreement_relations"
    url_prefix = "related-agreements"
    icon = "link"
    menu_label = _("Related agreements")
    index_view_class = RelationIndexView
    list_display = ["__str__", "source", "kind", "target"]
    list_select_related = ("source", "target")
    list_filter = ["kind"]
    search_fields = ["source__reference", "target__reference", "source__title_en"]
    ordering = ["source__reference", "kind"]
    base_form_class = RelationInlineForm
    panels = [
        FieldPanel("source", read_only=True),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("target")]),
    ]


# --- menu groups ---------------------------------------------------------------------------


class ReferenceDataGroup(ModelViewSetGroup):
    menu_label = _("Registry reference data")
    menu_icon = "folder-open-inverse"
    menu_order = 210
    items = (
        JurisdictionViewSet,
        OrganizationViewSet,
        OrganizationSuccessionViewSet,
        PositionViewSet,
        PersonViewSet,
        AppointmentViewSet,
        ServiceAreaViewSet,
        DeliveryChannelViewSet,
        GovernanceBodyViewSet,
    )


class AgreementsGroup(ModelViewSetGroup):
    menu_label = _("Agreements")
    menu_icon = "doc-full"
    menu_order = 200
    items = (AgreementViewSet, ResponsibilityViewSet, PartyViewSet, RelationViewSet)
