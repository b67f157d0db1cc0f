"""Which version applied on a date, and who was accountable that day."""

import datetime

import pytest

from agreements.models import AgreementVersion
from agreements.selectors import accountable_holders, accountable_on, version_in_force
from agreements.services.lifecycle import agreement_terminate
from tests.factories import AppointmentFactory, PersonFactory, agreement_into_force
from tests.lifecycle.conftest import AMENDMENT_1, AMENDMENT_2, BASE

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize(
    ("day", "number"),
    [
        (D(2021, 3, 31), None),  # before it took effect
        (BASE, 1),
        (D(2022, 12, 31), 1),
        (AMENDMENT_1, 2),
        (D(2024, 6, 30), 2),
        (AMENDMENT_2, 3),
        (D(2033, 3, 31), 3),  # last day, as extended by amendment 2
        (D(2033, 4, 1), None),
    ],
)
def test_version_in_force_picks_the_one_applying_on_the_day(amendment_chain, day, number):
    version = version_in_force(amendment_chain, on=day)
    assert (version.number if version else None) == number


def test_version_in_force_respects_expiry_signed_in_that_version(amendment_chain, registrar):
    # Version 1 was signed to expire on 2031-03-31; version 3 extends it. A lone version 1 would
    # have stopped applying after its own expiry date.
    lone = agreement_into_force(by=registrar)
    assert version_in_force(lone, on=D(2031, 3, 31)).number == 1
    assert version_in_force(lone, on=D(2031, 4, 1)) is None


def test_version_in_force_stops_after_termination(registrar):
    agreement = agreement_into_force(by=registrar)
    agreement_terminate(
        agreement=agreement, by=registrar, end_date=D(2022, 6, 30), reason="Program ended"
    )
    assert version_in_force(agreement, on=D(2022, 6, 30)).number == 1
    assert version_in_force(agreement, on=D(2022, 7, 1)) is None


def test_in_force_on_gives_one_version_per_agreement(amendment_chain, registrar):
    other = agreement_into_force(by=registrar)
    versions = AgreementVersion.objects.in_force_on(D(2023, 6, 1))
    assert {(v.agreement_id, v.number) for v in versions} == {
        (amendment_chain.pk, 2),
        (other.pk, 1),
    }


def test_accountable_holders_read_from_snapshot_without_queries(
    amendment_chain, django_assert_num_queries
):
    version = amendment_chain.versions.get(number=1)
    with django_assert_num_queries(0):
        accountable = accountable_holders(version)
    assert [a.responsibility_id for a in accountable] == [
        r["id"] for r in version.snapshot["responsibilities"]
    ]
    assert all(len(a.holders) == 1 for a in accountable)


def test_accountable_on_follows_appointments_across_the_day(registrar):
    agreement = agreement_into_force(by=registrar, responsibilities=1)
    position = agreement.responsibilities.get().accountability_owner
    first_holder = position.appointments.get()
    first_holder.end_date = D(2022, 6, 30)
    first_holder.save()
    successor = PersonFactory(given_name="Marie", family_name="Cormier")
    AppointmentFactory(position=position, person=successor, start_date=D(2022, 9, 1))

    def names(day):
        (accountability,) = accountable_on(agreement, on=day)
        return [holder.name for holder in accountability.holders]

    assert names(D(2021, 4, 1)) == [str(first_holder.person)]
    assert names(D(2022, 6, 30)) == [str(first_holder.person)]
    assert names(D(2022, 7, 15)) == []  # vacant between the two appointments
    assert names(D(2022, 9, 1)) == ["Marie Cormier"]
    (accountability,) = accountable_on(agreement, on=D(2022, 7, 15))
    assert accountability.vacant
    assert accountability.position_id == position.pk


def test_accountable_on_empty_when_no_version_applies(registrar):
    agreement = agreement_into_force(by=registrar)
    assert accountable_on(agreement, on=D(2020, 1, 1)) == []


def test_accountable_holders_query_count_constant_on_other_days(
    amendment_chain, django_assert_max_num_queries
):
    version = amendment_chain.versions.get(number=3)
    with django_assert_max_num_queries(1):
        accountable_holders(version, on=D(2025, 1, 1))
