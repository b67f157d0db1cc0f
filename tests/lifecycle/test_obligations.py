"""Accountability selectors: due soon, overdue, unowned, expiring within the notice period."""

import datetime

import pytest

from agreements.models import Agreement, Report
from agreements.selectors import (
    agreements_expiring,
    notice_deadline,
    obligations_due,
    obligations_overdue,
    responsibilities_unowned,
)
from agreements.services.amendments import amendment_open, amendment_start_negotiation
from agreements.services.reports import report_accept, report_submit
from tests.factories import (
    AppointmentFactory,
    PositionFactory,
    ResponsibilityFactory,
    UserFactory,
    agreement_into_force,
    agreement_ready,
)

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2021, 12, 15)


@pytest.fixture
def tracked(registrar):
    """In force from 2021-04-01: a quarterly report anchored 2021-06-30 and a one-off obligation
    due 2022-01-10."""
    agreement = agreement_ready(responsibilities=2)
    quarterly, one_off = agreement.responsibilities.order_by("sort_order")
    quarterly.recurrence, quarterly.recurrence_anchor = "quarterly", D(2021, 6, 30)
    quarterly.save()
    one_off.due_date = D(2022, 1, 10)
    one_off.save()
    agreement_into_force(agreement, by=registrar)
    return quarterly, one_off


def _pairs(obligations):
    return [(o.responsibility.pk, o.due_date) for o in obligations]


def test_due_lists_unreported_due_dates_within_window(tracked, registrar):
    quarterly, one_off = tracked
    assert _pairs(obligations_due(user=registrar, within_days=30, today=TODAY)) == [
        (quarterly.pk, D(2021, 12, 31)),
        (one_off.pk, D(2022, 1, 10)),
    ]
    assert _pairs(obligations_due(user=registrar, within_days=16, today=TODAY)) == [
        (quarterly.pk, D(2021, 12, 31))
    ]


def test_due_leaves_out_dates_with_an_accepted_report(tracked, registrar):
    quarterly, _one_off = tracked
    report = report_submit(
        responsibility=quarterly,
        by=registrar,
        due_date=D(2021, 12, 31),
        status=Report.Status.MET,
        evidence="Early report.",
    )
    assert (quarterly.pk, D(2021, 12, 31)) in _pairs(
        obligations_due(user=registrar, within_days=30, today=TODAY)
    )
    report_accept(report=report, by=registrar)
    assert (quarterly.pk, D(2021, 12, 31)) not in _pairs(
        obligations_due(user=registrar, within_days=30, today=TODAY)
    )


def test_overdue_lists_each_missed_due_date_since_effective_date(tracked, registrar):
    quarterly, _one_off = tracked
    assert _pairs(obligations_overdue(user=registrar, today=TODAY)) == [
        (quarterly.pk, D(2021, 6, 30)),
        (quarterly.pk, D(2021, 9, 30)),
    ]
    report = report_submit(
        responsibility=quarterly,
        by=registrar,
        due_date=D(2021, 9, 30),
        status=Report.Status.NOT_MET,
        evidence="Backlog.",
    )
    report_accept(report=report, by=registrar)
    assert _pairs(obligations_overdue(user=registrar, today=TODAY)) == [
        (quarterly.pk, D(2021, 6, 30))
    ]


def test_due_on_today_is_due_not_overdue(tracked, registrar):
    quarterly, _one_off = tracked
    assert (quarterly.pk, D(2021, 9, 30)) in _pairs(
        obligations_due(user=registrar, within_days=0, today=D(2021, 9, 30))
    )
    assert (quarterly.pk, D(2021, 9, 30)) not in _pairs(
        obligations_overdue(user=registrar, today=D(2021, 9, 30))
    )


def test_obligations_hidden_from_user_who_cannot_see_agreement(tracked):
    outsider = UserFactory()
    assert obligations_due(user=outsider, within_days=365, today=TODAY) == []
    assert obligations_overdue(user=outsider, today=TODAY) == []


def test_obligations_ignore_responsibility_added_under_open_amendment(tracked, registrar):
    quarterly, _one_off = tracked
    amendment = amendment_start_negotiation(
        amendment=amendment_open(
            agreement=quarterly.agreement, by=registrar, title_en="Monthly reports"
        ),
        by=registrar,
    )
    ResponsibilityFactory(
        agreement=quarterly.agreement,
        responsible_party=quarterly.responsible_party,
        recurrence="monthly",
        recurrence_anchor=D(2021, 5, 31),
    )
    assert amendment.state == "negotiation"
    assert {o.responsibility.pk for o in obligations_overdue(user=registrar, today=TODAY)} == {
        quarterly.pk
    }


def test_obligation_queries_do_not_grow_with_agreements(
    tracked, registrar, django_assert_max_num_queries
):
    for _ in range(3):
        agreement = agreement_ready(responsibilities=2)
        for item in agreement.responsibilities.all():
            item.recurrence, item.recurrence_anchor = "monthly", D(2021, 4, 30)
            item.save()
        agreement_into_force(agreement, by=registrar)
    with django_assert_max_num_queries(5):
        overdue = obligations_overdue(user=registrar, today=TODAY)
    assert len(overdue) == 2 + 3 * 2 * 8  # 30 April to 30 November: 8 due dates, 6 obligations


def test_unowned_lists_missing_and_vacant_owners(registrar):
    agreement = agreement_ready(responsibilities=3, state=Agreement.State.NEGOTIATION)
    owned, missing, vacant = agreement.responsibilities.order_by("sort_order")
    missing.accountability_owner = None
    missing.save()
    vacant.accountability_owner = PositionFactory(
        organization=vacant.responsible_party.organization
    )
    vacant.save()
    AppointmentFactory(
        position=vacant.accountability_owner, start_date=D(2010, 1, 1), end_date=D(2020, 12, 31)
    )
    assert set(responsibilities_unowned(user=registrar, on=D(2021, 6, 1))) == {missing, vacant}
    assert set(responsibilities_unowned(user=registrar, on=D(2015, 6, 1))) == {missing}
    assert owned not in responsibilities_unowned(user=registrar, on=D(2021, 6, 1))


def test_unowned_ignores_agreements_that_ended(registrar):
    agreement = agreement_ready(state=Agreement.State.EXPIRED)
    item = agreement.responsibilities.first()
    item.accountability_owner = None
    item.save()
    assert not responsibilities_unowned(user=registrar).exists()


def test_expiring_respects_notice_period(registrar):
    soon = agreement_into_force(by=registrar, expiry_date=D(2022, 3, 31))  # notice by 2021-12-31
    long_notice = agreement_into_force(
        by=registrar, expiry_date=D(2022, 6, 30), notice_period_days=200
    )
    agreement_into_force(by=registrar, expiry_date=D(2023, 3, 31))  # notice by 2022-12-31
    agreement_into_force(by=registrar, expiry_date=D(2021, 12, 14))  # already past expiry
    agreement_into_force(by=registrar, expiry_date=None)
    expiring = list(agreements_expiring(user=registrar, within_days=30, today=TODAY))
    assert expiring == [soon, long_notice]
    assert notice_deadline(long_notice) == D(2021, 12, 12)
    assert list(agreements_expiring(user=UserFactory(), within_days=30, today=TODAY)) == []
