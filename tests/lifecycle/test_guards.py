"""Each guard of the transition table refuses with its exact message, and writes nothing."""

import datetime

import pytest

from agreements import lifecycle
from agreements.lifecycle import TransitionError
from agreements.models import Agreement, AgreementRelation, AgreementTransition, Party
from agreements.services import lifecycle as services
from tests.factories import (
    AgreementFactory,
    AmendmentFactory,
    AppointmentFactory,
    PositionFactory,
    agreement_into_force,
    agreement_ready,
)

pytestmark = pytest.mark.django_db

State = Agreement.State
D = datetime.date


def _refused(service, expected, **kwargs):
    """The service raises with exactly `expected`, and neither the state nor the log changes."""
    agreement = kwargs["agreement"]
    state = Agreement.objects.get(pk=agreement.pk).state
    logged = AgreementTransition.objects.filter(agreement=agreement).count()
    with pytest.raises(TransitionError) as error:
        service(**kwargs)
    assert error.value.messages == [str(message) for message in expected]
    assert Agreement.objects.get(pk=agreement.pk).state == state
    assert AgreementTransition.objects.filter(agreement=agreement).count() == logged


def test_review_refused_when_fewer_than_two_parties(registrar):
    agreement = agreement_ready(parties=1, state=State.NEGOTIATION)
    _refused(
        services.agreement_submit_for_review,
        [lifecycle.NEEDS_TWO_PARTIES],
        agreement=agreement,
        by=registrar,
    )


def test_review_refused_when_no_responsibility(registrar):
    agreement = agreement_ready(responsibilities=0, state=State.NEGOTIATION)
    _refused(
        services.agreement_submit_for_review,
        [lifecycle.NEEDS_A_RESPONSIBILITY],
        agreement=agreement,
        by=registrar,
    )


def test_review_refused_with_both_messages_when_empty(registrar):
    agreement = AgreementFactory(state=State.NEGOTIATION)
    _refused(
        services.agreement_submit_for_review,
        [lifecycle.NEEDS_TWO_PARTIES, lifecycle.NEEDS_A_RESPONSIBILITY],
        agreement=agreement,
        by=registrar,
    )


def test_approval_refused_when_responsibility_has_no_owner(registrar):
    agreement = agreement_ready(state=State.REVIEW)
    unowned = agreement.responsibilities.first()
    unowned.accountability_owner = None
    unowned.save()
    expected = lifecycle.OWNER_MISSING.format(items=unowned.clause)
    _refused(services.agreement_approve, [expected], agreement=agreement, by=registrar)


def test_approval_refused_when_owner_position_vacant_on_effective_date(registrar):
    agreement = agreement_ready(state=State.REVIEW, effective_date=D(2021, 4, 1))
    item = agreement.responsibilities.first()
    vacant = PositionFactory(
        organization=item.responsible_party.organization, title_en="Director, Vacant Office"
    )
    # Held before and after the effective date, but not on it.
    AppointmentFactory(position=vacant, start_date=D(2019, 1, 1), end_date=D(2021, 3, 31))
    AppointmentFactory(position=vacant, start_date=D(2021, 4, 2))
    item.accountability_owner = vacant
    item.save()
    expected = lifecycle.OWNER_VACANT.format(day="2021-04-01", positions=str(vacant))
    _refused(services.agreement_approve, [expected], agreement=agreement, by=registrar)


def test_approval_checks_today_when_effective_date_not_set(registrar):
    agreement = agreement_ready(state=State.REVIEW, effective_date=None, expiry_date=None)
    item = agreement.responsibilities.first()
    retired = PositionFactory(organization=item.responsible_party.organization)
    AppointmentFactory(position=retired, start_date=D(2000, 1, 1), end_date=D(2001, 1, 1))
    item.accountability_owner = retired
    item.save()
    with pytest.raises(TransitionError) as error:
        services.agreement_approve(agreement=agreement, by=registrar)
    today = lifecycle.timezone.localdate().isoformat()
    assert error.value.messages == [
        lifecycle.OWNER_VACANT.format(day=today, positions=str(retired))
    ]


def test_entry_into_force_refused_when_signing_party_has_no_signatory(registrar):
    agreement = agreement_ready(state=State.APPROVED)
    party = agreement.parties.last()
    party.signatory_position = None
    party.save()
    expected = lifecycle.SIGNATORY_MISSING.format(parties=str(party.organization))
    _refused(services.agreement_bring_into_force, [expected], agreement=agreement, by=registrar)


def test_entry_into_force_refused_when_signing_party_has_no_signature_date(registrar):
    agreement = agreement_ready(state=State.APPROVED)
    party = agreement.parties.first()
    party.signed_date = None
    party.save()
    expected = lifecycle.SIGNATURE_DATE_MISSING.format(parties=str(party.organization))
    _refused(services.agreement_bring_into_force, [expected], agreement=agreement, by=registrar)


def test_entry_into_force_accepted_when_only_observer_lacks_signatory(registrar):
    agreement = agreement_ready(state=State.APPROVED)
    Party.objects.create(
        agreement=agreement, organization=PositionFactory().organization, role=Party.Role.OBSERVER
    )
    assert (
        services.agreement_bring_into_force(agreement=agreement, by=registrar).state
        == State.IN_FORCE
    )


def test_entry_into_force_refused_when_no_effective_date(registrar):
    agreement = agreement_ready(state=State.APPROVED, effective_date=None, expiry_date=None)
    _refused(
        services.agreement_bring_into_force,
        [lifecycle.EFFECTIVE_DATE_MISSING],
        agreement=agreement,
        by=registrar,
    )


def test_termination_refused_when_no_end_date(registrar):
    agreement = agreement_into_force(by=registrar)
    _refused(
        services.agreement_terminate,
        [lifecycle.END_DATE_MISSING],
        agreement=agreement,
        by=registrar,
        end_date=None,
        reason="Program cancelled",
    )


def test_termination_refused_when_no_reason(registrar):
    agreement = agreement_into_force(by=registrar)
    _refused(
        services.agreement_terminate,
        [lifecycle.REASON_MISSING],
        agreement=agreement,
        by=registrar,
        end_date=D(2024, 1, 31),
        reason="  ",
    )


def test_termination_refused_when_end_before_effective_date(registrar):
    agreement = agreement_into_force(by=registrar)
    expected = lifecycle.END_BEFORE_EFFECTIVE.format(effective_date="2021-04-01")
    _refused(
        services.agreement_terminate,
        [expected],
        agreement=agreement,
        by=registrar,
        end_date=D(2021, 3, 1),
        reason="Never started",
    )


def test_termination_refused_when_amendment_open(registrar):
    agreement = agreement_into_force(by=registrar)
    AmendmentFactory(agreement=agreement, number=1)
    expected = lifecycle.AMENDMENT_IS_OPEN.format(number=1)
    _refused(
        services.agreement_terminate,
        [expected],
        agreement=agreement,
        by=registrar,
        end_date=D(2024, 1, 31),
        reason="Program cancelled",
    )


def test_termination_records_end_date_and_reason(registrar):
    agreement = agreement_into_force(by=registrar)
    ended = services.agreement_terminate(
        agreement=agreement, by=registrar, end_date=D(2024, 1, 31), reason="Program cancelled"
    )
    assert (ended.state, ended.ended_on, ended.end_reason) == (
        State.TERMINATED,
        D(2024, 1, 31),
        "Program cancelled",
    )
    entry = AgreementTransition.objects.get(agreement=agreement, to_state=State.TERMINATED)
    assert (entry.comment, entry.effective_date) == ("Program cancelled", D(2024, 1, 31))


def test_supersession_refused_when_no_successor(registrar):
    agreement = agreement_into_force(by=registrar)
    _refused(
        services.agreement_supersede,
        [lifecycle.SUCCESSOR_MISSING],
        agreement=agreement,
        by=registrar,
        successor=None,
    )


def test_supersession_refused_when_successor_is_itself(registrar):
    agreement = agreement_into_force(by=registrar)
    _refused(
        services.agreement_supersede,
        [lifecycle.SUCCESSOR_IS_SELF],
        agreement=agreement,
        by=registrar,
        successor=agreement,
    )


@pytest.mark.parametrize(
    ("state", "effective_date"),
    [(State.NEGOTIATION, D(2024, 1, 1)), (State.APPROVED, None)],
)
def test_supersession_refused_when_successor_not_adopted(registrar, state, effective_date):
    agreement = agreement_into_force(by=registrar)
    successor = AgreementFactory(state=state, effective_date=effective_date)
    _refused(
        services.agreement_supersede,
        [lifecycle.SUCCESSOR_NOT_ADOPTED],
        agreement=agreement,
        by=registrar,
        successor=successor,
    )


def test_supersession_ends_day_before_successor_and_relates_them(registrar):
    agreement = agreement_into_force(by=registrar)
    successor = AgreementFactory(state=State.APPROVED, effective_date=D(2025, 4, 1))
    ended = services.agreement_supersede(agreement=agreement, by=registrar, successor=successor)
    assert (ended.state, ended.ended_on) == (State.SUPERSEDED, D(2025, 3, 31))
    relation = AgreementRelation.objects.get(source=successor, target=agreement)
    assert relation.kind == AgreementRelation.Kind.SUPERSEDES
    assert relation.history.get().history_user == registrar


def test_expiry_refused_when_expiry_date_not_passed(registrar):
    agreement = agreement_into_force(by=registrar, expiry_date=D(2031, 3, 31))
    expected = lifecycle.NOT_YET_EXPIRED.format(expiry_date="2031-03-31")
    _refused(
        services.agreement_expire,
        [expected],
        agreement=agreement,
        by=registrar,
        today=D(2031, 3, 31),
    )


def test_expiry_refused_when_no_expiry_date(registrar):
    agreement = agreement_into_force(by=registrar, expiry_date=None)
    _refused(
        services.agreement_expire, [lifecycle.NO_EXPIRY_DATE], agreement=agreement, by=registrar
    )
