"""The record of each lifecycle move of an agreement or amendment: who, when, from, to, why."""

import datetime
from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from agreements.models import Agreement, AgreementTransition
from agreements.services.notifications import notified_move, transition_notifications_enqueue
from registry.security_log import log_security_event_on_commit


def transition_log(
    *,
    agreement: Agreement,
    by: AbstractBaseUser,
    from_state: str,
    to_state: str,
    comment: str = "",
    effective_date: datetime.date | None = None,
    amendment=None,
) -> AgreementTransition:
    log_security_event_on_commit(
        "agreement_transition",
        user=by,
        agreement=agreement.reference,
        from_state=from_state,
        to_state=to_state,
    )
    entry = AgreementTransition.objects.create(
        agreement=agreement,
        amendment=amendment,
        from_state=from_state,
        to_state=to_state,
        actor=by,
        comment=comment,
        effective_date=effective_date,
    )
    if notified_move(from_state=from_state, to_state=to_state):
        transaction.on_commit(partial(transition_notifications_enqueue, transition_id=entry.pk))
    return entry
