"""The lifecycle of agreements and of their amendments, as data.

`AGREEMENT_TRANSITIONS` and `AMENDMENT_TRANSITIONS` are the whole rulebook: each row says from
which state to which, the permission action needed (agreements.permissions decides who holds
it) and the guards that must hold. `check()` and `check_amendment()` apply a row and raise
`TransitionError` with every failing guard's message; they write nothing. The services in
agreements/services/ lock the row, ask permissions, call these checks, then write.

Guards read the database (parties, owners, appointments) but never change it. Guards on values
the actor supplies (an end date, a reason, a successor) are "input guards": the admin shows a
form for them, and `transition_options()` skips them when deciding which buttons to offer.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements import permissions
from agreements.models import Agreement, AgreementVersion, Amendment
from agreements.models.approvals import parties_not_approved
from agreements.models.signatures import MULTILATERAL_PARTIES, PARTIAL_MINIMUM_SIGNED
from agreements.parity import published_in_both_languages
from agreements.permissions import Action
from jurisdictions.models import Appointment

State = Agreement.State
AmendmentState = Amendment.State

TRANSITION_NOT_ALLOWED = _("An agreement cannot move from “{source}” to “{target}”.")
AMENDMENT_TRANSITION_NOT_ALLOWED = _("An amendment cannot move from “{source}” to “{target}”.")
NEEDS_TWO_PARTIES = _("An agreement needs at least two parties before it goes to review.")
NEEDS_A_RESPONSIBILITY = _(
    "An agreement needs at least one responsibility before it goes to review."
)
OWNER_MISSING = _(
    "Every responsibility needs an accountable position before approval. Missing for: {items}."
)
OWNER_VACANT = _("These accountable positions have no one appointed on {day}: {positions}.")
PARTY_APPROVALS_MISSING = _(
    "Every signing party approves before the agreement is approved. Awaiting: {parties}."
)
SIGNATORY_MISSING = _("Every signing party needs a signatory position. Missing for: {parties}.")
SIGNATURE_DATE_MISSING = _("Every signing party needs a signature date. Missing for: {parties}.")
TOO_FEW_SIGNATURES = _(
    "An agreement in force for the parties that signed needs the signatures of at least "
    "{minimum} parties. Signed so far: {count}."
)
EFFECTIVE_DATE_MISSING = _("An agreement needs an effective date to come into force.")
END_DATE_MISSING = _("A termination needs the last day the agreement applies.")
END_BEFORE_EFFECTIVE = _("An agreement cannot end before it took effect ({effective_date}).")
REASON_MISSING = _("A termination needs a reason.")
SUCCESSOR_MISSING = _("A supersession needs the agreement that replaces this one.")
SUCCESSOR_IS_SELF = _("An agreement cannot supersede itself.")
SUCCESSOR_NOT_ADOPTED = _(
    "The replacing agreement must be approved or in force and have an effective date."
)
NO_EXPIRY_DATE = _("This agreement has no expiry date, so it cannot expire.")
NOT_YET_EXPIRED = _("This agreement applies until {expiry_date}; it cannot expire before then.")
AMENDMENT_IS_OPEN = _("Amendment {number} is open: sign or withdraw it first.")
NOT_IN_FORCE = _("Only an agreement in force can be amended.")
AMENDMENT_CHANGES_NOTHING = _(
    "The agreement is the same as its signed version: the amendment changes nothing yet."
)
AMENDMENT_SIGNED_DATE_MISSING = _("Signing an amendment needs the date the last party signed.")
AMENDMENT_EFFECTIVE_DATE_MISSING = _("Signing an amendment needs the date it takes effect.")
AMENDMENT_EFFECTIVE_NOT_AFTER_CURRENT = _(
    "An amendment must take effect after the version it amends ({effective_date})."
)
AMENDMENT_EFFECTIVE_AFTER_EXPIRY = _(
    "An amendment cannot take effect after the agreement expires ({expiry_date})."
)
NOT_EDITABLE_UNDER_REVIEW = _(
    "This agreement is under review or approved: return it to negotiation to change it."
)
NOT_EDITABLE_IN_FORCE = _("This agreement is in force: open an amendment to change it.")
NOT_EDITABLE_AMENDMENT_UNDER_REVIEW = _(
    "Amendment {number} is under review or approved: return it to negotiation to change the "
    "agreement."
)
NOT_EDITABLE_ENDED = _("This agreement has ended and can no longer be changed.")

ENDED_STATES = frozenset({State.EXPIRED, State.TERMINATED, State.SUPERSEDED})
EDITABLE_STATES = frozenset({State.DRAFT, State.NEGOTIATION})


class TransitionError(Exception):
    """A transition that is not in the table, or whose guards do not hold."""

    def __init__(self, messages):
        self.messages = [str(message) for message in messages]
        super().__init__(" ".join(self.messages))


class AgreementNotEditable(Exception):
    """The agreement's content may not be edited in its current state."""

    def __init__(self, message):
        self.message = str(message)
        super().__init__(self.message)


@dataclass(frozen=True)
class Facts:
    """What a transition is checked against, besides the agreement: the day it happens and the
    values the actor supplies."""

    today: datetime.date
    end_date: datetime.date | None = None
    reason: str = ""
    successor: Agreement | None = None
    amendment: Amendment | None = None
    signed_date: datetime.date | None = None
    effective_date: datetime.date | None = None
    # A registrar's approval is recorded for every party still pending (services.approvals).
    approves_for_all: bool = False


Guard = Callable[[Agreement, Facts], list[str]]


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    action: Action
    label: Any
    guards: tuple[Guard, ...] = ()
    input_guards: tuple[Guard, ...] = ()
    inputs: tuple[str, ...] = field(default=())

    @property
    def is_return(self) -> bool:
        return self.target == State.NEGOTIATION and self.source != State.DRAFT


# --- Guards ------------------------------------------------------------------------------------


def _names(items) -> str:
    return ", ".join(str(item) for item in items)


def has_two_parties(agreement: Agreement, facts: Facts) -> list[str]:
    return [] if agreement.parties.count() >= 2 else [str(NEEDS_TWO_PARTIES)]


def has_a_responsibility(agreement: Agreement, facts: Facts) -> list[str]:
    return [] if agreement.responsibilities.exists() else [str(NEEDS_A_RESPONSIBILITY)]


def owners_present(agreement: Agreement, facts: Facts) -> list[str]:
    missing = agreement.responsibilities.filter(accountability_owner__isnull=True)
    if not missing.exists():
        return []
    items = [item.clause or f"#{item.pk}" for item in missing.order_by("sort_order", "pk")]
    return [OWNER_MISSING.format(items=_names(items))]


def owners_appointed(agreement: Agreement, facts: Facts) -> list[str]:
    """Owners must be held by someone on the day the agreement (or amendment) takes effect,
    or today when that date is not set yet."""
    if facts.amendment is not None:
        day = facts.effective_date or facts.today
    else:
        day = agreement.effective_date or facts.today
    vacant = (
        agreement.responsibilities.filter(accountability_owner__isnull=False)
        .exclude(
            Exists(
                Appointment.objects.current_on(day).filter(
                    position=OuterRef("accountability_owner")
                )
            )
        )
        .select_related("accountability_owner__organization")
        .order_by("accountability_owner__title_en", "pk")
    )
    positions = list(dict.fromkeys(str(item.accountability_owner) for item in vacant))
    if not positions:
        return []
    return [OWNER_VACANT.format(day=day.isoformat(), positions="; ".join(positions))]


def _signing_parties(agreement: Agreement):
    parties = agreement.parties.select_related("organization").order_by("sort_order", "pk")
    return [party for party in parties if party.signs]


def parties_approved(agreement: Agreement, facts: Facts) -> list[str]:
    """Every signing party has approved in the current review round (agreement or amendment)."""
    if facts.approves_for_all:
        return []
    pending = parties_not_approved(agreement, facts.amendment)
    if not pending:
        return []
    return [PARTY_APPROVALS_MISSING.format(parties=_names(p.organization for p in pending))]


def signatories_present(agreement: Agreement, facts: Facts) -> list[str]:
    missing = [p.organization for p in _signing_parties(agreement) if not p.signatory_position_id]
    return [SIGNATORY_MISSING.format(parties=_names(missing))] if missing else []


def partial_entry_allowed(agreement: Agreement, signing_count: int) -> bool:
    """Whether `agreement` may be in force for the parties that signed only."""
    return agreement.in_force_for_signatories_only and signing_count >= MULTILATERAL_PARTIES


def signature_dates_present(agreement: Agreement, facts: Facts) -> list[str]:
    signing = _signing_parties(agreement)
    missing = [p.organization for p in signing if p.signed_date is None]
    if not missing:
        return []
    if partial_entry_allowed(agreement, len(signing)):
        signed = len(signing) - len(missing)
        if signed >= PARTIAL_MINIMUM_SIGNED:
            return []
        return [TOO_FEW_SIGNATURES.format(minimum=PARTIAL_MINIMUM_SIGNED, count=signed)]
    return [SIGNATURE_DATE_MISSING.format(parties=_names(missing))]


def effective_date_present(agreement: Agreement, facts: Facts) -> list[str]:
    return [] if agreement.effective_date else [str(EFFECTIVE_DATE_MISSING)]


def no_open_amendment(agreement: Agreement, facts: Facts) -> list[str]:
    amendment = agreement.amendments.open().first()
    return [AMENDMENT_IS_OPEN.format(number=amendment.number)] if amendment else []


def expiry_passed(agreement: Agreement, facts: Facts) -> list[str]:
    if agreement.expiry_date is None:
        return [str(NO_EXPIRY_DATE)]
    if agreement.expiry_date >= facts.today:
        return [NOT_YET_EXPIRED.format(expiry_date=agreement.expiry_date.isoformat())]
    return []


def end_date_valid(agreement: Agreement, facts: Facts) -> list[str]:
    if facts.end_date is None:
        return [str(END_DATE_MISSING)]
    if agreement.effective_date and facts.end_date < agreement.effective_date:
        return [END_BEFORE_EFFECTIVE.format(effective_date=agreement.effective_date.isoformat())]
    return []


def reason_given(agreement: Agreement, facts: Facts) -> list[str]:
    return [] if facts.reason.strip() else [str(REASON_MISSING)]


def successor_valid(agreement: Agreement, facts: Facts) -> list[str]:
    successor = facts.successor
    if successor is None:
        return [str(SUCCESSOR_MISSING)]
    if successor.pk == agreement.pk:
        return [str(SUCCESSOR_IS_SELF)]
    if successor.state not in (State.APPROVED, State.IN_FORCE) or not successor.effective_date:
        return [str(SUCCESSOR_NOT_ADOPTED)]
    end_date = successor.effective_date - datetime.timedelta(days=1)
    if agreement.effective_date and end_date < agreement.effective_date:
        return [END_BEFORE_EFFECTIVE.format(effective_date=agreement.effective_date.isoformat())]
    return []


def in_force(agreement: Agreement, facts: Facts) -> list[str]:
    return [] if agreement.state == State.IN_FORCE else [str(NOT_IN_FORCE)]


def amendment_changes_something(agreement: Agreement, facts: Facts) -> list[str]:
    from agreements.changes import has_changes, summarise_changes
    from agreements.snapshots import build_snapshot, load_agreement

    latest = latest_version(agreement)
    if latest is None:
        return []
    working = build_snapshot(load_agreement(agreement.pk), effective_date=facts.today)
    changed = has_changes(summarise_changes(latest.snapshot, working))
    return [] if changed else [str(AMENDMENT_CHANGES_NOTHING)]


def amendment_dates_valid(agreement: Agreement, facts: Facts) -> list[str]:
    problems = []
    if facts.signed_date is None:
        problems.append(str(AMENDMENT_SIGNED_DATE_MISSING))
    if facts.effective_date is None:
        problems.append(str(AMENDMENT_EFFECTIVE_DATE_MISSING))
        return problems
    latest = latest_version(agreement)
    if latest is not None and facts.effective_date <= latest.effective_date:
        problems.append(
            AMENDMENT_EFFECTIVE_NOT_AFTER_CURRENT.format(
                effective_date=latest.effective_date.isoformat()
            )
        )
    if agreement.expiry_date and facts.effective_date > agreement.expiry_date:
        problems.append(
            AMENDMENT_EFFECTIVE_AFTER_EXPIRY.format(expiry_date=agreement.expiry_date.isoformat())
        )
    return problems


# --- The tables --------------------------------------------------------------------------------

AGREEMENT_TRANSITIONS: tuple[Transition, ...] = (
    Transition(State.DRAFT, State.NEGOTIATION, Action.NEGOTIATE, _("Open negotiation")),
    Transition(
        State.NEGOTIATION,
        State.REVIEW,
        Action.NEGOTIATE,
        _("Submit for review"),
        guards=(has_two_parties, has_a_responsibility),
    ),
    Transition(State.REVIEW, State.NEGOTIATION, Action.APPROVE, _("Return to negotiation")),
    Transition(
        State.REVIEW,
        State.APPROVED,
        Action.APPROVE,
        _("Approve"),
        # Signatories are checked here too, so a missing one does not force a second review.
        guards=(owners_present, owners_appointed, signatories_present, parties_approved),
    ),
    Transition(State.APPROVED, State.NEGOTIATION, Action.APPROVE, _("Return to negotiation")),
    Transition(
        State.APPROVED,
        State.IN_FORCE,
        Action.SIGN,
        _("Bring into force"),
        guards=(
            signatories_present,
            signature_dates_present,
            effective_date_present,
            published_in_both_languages,
        ),
    ),
    Transition(
        State.IN_FORCE, State.EXPIRED, Action.SIGN, _("Record expiry"), guards=(expiry_passed,)
    ),
    Transition(
        State.IN_FORCE,
        State.TERMINATED,
        Action.SIGN,
        _("Terminate"),
        guards=(no_open_amendment,),
        input_guards=(end_date_valid, reason_given),
        inputs=("end_date", "reason"),
    ),
    Transition(
        State.IN_FORCE,
        State.SUPERSEDED,
        Action.SIGN,
        _("Mark as superseded"),
        guards=(no_open_amendment,),
        input_guards=(successor_valid,),
        inputs=("successor",),
    ),
)

AMENDMENT_TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        AmendmentState.DRAFT,
        AmendmentState.NEGOTIATION,
        Action.NEGOTIATE,
        _("Open negotiation"),
        guards=(in_force,),
    ),
    Transition(
        AmendmentState.NEGOTIATION,
        AmendmentState.REVIEW,
        Action.NEGOTIATE,
        _("Submit for review"),
        guards=(in_force, has_two_parties, has_a_responsibility, amendment_changes_something),
    ),
    Transition(
        AmendmentState.REVIEW,
        AmendmentState.NEGOTIATION,
        Action.APPROVE,
        _("Return to negotiation"),
    ),
    Transition(
        AmendmentState.REVIEW,
        AmendmentState.APPROVED,
        Action.APPROVE,
        _("Approve"),
        guards=(in_force, owners_present, owners_appointed, signatories_present, parties_approved),
    ),
    Transition(
        AmendmentState.APPROVED,
        AmendmentState.NEGOTIATION,
        Action.APPROVE,
        _("Return to negotiation"),
    ),
    Transition(
        AmendmentState.APPROVED,
        AmendmentState.SIGNED,
        Action.SIGN,
        _("Record signature"),
        guards=(in_force, signatories_present, published_in_both_languages),
        input_guards=(amendment_dates_valid,),
        inputs=("signed_date", "effective_date"),
    ),
    *(
        Transition(source, AmendmentState.WITHDRAWN, Action.NEGOTIATE, _("Withdraw"))
        for source in Amendment.OPEN_STATES
    ),
)

_AGREEMENT_TABLE = {(t.source, t.target): t for t in AGREEMENT_TRANSITIONS}
_AMENDMENT_TABLE = {(t.source, t.target): t for t in AMENDMENT_TRANSITIONS}


def _label(states, value) -> str:
    return str(states(value).label) if value in states.values else str(value)


def find(source: str, target: str) -> Transition | None:
    return _AGREEMENT_TABLE.get((source, target))


def find_amendment(source: str, target: str) -> Transition | None:
    return _AMENDMENT_TABLE.get((source, target))


def _run(transition: Transition, agreement: Agreement, facts: Facts, *, inputs: bool) -> list[str]:
    guards = transition.guards + (transition.input_guards if inputs else ())
    return [message for guard in guards for message in guard(agreement, facts)]


def _facts(**values) -> Facts:
    values["today"] = values.get("today") or timezone.localdate()
    values["reason"] = values.get("reason") or ""
    return Facts(**values)


def check(agreement: Agreement, *, to: str, **facts) -> Transition:
    """The table row for moving `agreement` to `to`, if it exists and every guard holds.

    `facts` are the values the actor supplies: end_date and reason (terminate), successor
    (supersede), today (defaults to the local date). Raises TransitionError.
    """
    transition = find(agreement.state, to)
    if transition is None:
        raise TransitionError(
            [
                TRANSITION_NOT_ALLOWED.format(
                    source=_label(State, agreement.state), target=_label(State, to)
                )
            ]
        )
    problems = _run(transition, agreement, _facts(**facts), inputs=True)
    if problems:
        raise TransitionError(problems)
    return transition


def check_amendment(amendment: Amendment, *, to: str, **facts) -> Transition:
    """Like `check`, for an amendment; guards read its agreement's working copy.

    `facts`: signed_date and effective_date (signature); today. Raises TransitionError.
    """
    transition = find_amendment(amendment.state, to)
    if transition is None:
        raise TransitionError(
            [
                AMENDMENT_TRANSITION_NOT_ALLOWED.format(
                    source=_label(AmendmentState, amendment.state),
                    target=_label(AmendmentState, to),
                )
            ]
        )
    facts.setdefault("effective_date", amendment.effective_date)
    problems = _run(
        transition, amendment.agreement, _facts(amendment=amendment, **facts), inputs=True
    )
    if problems:
        raise TransitionError(problems)
    return transition


@dataclass(frozen=True)
class TransitionOption:
    """A move the user holds the permission for, with what still stands in its way."""

    transition: Transition
    problems: tuple[str, ...]

    @property
    def available(self) -> bool:
        return not self.problems


def transition_options(agreement: Agreement, user, *, today=None) -> list[TransitionOption]:
    """The agreement's moves from its current state that `user` may make, with the guard
    messages that block them now (input guards are left to the form)."""
    access = permissions.AgreementAccess(user, [agreement])  # one permission load per page
    facts = _facts(today=today, approves_for_all=access.registrar)
    return [
        TransitionOption(t, tuple(_run(t, agreement, facts, inputs=False)))
        for t in AGREEMENT_TRANSITIONS
        if t.source == agreement.state and access.can(t.action, agreement)
    ]


def amendment_transition_options(
    amendment: Amendment, user, *, today=None
) -> list[TransitionOption]:
    agreement = amendment.agreement
    access = permissions.AgreementAccess(user, [agreement])
    facts = _facts(
        today=today,
        amendment=amendment,
        effective_date=amendment.effective_date,
        approves_for_all=access.registrar,
    )
    return [
        TransitionOption(t, tuple(_run(t, agreement, facts, inputs=False)))
        for t in AMENDMENT_TRANSITIONS
        if t.source == amendment.state and access.can(t.action, agreement)
    ]


def edit_refusal(agreement: Agreement) -> str | None:
    """Why the agreement's content (fields, parties, responsibilities) may not be edited now,
    or None when it may. Draft and negotiation are editable; an agreement in force only while an
    amendment is open and not yet under review; never once it has ended."""
    if agreement.state in EDITABLE_STATES:
        return None
    if agreement.state in ENDED_STATES:
        return str(NOT_EDITABLE_ENDED)
    if agreement.state != State.IN_FORCE:
        return str(NOT_EDITABLE_UNDER_REVIEW)
    amendment = agreement.amendments.open().first()
    if amendment is None:
        return str(NOT_EDITABLE_IN_FORCE)
    if amendment.state not in Amendment.EDITING_STATES:
        return NOT_EDITABLE_AMENDMENT_UNDER_REVIEW.format(number=amendment.number)
    return None


def latest_version(agreement: Agreement) -> AgreementVersion | None:
    return agreement.versions.order_by("-number").first()
