"""Every pair of states: the moves in the table succeed, every other move is refused."""

import datetime
import itertools

import pytest

from agreements import lifecycle
from agreements.lifecycle import AGREEMENT_TRANSITIONS, TRANSITION_NOT_ALLOWED, TransitionError
from agreements.models import Agreement, AgreementTransition
from agreements.services.lifecycle import agreement_transition
from tests.factories import AgreementFactory, agreement_into_force, agreement_ready

pytestmark = pytest.mark.django_db

State = Agreement.State
ALLOWED = {(t.source, t.target) for t in AGREEMENT_TRANSITIONS}
FORBIDDEN = [pair for pair in itertools.product(State.values, repeat=2) if pair not in ALLOWED]


def test_table_has_exactly_the_designed_moves():
    designed = {
        (State.DRAFT, State.NEGOTIATION),
        (State.NEGOTIATION, State.REVIEW),
        (State.REVIEW, State.NEGOTIATION),
        (State.REVIEW, State.APPROVED),
        (State.APPROVED, State.NEGOTIATION),
        (State.APPROVED, State.IN_FORCE),
        (State.IN_FORCE, State.EXPIRED),
        (State.IN_FORCE, State.TERMINATED),
        (State.IN_FORCE, State.SUPERSEDED),
    }
    assert designed == ALLOWED


def _agreement_in(state, registrar):
    if state == State.IN_FORCE:
        # Already past its expiry date, so every move out of "in force" can be made.
        return agreement_into_force(
            by=registrar,
            effective_date=datetime.date(2019, 1, 1),
            expiry_date=datetime.date(2022, 12, 31),
        )
    return agreement_ready(state=state)


def _inputs(target):
    if target == State.TERMINATED:
        return {"end_date": datetime.date(2022, 6, 30), "comment": "Service transferred"}
    if target == State.SUPERSEDED:
        successor = AgreementFactory(state=State.APPROVED, effective_date=datetime.date(2022, 7, 1))
        return {"successor": successor}
    return {}


@pytest.mark.parametrize(("source", "target"), sorted(ALLOWED))
def test_move_succeeds_and_is_logged_when_in_table(source, target, registrar):
    agreement = _agreement_in(source, registrar)
    moved = agreement_transition(agreement=agreement, by=registrar, to=target, **_inputs(target))
    assert moved.state == target
    assert Agreement.objects.get(pk=agreement.pk).state == target
    entry = AgreementTransition.objects.filter(agreement=agreement).latest("at", "pk")
    assert (entry.from_state, entry.to_state, entry.actor) == (source, target, registrar)


@pytest.mark.parametrize(("source", "target"), FORBIDDEN)
def test_move_refused_with_message_when_not_in_table(source, target, registrar):
    agreement = agreement_ready(state=source)
    expected = TRANSITION_NOT_ALLOWED.format(source=State(source).label, target=State(target).label)
    with pytest.raises(TransitionError) as error:
        lifecycle.check(agreement, to=target)
    assert error.value.messages == [expected]
    with pytest.raises(TransitionError) as error:
        agreement_transition(agreement=agreement, by=registrar, to=target, **_inputs(target))
    assert error.value.messages == [expected]
    assert Agreement.objects.get(pk=agreement.pk).state == source
    assert not AgreementTransition.objects.filter(agreement=agreement).exists()
