"""Later signatures in the staff admin: on the lifecycle page of a multilateral agreement in
force for the parties that signed, the parties still to sign and, for users who may record
signatures, a form to record one (`later_signature_panel`, `LaterSignatureView`). The service
(agreements.services.signatures.signature_record_later) checks everything again."""

from django import forms
from django.contrib.admin.utils import quote
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.widgets import AdminDateInput

from agreements import lifecycle, permissions
from agreements.lifecycle import TransitionError
from agreements.models import Agreement, AgreementVersion, Party
from agreements.permissions import Action
from agreements.services.signatures import signature_record_later, version_signature_status

from .guards import guard_agreement

LATER_SIGNATURE_SAVED = _("{party} signed version {number} on {day}: recorded.")


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


def _unsigned_parties(agreement: Agreement, version: AgreementVersion):
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
        form = LaterSignatureForm(parties=_unsigned_parties(agreement, version))
    return {
        "status": status,
        "version": version,
        "form": form,
        "url": reverse("agreement_lifecycle:later_signature", args=(quote(agreement.pk),)),
    }


class LaterSignatureView(View):
    """POST: record that a party signed the current version later."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        agreement = get_object_or_404(Agreement, pk=pk)
        guard_agreement(request.user, Action.VIEW, agreement)
        back = redirect("agreement_lifecycle:overview", quote(agreement.pk))
        version = lifecycle.latest_version(agreement)
        parties = _unsigned_parties(agreement, version) if version else Party.objects.none()
        form = LaterSignatureForm(request.POST, parties=parties)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return back
        party, day = form.cleaned_data["party"], form.cleaned_data["signed_date"]
        try:
            signature_record_later(party=party, by=request.user, signed_date=day)
        except TransitionError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                LATER_SIGNATURE_SAVED.format(
                    party=party.organization, number=version.number, day=day.isoformat()
                ),
            )
        return back
