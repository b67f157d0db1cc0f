"""Signatures in the staff admin.

- Signing an amendment: the "Sign" move's form asks, besides the date the last party signed,
  the day each signing party signed (empty: that same date) and, in an agreement in force for
  the parties that signed, which parties have not signed yet and may sign later
  (`AmendmentSignForm`; checked by agreements.services.signatures.amendment_signing_days).
- Later signatures: on the lifecycle page of a multilateral agreement in force for the parties
  that signed, the parties still to sign and, for users who may record signatures, a form to
  record one (`later_signature_panel`; the POST view is `lifecycle.LaterSignatureView`, which
  shows the page again with the values as typed when they are refused). The service
  (agreements.services.signatures.signature_record_later) checks everything again.
"""

from django import forms
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from agreements import lifecycle, permissions
from agreements.lifecycle import TransitionError
from agreements.models import Agreement, AgreementVersion, Party
from agreements.permissions import Action
from agreements.services.signatures import (
    LATER_DATE_BEFORE_VERSION,
    LATER_DATE_IN_FUTURE,
    version_signature_status,
)

from .lifecycle_forms import TransitionForm

LATER_SIGNATURE_SAVED = _("{party} signed version {number} on {day}: recorded.")
PARTY_SIGNED_ON = _("Signed by {party} on")
PARTY_SIGNED_ON_HELP = _("Leave empty if this party signed on the date the last party signed.")
NOT_SIGNED_YET_HELP = _(
    "Parties that have not signed this amendment: they may sign later, on the lifecycle page."
)
NOT_SIGNED_BUT_DATED = _("This party is marked as not signed yet: leave its date empty.")


class LaterSignatureForm(forms.Form):
    party = forms.ModelChoiceField(
        label=_("Party"),
        queryset=Party.objects.none(),
        help_text=_("A party that had not signed when the agreement came into force."),
    )
    signed_date = forms.DateField(
        label=_("Date signed"), widget=AdminDateInput, help_text=_("The day the party signed.")
    )

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties

    def add_refusal(self, error: TransitionError, version: AgreementVersion) -> None:
        """Show the service's refusal on this form: a message about the date on the date field,
        the others above the form."""
        about_date = {
            str(LATER_DATE_IN_FUTURE),
            str(
                LATER_DATE_BEFORE_VERSION.format(
                    number=version.number, day=version.effective_date.isoformat()
                )
            ),
        }
        for message in error.messages:
            form_field = "signed_date" if str(message) in about_date else None
            self.add_error(form_field, str(message))


class AmendmentSignForm(TransitionForm):
    """The "Sign" move of an amendment, with the day each signing party signed."""

    def __init__(self, *args, transition, agreement, user, **kwargs):
        super().__init__(*args, transition=transition, agreement=agreement, user=user, **kwargs)
        self.parties = [
            party
            for party in agreement.parties.select_related("organization").order_by(
                "sort_order", "pk"
            )
            if party.signs
        ]
        for party in self.parties:
            self.fields[self.date_field(party)] = forms.DateField(
                label=PARTY_SIGNED_ON.format(party=party.organization),
                required=False,
                widget=AdminDateInput,
                help_text=PARTY_SIGNED_ON_HELP,
            )
        if lifecycle.partial_entry_allowed(agreement, len(self.parties)):
            self.fields["not_signed"] = forms.TypedMultipleChoiceField(
                label=_("Parties that have not signed yet"),
                choices=[(party.pk, str(party.organization)) for party in self.parties],
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=NOT_SIGNED_YET_HELP,
            )

    @staticmethod
    def date_field(party: Party) -> str:
        return f"party_{party.pk}_signed_date"

    def clean(self):
        cleaned = super().clean()
        for party in self.parties:
            if party.pk in cleaned.get("not_signed", []) and cleaned.get(self.date_field(party)):
                self.add_error(self.date_field(party), NOT_SIGNED_BUT_DATED)
        return cleaned

    def inputs(self) -> dict:
        """The move's inputs with `party_dates`: {party id: the day it signed, or None when it
        has not signed yet} for the parties given a day or marked as not signed."""
        dates = {}
        for party in self.parties:
            day = self.cleaned_data.get(self.date_field(party))
            if day is not None:
                dates[party.pk] = day
        for party_id in self.cleaned_data.get("not_signed", []):
            dates[party_id] = None
        return {**super().inputs(), "party_dates": dates}


def unsigned_parties(agreement: Agreement, version: AgreementVersion):
    organizations = [p["organization"]["id"] for p in version_signature_status(version).not_signed]
    return (
        Party.objects.filter(agreement=agreement, organization_id__in=organizations)
        .select_related("organization")
        .order_by("sort_order", "pk")
    )


def later_signature_panel(agreement: Agreement, user) -> dict | None:
    """What the lifecycle page shows about parties still to sign an agreement in force for the
    parties that signed: the count, who has not signed and (if `user` may sign) the form. None
    for any other agreement."""
    if agreement.state != Agreement.State.IN_FORCE or not agreement.in_force_for_signatories_only:
        return None
    version = lifecycle.latest_version(agreement)
    if version is None:
        return None
    status = version_signature_status(version)
    if not status.partial:
        return None
    form = None
    if not status.all_signed and permissions.user_can(user, Action.SIGN, agreement):
        form = LaterSignatureForm(parties=unsigned_parties(agreement, version))
    return {
        "status": status,
        "version": version,
        "form": form,
        "url": reverse("agreement_lifecycle:later_signature", args=(quote(agreement.pk),)),
    }
