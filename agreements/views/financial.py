"""The financial terms edited inline on the agreement form: who pays whom, how much, over which
period. Funder and recipient are organisations that must be parties to the agreement: checked
against the parties as submitted in the same form (a party added in the same save counts)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from agreements.models.financial import COMMITMENT_PARTY_NOT_IN_AGREEMENT
from agreements.views.forms import FormsetInlinePanel, OptimisedChildFormSet
from registry.admin_forms import RegistryAdminForm

FORMSET = "financial_commitments"


class FinancialCommitmentFormSet(OptimisedChildFormSet):
    select_related = ("funder", "recipient")


class FinancialCommitmentInlineForm(RegistryAdminForm):
    stamps_edit_revision = False


def financial_commitments_panel() -> FormsetInlinePanel:
    return FormsetInlinePanel(
        FORMSET,
        heading=_("Financial terms"),
        label=_("Financial commitment"),
        form_class=FinancialCommitmentInlineForm,
        formset_class=FinancialCommitmentFormSet,
        panels=[
            FieldRowPanel([FieldPanel("funder"), FieldPanel("recipient")]),
            FieldRowPanel([FieldPanel("amount"), FieldPanel("currency"), FieldPanel("period")]),
            FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
            FieldRowPanel([FieldPanel("description_en"), FieldPanel("description_fr")]),
        ],
    )


def check_financial_commitments(form) -> None:
    """On the agreement form: each kept commitment's funder and recipient must be among the
    organisations of the parties kept in the same submission."""
    parties = form._kept_forms(form.formsets["parties"])
    organizations = {
        party.cleaned_data["organization"].pk
        for party in parties
        if getattr(party, "cleaned_data", {}).get("organization") is not None
    }
    for row in form._kept_forms(form.formsets[FORMSET]):
        cleaned = getattr(row, "cleaned_data", {})
        for field in ("funder", "recipient"):
            organization = cleaned.get(field)
            if organization is not None and organization.pk not in organizations:
                row.add_error(field, COMMITMENT_PARTY_NOT_IN_AGREEMENT)
