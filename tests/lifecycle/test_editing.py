"""When an agreement's content may be edited (the check the admin's edit views call)."""

import pytest

from agreements import lifecycle
from agreements.models import Agreement
from agreements.services.lifecycle import AgreementNotEditable, agreement_assert_editable
from tests.factories import AmendmentFactory, agreement_into_force, agreement_ready

pytestmark = pytest.mark.django_db

State = Agreement.State


@pytest.mark.parametrize("state", [State.DRAFT, State.NEGOTIATION])
def test_editable_when_drafted_or_negotiated(state):
    agreement_assert_editable(agreement_ready(state=state))


@pytest.mark.parametrize(
    ("state", "message"),
    [
        (State.REVIEW, lifecycle.NOT_EDITABLE_UNDER_REVIEW),
        (State.APPROVED, lifecycle.NOT_EDITABLE_UNDER_REVIEW),
        (State.IN_FORCE, lifecycle.NOT_EDITABLE_IN_FORCE),
        (State.EXPIRED, lifecycle.NOT_EDITABLE_ENDED),
        (State.TERMINATED, lifecycle.NOT_EDITABLE_ENDED),
        (State.SUPERSEDED, lifecycle.NOT_EDITABLE_ENDED),
    ],
)
def test_edit_refused_with_reason_when_not_drafted_or_negotiated(state, message):
    with pytest.raises(AgreementNotEditable) as error:
        agreement_assert_editable(agreement_ready(state=state))
    assert error.value.message == str(message)


@pytest.mark.parametrize(
    ("amendment_state", "editable"),
    [
        ("draft", True),
        ("negotiation", True),
        ("review", False),
        ("approved", False),
        ("signed", False),
        ("withdrawn", False),
    ],
)
def test_in_force_editable_only_under_amendment_being_negotiated(
    registrar, amendment_state, editable
):
    agreement = agreement_into_force(by=registrar)
    AmendmentFactory(agreement=agreement, number=1, state=amendment_state)
    assert (lifecycle.edit_refusal(agreement) is None) is editable
