"""Expiry follows from the dates: the command and the task expire agreements, idempotently."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from agreements.models import Agreement, AgreementTransition, Amendment
from agreements.services.amendments import amendment_open
from agreements.services.lifecycle import (
    EXPIRED_AUTOMATICALLY,
    SYSTEM_USERNAME,
    agreements_expire_due,
)
from agreements.tasks import expire_agreements
from tests.factories import agreement_into_force

pytestmark = pytest.mark.django_db

D = datetime.date
State = Agreement.State


@pytest.fixture
def agreements(registrar):
    return {
        "past": agreement_into_force(by=registrar, expiry_date=D(2023, 3, 31)),
        "last_day": agreement_into_force(by=registrar, expiry_date=D(2024, 1, 15)),
        "future": agreement_into_force(by=registrar, expiry_date=D(2031, 3, 31)),
        "open_ended": agreement_into_force(by=registrar, expiry_date=None),
    }


def _states(agreements):
    return {name: Agreement.objects.get(pk=a.pk).state for name, a in agreements.items()}


def test_command_expires_only_agreements_past_their_expiry_date(agreements):
    out = StringIO()
    call_command("expire_agreements", "--today", "2024-01-15", stdout=out)
    assert _states(agreements) == {
        "past": State.EXPIRED,
        "last_day": State.IN_FORCE,  # the expiry date is the last day it applies
        "future": State.IN_FORCE,
        "open_ended": State.IN_FORCE,
    }
    assert "1 agreement(s) expired." in out.getvalue()
    expired = Agreement.objects.get(pk=agreements["past"].pk)
    assert expired.ended_on == D(2023, 3, 31)


def test_command_is_idempotent(agreements):
    call_command("expire_agreements", "--today", "2024-01-16", stdout=StringIO())
    logged = AgreementTransition.objects.filter(to_state=State.EXPIRED).count()
    out = StringIO()
    call_command("expire_agreements", "--today", "2024-01-16", stdout=out)
    assert "0 agreement(s) expired." in out.getvalue()
    assert AgreementTransition.objects.filter(to_state=State.EXPIRED).count() == logged == 2
    assert _states(agreements)["last_day"] == State.EXPIRED


def test_expiry_attributed_to_system_account(agreements):
    agreements_expire_due(today=D(2024, 1, 16))
    entry = AgreementTransition.objects.get(agreement=agreements["past"], to_state=State.EXPIRED)
    assert entry.actor.username == SYSTEM_USERNAME
    assert entry.comment == str(EXPIRED_AUTOMATICALLY)
    assert entry.effective_date == D(2023, 3, 31)
    history = Agreement.objects.get(pk=agreements["past"].pk).history.first()
    assert (history.state, history.history_user.username) == (State.EXPIRED, SYSTEM_USERNAME)
    assert not entry.actor.has_usable_password()


def test_expiry_withdraws_amendment_left_open(agreements, registrar):
    amendment = amendment_open(agreement=agreements["past"], by=registrar, title_en="Extension")
    run = agreements_expire_due(today=D(2024, 1, 16))
    assert {a.pk for a in run.expired} == {agreements["past"].pk, agreements["last_day"].pk}
    assert run.failed == []
    assert Amendment.objects.get(pk=amendment.pk).state == Amendment.State.WITHDRAWN


def test_task_expires_due_agreements_and_reports_references(registrar):
    expired = agreement_into_force(by=registrar, expiry_date=D(2022, 3, 31))
    result = expire_agreements.enqueue()
    assert result.return_value == {"expired": [expired.reference], "failed": []}
    assert Agreement.objects.get(pk=expired.pk).state == State.EXPIRED
    assert expire_agreements.enqueue().return_value == {"expired": [], "failed": []}
