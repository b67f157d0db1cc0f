"""Recording the signing parties' approvals, without moving the agreement: the gate steps each
party must complete, the messages naming what is missing, and a registrar's approval recorded
for the parties still pending. The approve transitions (services.lifecycle, services.amendments)
call `approvals_record_for_pending`; the per-party decisions that may complete a review live in
services.approvals, which calls those transitions: the arrows run one way."""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext_lazy as _

from agreements import permissions
from agreements.lifecycle import TransitionError
from agreements.models import (
    Agreement,
    Amendment,
    ApprovalGate,
    ApprovalStep,
    Party,
    PartyApproval,
    PartyApprovalStep,
)
from agreements.models.approvals import parties_not_approved, review_round
from jurisdictions.models import Jurisdiction

State = Agreement.State
AmendmentState = Amendment.State
Decision = PartyApproval.Decision

STEP_REFERENCE_AND_DATE_MISSING = _("{step} number and date are missing for {party}.")
STEP_REFERENCE_MISSING = _("{step} number is missing for {party}.")
STEP_DATE_MISSING = _("{step} date is missing for {party}.")
STEP_NOT_CONFIRMED = _("{step} is not confirmed for {party}.")
RECORDED_BY_REGISTRAR = _("Approval recorded by a registrar.")


@dataclass(frozen=True)
class StepEntry:
    """What a party gives for one gate step: its reference number and the date it was done.
    Passing an entry for a step with neither required confirms it."""

    reference: str = ""
    date: datetime.date | None = None


# --- reads -------------------------------------------------------------------------------------


def gate_steps(parties: Iterable[Party]) -> dict[int, list[ApprovalStep]]:
    """Party id → the gate steps its organisation must complete before approving, from the
    gates of its jurisdiction and (when they apply to children) of the jurisdictions above it,
    the highest jurisdiction's first. Three queries however many parties.

    Parties need `organization` loaded."""
    parties = list(parties)
    if not parties:
        return {}
    parent_of = dict(Jurisdiction.objects.values_list("pk", "parent_id"))
    gates = list(ApprovalGate.objects.prefetch_related("steps").order_by("pk"))
    found = {}
    for party in parties:
        lineage, node = [], party.organization.jurisdiction_id
        while node is not None and node not in lineage:
            lineage.append(node)
            node = parent_of.get(node)
        depth = {jurisdiction_id: -index for index, jurisdiction_id in enumerate(lineage)}
        applying = [
            gate
            for gate in gates
            if gate.jurisdiction_id in depth
            and (gate.applies_to_children or gate.jurisdiction_id == lineage[0])
            and gate.organization_kind in ("", party.organization.kind)
        ]
        applying.sort(key=lambda gate: (depth[gate.jurisdiction_id], gate.pk))
        found[party.pk] = [step for gate in applying for step in gate.steps.all()]
    return found


def step_problems(
    party: Party, steps: list[ApprovalStep], entries: Mapping[int, StepEntry]
) -> list[str]:
    """The guard messages for the gate steps `entries` (step id → entry) leave incomplete."""
    problems = []
    for step in steps:
        entry = entries.get(step.pk)
        names = {"step": step.localized("label"), "party": party.organization}
        if entry is None and not (step.reference_required or step.date_required):
            problems.append(STEP_NOT_CONFIRMED.format(**names))
            continue
        entry = entry or StepEntry()
        no_reference = step.reference_required and not entry.reference.strip()
        no_date = step.date_required and entry.date is None
        if no_reference and no_date:
            problems.append(STEP_REFERENCE_AND_DATE_MISSING.format(**names))
        elif no_reference:
            problems.append(STEP_REFERENCE_MISSING.format(**names))
        elif no_date:
            problems.append(STEP_DATE_MISSING.format(**names))
    return problems


def under_review(agreement: Agreement, amendment: Amendment | None) -> bool:
    if amendment is not None:
        return agreement.state == State.IN_FORCE and amendment.state == AmendmentState.REVIEW
    return agreement.state == State.REVIEW


def record(
    *,
    agreement: Agreement,
    amendment: Amendment | None,
    party: Party,
    by: AbstractBaseUser,
    decision: str,
    comment: str,
    steps: list[ApprovalStep] = (),
    entries: Mapping[int, StepEntry] | None = None,
    round_number: int,
) -> PartyApproval:
    approval = PartyApproval.objects.create(
        agreement=agreement,
        amendment=amendment,
        party=party,
        organization_id=party.organization_id,
        round=round_number,
        decision=decision,
        decided_by=by,
        comment=comment,
    )
    entries = entries or {}
    PartyApprovalStep.objects.bulk_create(
        PartyApprovalStep(
            approval=approval,
            step=step,
            label_en=step.label_en,
            label_fr=step.label_fr,
            reference=entries.get(step.pk, StepEntry()).reference.strip(),
            date=entries.get(step.pk, StepEntry()).date,
        )
        for step in steps
    )
    return approval


def approvals_record_for_pending(
    *,
    agreement: Agreement,
    by: AbstractBaseUser,
    amendment: Amendment | None = None,
    comment: str = "",
) -> list[PartyApproval]:
    """A registrar's approval, recorded for every signing party that has not approved in the
    current round. Does nothing for anyone else, or when the subject is not under review (the
    transition then refuses). Raises TransitionError naming the gate steps a pending party
    lacks: a registrar cannot skip them. Runs inside the caller's transaction and lock."""
    if not permissions.is_registrar(by) or not under_review(agreement, amendment):
        return []
    pending = parties_not_approved(agreement, amendment)
    if not pending:
        return []
    required = gate_steps(pending)
    problems = [
        message for party in pending for message in step_problems(party, required[party.pk], {})
    ]
    if problems:
        raise TransitionError(problems)
    round_number = review_round(agreement, amendment)
    return [
        record(
            agreement=agreement,
            amendment=amendment,
            party=party,
            by=by,
            decision=Decision.APPROVED,
            comment=comment or str(RECORDED_BY_REGISTRAR),
            round_number=round_number,
        )
        for party in pending
    ]
