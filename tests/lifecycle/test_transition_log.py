"""Each move is logged (actor, time, from, to, comment) and attributed in the history."""

import pytest
from django.core.exceptions import PermissionDenied

from agreements.models import Agreement, AgreementTransition
from agreements.models.transitions import TRANSITION_LOG_APPEND_ONLY, TransitionLogAppendOnly
from agreements.services import lifecycle as services
from tests.factories import UserFactory, agreement_into_force, agreement_ready

pytestmark = pytest.mark.django_db

State = Agreement.State


def test_every_step_to_force_is_logged_in_order(registrar):
    agreement = agreement_into_force(by=registrar)
    moves = list(
        AgreementTransition.objects.filter(agreement=agreement)
        .order_by("at", "pk")
        .values_list("from_state", "to_state")
    )
    assert moves == [
        (State.DRAFT, State.NEGOTIATION),
        (State.NEGOTIATION, State.REVIEW),
        (State.REVIEW, State.APPROVED),
        (State.APPROVED, State.IN_FORCE),
    ]
    entry = AgreementTransition.objects.get(agreement=agreement, to_state=State.IN_FORCE)
    assert entry.effective_date == agreement.effective_date
    assert (entry.from_label, entry.to_label) == ("Approved", "In force")


def test_history_records_actor_and_comment_as_reason(registrar):
    agreement = agreement_ready(state=State.REVIEW)
    services.agreement_approve(
        agreement=agreement, by=registrar, comment="Cleared by Treasury Board"
    )
    latest = agreement.history.first()
    assert (latest.state, latest.history_user, latest.history_change_reason) == (
        State.APPROVED,
        registrar,
        "Cleared by Treasury Board",
    )
    assert (
        AgreementTransition.objects.get(agreement=agreement).comment == "Cleared by Treasury Board"
    )


def test_history_reason_defaults_to_move_label_when_no_comment(registrar):
    agreement = agreement_ready(state=State.DRAFT)
    services.agreement_open_negotiation(agreement=agreement, by=registrar)
    assert agreement.history.first().history_change_reason == "Open negotiation"


def test_bring_into_force_fills_signed_date_from_last_signature(registrar):
    agreement = agreement_ready(state=State.APPROVED)
    last = agreement.parties.last()
    last.signed_date = last.signed_date.replace(day=20)
    last.save()
    assert (
        services.agreement_bring_into_force(agreement=agreement, by=registrar).signed_date
        == last.signed_date
    )


def test_move_refused_when_user_lacks_permission():
    agreement = agreement_ready(state=State.DRAFT)
    with pytest.raises(PermissionDenied):
        services.agreement_open_negotiation(agreement=agreement, by=UserFactory())
    assert Agreement.objects.get(pk=agreement.pk).state == State.DRAFT
    assert not AgreementTransition.objects.exists()


def test_log_entries_cannot_be_rewritten(registrar):
    agreement = agreement_ready(state=State.DRAFT)
    services.agreement_open_negotiation(agreement=agreement, by=registrar)
    entry = AgreementTransition.objects.get()
    entry.comment = "rewritten"
    with pytest.raises(TransitionLogAppendOnly) as error:
        entry.save()
    assert str(error.value) == str(TRANSITION_LOG_APPEND_ONLY)
    with pytest.raises(TransitionLogAppendOnly):
        AgreementTransition.objects.update(comment="rewritten")
    assert AgreementTransition.objects.get().comment == ""
