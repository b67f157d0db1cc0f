"""Approving an amendment checks who holds each accountable position on the amendment's
planned effective date, not today (issue 13: swapping the two left every other test green).

The accountable position of one responsibility is changed during the amendment to a position
whose only appointment covers today but not the effective date (refused), or the effective date
but not today (allowed). Dates are relative to the real today, which the guard reads.
"""

import datetime

import pytest
from django.utils import timezone

from agreements import lifecycle
from agreements.lifecycle import TransitionError
from agreements.models import Amendment
from agreements.services import amendments as services
from tests.factories import AppointmentFactory, PositionFactory, agreement_into_force

pytestmark = pytest.mark.django_db

DAYS = datetime.timedelta


def amendment_under_review(*, by, effective_date, appointment_start, appointment_end):
    """An amendment in review, planned to take effect on `effective_date`, that gives the
    first responsibility a new accountable position held only from `appointment_start` to
    `appointment_end`. Returns (amendment, position)."""
    agreement = agreement_into_force(by=by)
    amendment = services.amendment_open(
        agreement=agreement, by=by, title_en="New accountable office", effective_date=effective_date
    )
    amendment = services.amendment_start_negotiation(amendment=amendment, by=by)
    item = agreement.responsibilities.order_by("sort_order").first()
    position = PositionFactory(
        organization=item.responsible_party.organization, title_en="Director, Service Standards"
    )
    AppointmentFactory(position=position, start_date=appointment_start, end_date=appointment_end)
    item.accountability_owner = position
    item.save()
    amendment = services.amendment_submit_for_review(amendment=amendment, by=by)
    return amendment, position


def test_amendment_approval_refused_when_owner_vacant_on_effective_date_but_held_today(
    registrar,
):
    today = timezone.localdate()
    effective = today + DAYS(days=60)
    amendment, position = amendment_under_review(
        by=registrar,
        effective_date=effective,
        appointment_start=today - DAYS(days=365),
        appointment_end=today + DAYS(days=30),  # leaves office before the amendment applies
    )
    expected = lifecycle.OWNER_VACANT.format(day=effective.isoformat(), positions=str(position))
    with pytest.raises(TransitionError) as error:
        services.amendment_approve(amendment=amendment, by=registrar)
    assert error.value.messages == [str(expected)]
    assert Amendment.objects.get(pk=amendment.pk).state == Amendment.State.REVIEW
    # The admin's buttons say the same before anyone clicks.
    (approve,) = [
        option
        for option in lifecycle.amendment_transition_options(amendment, registrar)
        if option.transition.target == Amendment.State.APPROVED
    ]
    assert approve.problems == (str(expected),)


def test_amendment_approved_when_owner_held_on_effective_date_but_vacant_today(registrar):
    today = timezone.localdate()
    effective = today + DAYS(days=60)
    amendment, _position = amendment_under_review(
        by=registrar,
        effective_date=effective,
        appointment_start=today + DAYS(days=30),  # takes office after today, before it applies
        appointment_end=None,
    )
    (approve,) = [
        option
        for option in lifecycle.amendment_transition_options(amendment, registrar)
        if option.transition.target == Amendment.State.APPROVED
    ]
    assert approve.problems == ()
    approved = services.amendment_approve(amendment=amendment, by=registrar)
    assert approved.state == Amendment.State.APPROVED
    assert Amendment.objects.get(pk=amendment.pk).state == Amendment.State.APPROVED
