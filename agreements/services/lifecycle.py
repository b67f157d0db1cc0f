"""Moving agreements through their lifecycle. One service per transition of
`agreements.lifecycle.AGREEMENT_TRANSITIONS`, each in the same shape: lock the row, ask
permissions, check the table's guards, write with history attribution, log the move.

Every service raises PermissionDenied when `by` may not make the move and TransitionError
(agreements.lifecycle) when the move is not in the table or a guard fails; nothing is written
then.
"""

import datetime
import logging
from dataclasses import dataclass
from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements import lifecycle, permissions
from agreements.lifecycle import AgreementNotEditable, TransitionError
from agreements.models import Agreement, AgreementRelation
from agreements.models.agreement import AGREEMENT_HAS_VERSIONS
from agreements.permissions import Action
from agreements.published_read_model import read_model_refresh_one
from agreements.services.amendments import amendment_withdraw
from agreements.services.approval_records import approvals_record_for_pending
from agreements.services.editability import agreement_assert_editable
from agreements.services.transition_log import transition_log
from agreements.services.versions import version_record
from registry.audit import acting_as, attribute

logger = logging.getLogger(__name__)
State = Agreement.State
SYSTEM_USERNAME = "registry-system"
EXPIRED_AUTOMATICALLY = _("Expired automatically: the expiry date has passed.")
AMENDMENT_WITHDRAWN_ON_EXPIRY = _(
    "Withdrawn automatically: the agreement expired before the amendment was signed."
)
SUPERSEDED_BY = _("Superseded by {reference}.")

__all__ = [
    "AgreementNotEditable",
    "TransitionError",
    "agreement_approve",
    "agreement_assert_editable",
    "agreement_bring_into_force",
    "agreement_delete",
    "agreement_expire",
    "agreement_open_negotiation",
    "agreement_return_to_negotiation",
    "agreement_submit_for_review",
    "agreement_supersede",
    "agreement_terminate",
    "agreement_transition",
    "ExpiryRun",
    "agreements_expire_due",
    "registry_system_user",
]


def _move(
    *,
    agreement: Agreement,
    by: AbstractBaseUser,
    to: str,
    comment: str,
    fields: dict | None = None,
    log_date: datetime.date | None = None,
    **facts,
) -> tuple[Agreement, str]:
    """Lock, check permission and guards, then save the new state (and `fields`) with history
    attribution and log the move. Returns the locked agreement and the state it left."""
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    row = lifecycle.find(locked.state, to)
    if row is not None:
        permissions.require(by, row.action, locked)
    row = lifecycle.check(locked, to=to, **facts)
    source = locked.state
    locked.state = to
    for name, value in (fields or {}).items():
        setattr(locked, name, value)
    attribute(locked, user=by, reason=comment or str(row.label))
    locked.save(update_fields=["state", "updated_at", *(fields or {})])
    transition_log(
        agreement=locked,
        by=by,
        from_state=source,
        to_state=to,
        comment=comment,
        effective_date=log_date,
    )
    transaction.on_commit(partial(read_model_refresh_one, locked.pk))  # the public's state facet
    return locked, source


@transaction.atomic
def agreement_open_negotiation(
    *, agreement: Agreement, by: AbstractBaseUser, comment: str = ""
) -> Agreement:
    """Draft → negotiation: the parties start negotiating the text."""
    return _move(agreement=agreement, by=by, to=State.NEGOTIATION, comment=comment)[0]


@transaction.atomic
def agreement_submit_for_review(
    *, agreement: Agreement, by: AbstractBaseUser, comment: str = ""
) -> Agreement:
    """Negotiation → review. Needs at least two parties and one responsibility."""
    return _move(agreement=agreement, by=by, to=State.REVIEW, comment=comment)[0]


@transaction.atomic
def agreement_return_to_negotiation(
    *, agreement: Agreement, by: AbstractBaseUser, comment: str = ""
) -> Agreement:
    """Review or approved → negotiation, so the text can change again."""
    return _move(agreement=agreement, by=by, to=State.NEGOTIATION, comment=comment)[0]


@transaction.atomic
def agreement_approve(
    *, agreement: Agreement, by: AbstractBaseUser, comment: str = ""
) -> Agreement:
    """Review → approved. Needs an accountable position on every responsibility, each held by
    someone on the effective date (today when the effective date is not set yet), and every
    signing party's approval in this review round (agreements.services.approvals): a registrar's
    approval here is recorded for the parties still pending."""
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    approvals_record_for_pending(agreement=locked, by=by, comment=comment)
    return _move(agreement=locked, by=by, to=State.APPROVED, comment=comment)[0]


@transaction.atomic
def agreement_bring_into_force(
    *, agreement: Agreement, by: AbstractBaseUser, comment: str = ""
) -> Agreement:
    """Approved → in force, recording version 1 (the original) effective on the agreement's
    effective date. Needs a signatory position and signature date for every signing party and an
    effective date. Sets the agreement's signed date to the last party's when it is empty."""
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    permissions.require(by, Action.SIGN, locked)
    lifecycle.check(locked, to=State.IN_FORCE)
    fields = {}
    if locked.signed_date is None:
        dates = [p.signed_date for p in locked.parties.all() if p.signs and p.signed_date]
        fields["signed_date"] = max(dates)
    locked, _source = _move(
        agreement=locked,
        by=by,
        to=State.IN_FORCE,
        comment=comment,
        fields=fields,
        log_date=locked.effective_date,
    )
    version_record(agreement=locked, by=by, effective_date=locked.effective_date)
    return locked


@transaction.atomic
def agreement_expire(
    *,
    agreement: Agreement,
    by: AbstractBaseUser,
    today: datetime.date | None = None,
    comment: str = "",
) -> Agreement:
    """In force → expired, once the expiry date has passed (the expiry date is the last day the
    agreement applies). An open amendment can no longer be signed, so it is withdrawn first."""
    today = today or timezone.localdate()
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    permissions.require(by, Action.SIGN, locked)
    lifecycle.check(locked, to=State.EXPIRED, today=today)
    for amendment in locked.amendments.open():
        amendment_withdraw(amendment=amendment, by=by, comment=str(AMENDMENT_WITHDRAWN_ON_EXPIRY))
        locked.refresh_from_db()
    return _move(
        agreement=locked,
        by=by,
        to=State.EXPIRED,
        comment=comment,
        fields={"ended_on": locked.expiry_date},
        log_date=locked.expiry_date,
        today=today,
    )[0]


@transaction.atomic
def agreement_terminate(
    *,
    agreement: Agreement,
    by: AbstractBaseUser,
    end_date: datetime.date | None,
    reason: str,
) -> Agreement:
    """In force → terminated. `end_date` is the last day the agreement applies (it may be ahead,
    when notice runs); `reason` is required and kept on the agreement and in the log."""
    return _move(
        agreement=agreement,
        by=by,
        to=State.TERMINATED,
        comment=reason,
        fields={"ended_on": end_date, "end_reason": reason},
        log_date=end_date,
        end_date=end_date,
        reason=reason,
    )[0]


@transaction.atomic
def agreement_supersede(
    *,
    agreement: Agreement,
    by: AbstractBaseUser,
    successor: Agreement | None,
    comment: str = "",
) -> Agreement:
    """In force → superseded by `successor` (approved or in force, with an effective date). The
    agreement applies until the day before the successor takes effect; the successor gets a
    "supersedes" relation to it."""
    end_date = None
    if successor is not None and successor.effective_date:
        end_date = successor.effective_date - datetime.timedelta(days=1)
    reason = comment
    if not reason and successor is not None:
        reason = SUPERSEDED_BY.format(reference=successor.reference)
    locked, _source = _move(
        agreement=agreement,
        by=by,
        to=State.SUPERSEDED,
        comment=comment,
        fields={"ended_on": end_date, "end_reason": reason},
        log_date=end_date,
        successor=successor,
    )
    relation = AgreementRelation(
        source=successor, kind=AgreementRelation.Kind.SUPERSEDES, target=locked
    )
    if not AgreementRelation.objects.filter(
        source=successor, kind=relation.kind, target=locked
    ).exists():
        attribute(relation, user=by, reason=reason)
        relation.save()
    return locked


@transaction.atomic
def agreement_delete(*, agreement: Agreement, by: AbstractBaseUser) -> None:
    """Delete an agreement that never took effect (no signed versions). Raises PermissionDenied,
    or TransitionError when it has versions."""
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    # Checked first: no permission ever allows deleting a legal record.
    if locked.versions.exists():
        raise TransitionError([AGREEMENT_HAS_VERSIONS])
    permissions.require(by, Action.DELETE, locked)
    with acting_as(by):
        locked.delete()


def agreement_transition(
    *, agreement: Agreement, by: AbstractBaseUser, to: str, comment: str = "", **inputs
) -> Agreement:
    """Make the move to `to` from the agreement's current state with the matching service (for
    the admin's buttons). `inputs`: end_date (terminate), successor (supersede)."""
    if to == State.TERMINATED:
        return agreement_terminate(
            agreement=agreement, by=by, end_date=inputs.get("end_date"), reason=comment
        )
    if to == State.SUPERSEDED:
        return agreement_supersede(
            agreement=agreement, by=by, successor=inputs.get("successor"), comment=comment
        )
    services = {
        State.NEGOTIATION: (
            agreement_open_negotiation
            if agreement.state == State.DRAFT
            else agreement_return_to_negotiation
        ),
        State.REVIEW: agreement_submit_for_review,
        State.APPROVED: agreement_approve,
        State.IN_FORCE: agreement_bring_into_force,
        State.EXPIRED: agreement_expire,
    }
    service = services.get(to)
    if service is None:
        lifecycle.check(agreement, to=to)  # raises: no such move
    return service(agreement=agreement, by=by, comment=comment)


def registry_system_user() -> AbstractBaseUser:
    """The account automatic work is attributed to (expiry, scheduled tasks). It is a registrar
    so it may make the moves the dates call for, and it cannot log in (no usable password)."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"first_name": "Registry", "last_name": "(automatic)", "is_active": True},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    registrars, _created = Group.objects.get_or_create(name=permissions.REGISTRARS_GROUP)
    user.groups.add(registrars)
    return user


@dataclass(frozen=True)
class ExpiryRun:
    """What `agreements_expire_due` did: the agreements it expired and those it could not."""

    expired: list[Agreement]
    failed: list[tuple[Agreement, str]]


def agreements_expire_due(
    *, by: AbstractBaseUser | None = None, today: datetime.date | None = None
) -> ExpiryRun:
    """Expire every agreement in force whose expiry date has passed, each in its own transaction
    so one refusal does not hold back the others. Idempotent: a second run finds nothing to do.
    Attributed to `by`, or to the registry's system account."""
    today = today or timezone.localdate()
    by = by or registry_system_user()
    expired, failed = [], []
    due = Agreement.objects.in_state(State.IN_FORCE).filter(expiry_date__lt=today)
    for agreement in due.order_by("expiry_date", "pk"):
        try:
            expired.append(
                agreement_expire(
                    agreement=agreement, by=by, today=today, comment=str(EXPIRED_AUTOMATICALLY)
                )
            )
        except (TransitionError, PermissionDenied) as error:
            logger.warning("Could not expire %s: %s", agreement.reference, error)
            failed.append((agreement, str(error)))
    return ExpiryRun(expired=expired, failed=failed)
