"""The parity gate in the staff admin (rules in agreements/parity.py).

- The agreement's edit view warns, naming the clause, when a responsibility's text changed in
  one language and not the other since the latest version (`ParityWarningMixin`).
- The lifecycle page lists the fields filled in one language only, with the reason a registrar
  recorded, if any, and for registrars a small form to record it (`parity_panel`,
  `ParityExemptionView`): on the agreement before it comes into force, on the open amendment
  after.
"""

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages

from agreements import parity
from agreements.models import Agreement, Amendment
from agreements.permissions import Action
from agreements.services.parity import (
    EXEMPTION_MAX_LENGTH,
    ONLY_REGISTRARS_EXEMPT,
    PUBLISHED_STATES,
    agreement_parity_exemption_record,
    amendment_parity_exemption_record,
)
from jurisdictions.roles import is_registrar

from .guards import guard_agreement

EXEMPTION_SAVED = _("The reason is recorded: this version may be published in one language only.")
NOTHING_TO_EXEMPT = _(
    "There is nothing to publish: the agreement is in force with no open amendment."
)


class ParityExemptionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why may this version be published in one language only?"),
        max_length=EXEMPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Kept in the history, e.g. “The French text is published by the other government.”"
        ),
    )


def exemption_target(agreement: Agreement) -> Agreement | Amendment | None:
    """What the next publication's reason is recorded on: the agreement until it is in force,
    then its open amendment; None when nothing is waiting to be published."""
    if agreement.state not in PUBLISHED_STATES:
        return agreement
    if agreement.state == Agreement.State.IN_FORCE:
        return agreement.amendments.open().first()
    return None


def parity_panel(agreement: Agreement, amendment: Amendment | None, user) -> dict | None:
    """What the lifecycle page shows about languages: the fields filled in one language only,
    the recorded reason and (for registrars) the form; None when there is nothing to say.
    `amendment` is the agreement's open amendment, if any."""
    if agreement.state not in PUBLISHED_STATES:
        target = agreement
    elif agreement.state == Agreement.State.IN_FORCE and amendment is not None:
        target = amendment
    else:
        return None
    missing = parity.missing_languages(agreement)
    reason = (target.parity_exemption_reason or "").strip()
    if not missing and not reason:
        return None
    registrar = is_registrar(user)
    return {
        "missing": [str(item) for item in missing],
        "reason": reason,
        "form": ParityExemptionForm(initial={"reason": reason}) if registrar else None,
        "url": reverse("agreement_lifecycle:parity_exemption", args=(quote(agreement.pk),)),
    }


class ParityExemptionView(View):
    """POST: record the registrar's reason on the agreement or its open amendment."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        agreement = get_object_or_404(Agreement, pk=pk)
        guard_agreement(request.user, Action.VIEW, agreement)
        if not is_registrar(request.user):
            # Asked first, so the answer does not depend on the agreement's state.
            raise PermissionDenied(str(ONLY_REGISTRARS_EXEMPT))
        back = redirect("agreement_lifecycle:overview", quote(agreement.pk))
        form = ParityExemptionForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return back
        target = exemption_target(agreement)
        try:
            if target is None:
                raise ValidationError(NOTHING_TO_EXEMPT)
            if isinstance(target, Amendment):
                amendment_parity_exemption_record(
                    amendment=target, by=request.user, reason=form.cleaned_data["reason"]
                )
            else:
                agreement_parity_exemption_record(
                    agreement=target, by=request.user, reason=form.cleaned_data["reason"]
                )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, EXEMPTION_SAVED)
        return back


class ParityWarningMixin:
    """For the agreement's edit view: a warning per responsibility text changed in one language
    only since the latest version, shown with the form and again after a save."""

    def parity_warnings(self, responsibilities) -> list[str]:
        agreement = self.object
        return parity.one_language_edits(responsibilities, parity.latest_snapshot(agreement))

    def _warn(self, responsibilities) -> None:
        for warning in self.parity_warnings(responsibilities):
            messages.warning(self.request, warning)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.method == "GET":
            # The rows the form's formset already loaded: no query of their own.
            formset = getattr(context.get("form"), "formsets", {}).get("responsibilities")
            rows = [f.instance for f in formset.forms if f.instance.pk] if formset else []
            self._warn(rows)
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        if response.status_code in (301, 302, 303):
            self._warn(self.object.responsibilities.order_by("sort_order", "pk"))
        return response
