"""The parity gate in the staff admin (rules in agreements/parity.py).

- The agreement's edit view warns, naming the clause, when a responsibility's text changed in
  one language and not the other since the latest version (`ParityWarningMixin`).
- The lifecycle page lists the fields filled in one language only, with the reason a registrar
  recorded, if any, and for registrars a small form to record it (`parity_panel`,
  `parity_exemption_submit`; the POST view is `lifecycle.ParityExemptionView`, which shows the
  page again with the reason as typed when it is refused): on the agreement before it comes into
  force, on the open amendment after.
"""

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from agreements import parity
from agreements.models import Agreement, Amendment
from agreements.services.parity import (
    EXEMPTION_MAX_LENGTH,
    PUBLISHED_STATES,
    agreement_parity_exemption_record,
    amendment_parity_exemption_record,
)
from jurisdictions.roles import is_registrar

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


def parity_exemption_submit(*, agreement: Agreement, by, reason: str) -> None:
    """Record `reason` on what the next publication is (`exemption_target`). Raises
    ValidationError when nothing is waiting to be published, or as the services do."""
    target = exemption_target(agreement)
    if target is None:
        raise ValidationError(NOTHING_TO_EXEMPT)
    if isinstance(target, Amendment):
        amendment_parity_exemption_record(amendment=target, by=by, reason=reason)
    else:
        agreement_parity_exemption_record(agreement=target, by=by, reason=reason)


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
