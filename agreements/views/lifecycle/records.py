"""POSTs from the lifecycle page's panels that record a fact rather than move the agreement: the
registrar's reason for publishing in one language, and a party's signature given later."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from agreements import lifecycle
from agreements.lifecycle import TransitionError
from agreements.models import Party
from agreements.services.parity import ONLY_REGISTRARS_EXEMPT
from agreements.services.signatures import signature_record_later
from agreements.views.parity import EXEMPTION_SAVED, ParityExemptionForm, parity_exemption_submit
from agreements.views.signatures import (
    LATER_SIGNATURE_SAVED,
    LaterSignatureForm,
    unsigned_parties,
)
from jurisdictions.roles import is_registrar

from .actions import LifecycleActionView
from .base import agreement_for
from .links import lifecycle_url

RECORD_REASON = _("Record the reason")
RECORD_SIGNATURE = _("Record the signature")


class ParityExemptionView(LifecycleActionView):
    """POST: record the registrar's reason for publishing in one language (agreements/views/
    parity.py), on the agreement or its open amendment."""

    def post(self, request, pk: int):
        agreement = agreement_for(request, pk)
        if not is_registrar(request.user):
            # Asked first, so the answer does not depend on the agreement's state.
            raise PermissionDenied(str(ONLY_REGISTRARS_EXEMPT))
        form = ParityExemptionForm(request.POST)
        if not form.is_valid():
            return self.show_again("parity", form, label=RECORD_REASON)
        try:
            parity_exemption_submit(
                agreement=agreement, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.show_again("parity", form, label=RECORD_REASON)
        messages.success(request, EXEMPTION_SAVED)
        return redirect(lifecycle_url(agreement))


class LaterSignatureView(LifecycleActionView):
    """POST: record that a party signed the current version later (agreements/views/
    signatures.py)."""

    def post(self, request, pk: int):
        agreement = agreement_for(request, pk)
        version = lifecycle.latest_version(agreement)
        parties = unsigned_parties(agreement, version) if version else Party.objects.none()
        form = LaterSignatureForm(request.POST, parties=parties)
        if not form.is_valid():
            return self.show_again("later_signature", form, label=RECORD_SIGNATURE)
        party, day = form.cleaned_data["party"], form.cleaned_data["signed_date"]
        try:
            signature_record_later(party=party, by=request.user, signed_date=day)
        except TransitionError as error:
            form.add_refusal(error, version)
            return self.show_again("later_signature", form, label=RECORD_SIGNATURE)
        messages.success(
            request,
            LATER_SIGNATURE_SAVED.format(
                party=party.organization, number=version.number, day=day.isoformat()
            ),
        )
        return redirect(lifecycle_url(agreement))
