"""Each signing party's decision on an agreement (or amendment) under review.

Intergovernmental agreements are approved by each government under its own rules:

- `party_approve` records one party's approval, with the references its jurisdiction's gates
  require (e.g. Québec: an Order in Council number and date). When it is the last signing party
  to approve in the current round, the agreement (or amendment) moves to "approved" through the
  existing transition (`agreement_approve` / `amendment_approve`).
- `party_return` records one party's return, with its comment, and sends the agreement (or
  amendment) back to negotiation for every party (`agreement_return_to_negotiation` /
  `amendment_return_to_negotiation`). The next submission for review starts a new round, in
  which every party approves again.
- `approvals_record_for_pending` is a registrar's approval for the parties still pending (the
  way a registrar enters approvals given outside the registry); the approve transitions call it
  when a registrar approves directly. The gates still apply.

Only the minister's office of the party's organisation (or of one above it) or a registrar may
decide for a party (`permissions.can_decide_for_party`). Services raise PermissionDenied or
TransitionError (agreements.lifecycle) and then write nothing.
"""

from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from agreements import lifecycle, permissions
from agreements.lifecycle import TransitionError
from agreements.models import (
    Agreement,
    Amendment,
    Party,
    PartyApproval,
)
from agreements.models.approvals import parties_not_approved, review_round, round_decisions
from agreements.permissions import Action
from agreements.services.approval_records import (
    StepEntry,
    gate_steps,
    record,
    step_problems,
    under_review,
)

State = Agreement.State
AmendmentState = Amendment.State
Decision = PartyApproval.Decision

NOT_A_PARTY = _("{organization} is not a party to this agreement.")
NOT_A_SIGNING_PARTY = _("{organization} does not sign this agreement, so it does not approve it.")
NOT_UNDER_REVIEW = _("Only an agreement or amendment under review can be approved or returned.")
ALREADY_DECIDED = _("{organization} has already decided in this review round: {decision}.")
RETURN_COMMENT_REQUIRED = _("A return needs a comment saying what must change.")
NOT_YOUR_PARTY = _(
    "You may not decide for {organization}: only its minister's office (or a registrar) may."
)
ALL_PARTIES_APPROVED = _("Approved by every signing party.")


# --- writes ------------------------------------------------------------------------------------


def _lock(subject: Agreement | Amendment) -> tuple[Agreement, Amendment | None]:
    if isinstance(subject, Amendment):
        agreement = Agreement.objects.select_for_update().get(pk=subject.agreement_id)
        amendment = Amendment.objects.select_for_update().get(pk=subject.pk)
        amendment.agreement = agreement
        return agreement, amendment
    return Agreement.objects.select_for_update().get(pk=subject.pk), None


def _deciding_party(
    agreement: Agreement, amendment: Amendment | None, party: Party, by: AbstractBaseUser
) -> Party:
    """The party, reloaded, once `by` may decide for it and it may decide now."""
    permissions.require(by, Action.APPROVE, agreement)
    found = (
        Party.objects.select_related("organization", "agreement")
        .filter(pk=party.pk, agreement=agreement)
        .first()
    )
    if found is None:
        raise TransitionError([NOT_A_PARTY.format(organization=party.organization)])
    if not permissions.can_decide_for_party(by, found):
        raise PermissionDenied(NOT_YOUR_PARTY.format(organization=found.organization))
    if not found.signs:
        raise TransitionError([NOT_A_SIGNING_PARTY.format(organization=found.organization)])
    if not under_review(agreement, amendment):
        raise TransitionError([str(NOT_UNDER_REVIEW)])
    decided = round_decisions(agreement, amendment).get(found.pk)
    if decided is not None:
        raise TransitionError(
            [
                ALREADY_DECIDED.format(
                    organization=found.organization, decision=decided.get_decision_display()
                )
            ]
        )
    return found


def _approve_transition(
    agreement: Agreement, amendment: Amendment | None, by: AbstractBaseUser, comment: str
) -> None:
    from agreements.services.amendments import amendment_approve
    from agreements.services.lifecycle import agreement_approve

    if amendment is not None:
        amendment_approve(amendment=amendment, by=by, comment=comment)
    else:
        agreement_approve(agreement=agreement, by=by, comment=comment)


def _check_approvable(agreement: Agreement, amendment: Amendment | None) -> None:
    """Everything but the parties' approvals must already hold (owners, signatories…): a party
    does not approve what could not be approved."""
    if amendment is not None:
        lifecycle.check_amendment(amendment, to=AmendmentState.APPROVED, approves_for_all=True)
    else:
        lifecycle.check(agreement, to=State.APPROVED, approves_for_all=True)


@transaction.atomic
def party_approve(
    *,
    subject: Agreement | Amendment,
    party: Party,
    by: AbstractBaseUser,
    comment: str = "",
    steps: Mapping[int, StepEntry] | None = None,
) -> PartyApproval:
    """Record `party`'s approval of `subject` (an agreement under review, or an amendment under
    review) in the current round. `steps`: gate step id → what the party gives for it; every
    required reference and date must be there. When every signing party has now approved, the
    agreement (or amendment) moves to "approved". Raises PermissionDenied (not a decider for
    this party) or TransitionError (not under review, already decided, a gate step incomplete,
    or a lifecycle guard of the approval fails)."""
    agreement, amendment = _lock(subject)
    party = _deciding_party(agreement, amendment, party, by)
    _check_approvable(agreement, amendment)
    required = gate_steps([party])[party.pk]
    entries = steps or {}
    problems = step_problems(party, required, entries)
    if problems:
        raise TransitionError(problems)
    approval = record(
        agreement=agreement,
        amendment=amendment,
        party=party,
        by=by,
        decision=Decision.APPROVED,
        comment=comment,
        steps=required,
        entries=entries,
        round_number=review_round(agreement, amendment),
    )
    if not parties_not_approved(agreement, amendment):
        _approve_transition(agreement, amendment, by, comment or str(ALL_PARTIES_APPROVED))
    return approval


@transaction.atomic
def party_return(
    *, subject: Agreement | Amendment, party: Party, by: AbstractBaseUser, comment: str
) -> PartyApproval:
    """Record `party`'s return of `subject` with `comment` (required), and send the agreement
    (or amendment) back to negotiation for every party with that comment. Raises
    PermissionDenied or TransitionError."""
    agreement, amendment = _lock(subject)
    party = _deciding_party(agreement, amendment, party, by)
    comment = (comment or "").strip()
    if not comment:
        raise TransitionError([str(RETURN_COMMENT_REQUIRED)])
    approval = record(
        agreement=agreement,
        amendment=amendment,
        party=party,
        by=by,
        decision=Decision.RETURNED,
        comment=comment,
        round_number=review_round(agreement, amendment),
    )
    from agreements.services.amendments import amendment_return_to_negotiation
    from agreements.services.lifecycle import agreement_return_to_negotiation

    if amendment is not None:
        amendment_return_to_negotiation(amendment=amendment, by=by, comment=comment)
    else:
        agreement_return_to_negotiation(agreement=agreement, by=by, comment=comment)
    return approval
