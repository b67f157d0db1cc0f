"""Recording why a version may be published with content in one language only (the parity gate,
agreements/parity.py). Registrars only; each recording is a history entry with its reason."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, Amendment
from jurisdictions.roles import is_registrar

ONLY_REGISTRARS_EXEMPT = _(
    "Only a registrar may record why a version is published in one language only."
)
EXEMPTION_REASON_MISSING = _("Say why this version may be published in one language only.")
AGREEMENT_ALREADY_PUBLISHED = _(
    "This agreement is already in force or has ended: record the reason on its open amendment."
)
AMENDMENT_CLOSED = _("Amendment {number} is no longer open.")
EXEMPTION_RECORDED = _("Publication in one language only allowed: {reason}")
EXEMPTION_MAX_LENGTH = 2000

PUBLISHED_STATES = frozenset(
    {
        Agreement.State.IN_FORCE,
        Agreement.State.EXPIRED,
        Agreement.State.TERMINATED,
        Agreement.State.SUPERSEDED,
    }
)


def _clean_reason(*, by: AbstractBaseUser, reason: str) -> str:
    if not is_registrar(by):
        raise PermissionDenied(str(ONLY_REGISTRARS_EXEMPT))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(EXEMPTION_REASON_MISSING)
    return reason[:EXEMPTION_MAX_LENGTH]


@transaction.atomic
def agreement_parity_exemption_record(
    *, agreement: Agreement, by: AbstractBaseUser, reason: str
) -> Agreement:
    """Record on an agreement not yet in force why it may come into force with content in one
    language only (replacing any earlier reason), with `by` and the reason in its history.
    Raises PermissionDenied unless `by` is a registrar; ValidationError when the reason is empty
    or the agreement is already in force or ended (its amendments carry their own reason)."""
    reason = _clean_reason(by=by, reason=reason)
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if locked.state in PUBLISHED_STATES:
        raise ValidationError(AGREEMENT_ALREADY_PUBLISHED)
    locked.parity_exemption_reason = reason
    locked._history_user = by
    locked._change_reason = EXEMPTION_RECORDED.format(reason=reason)
    locked.save(update_fields=["parity_exemption_reason", "updated_at"])
    return locked


@transaction.atomic
def amendment_parity_exemption_record(
    *, amendment: Amendment, by: AbstractBaseUser, reason: str
) -> Amendment:
    """Record on an open amendment why it may be signed with the agreement's content in one
    language only (replacing any earlier reason), with `by` and the reason in its history.
    Raises PermissionDenied unless `by` is a registrar; ValidationError when the reason is empty
    or the amendment is no longer open."""
    reason = _clean_reason(by=by, reason=reason)
    Agreement.objects.select_for_update().get(pk=amendment.agreement_id)  # the writers' order
    locked = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if not locked.is_open:
        raise ValidationError(AMENDMENT_CLOSED.format(number=locked.number))
    locked.parity_exemption_reason = reason
    locked._history_user = by
    locked._change_reason = EXEMPTION_RECORDED.format(reason=reason)
    locked.save(update_fields=["parity_exemption_reason"])
    return locked
