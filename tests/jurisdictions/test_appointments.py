"""Appointing people to positions and ending appointments, through jurisdictions.services."""

import datetime
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from jurisdictions.models import APPOINTMENT_ENDS_BEFORE_START, APPOINTMENT_OVERLAPS, Appointment
from jurisdictions.services import APPOINTMENT_ALREADY_ENDED, appointment_create, appointment_end
from tests.factories import AppointmentFactory, PersonFactory, PositionFactory, UserFactory

JAN_1 = datetime.date(2024, 1, 1)


@pytest.fixture
def clerk(db):
    return UserFactory(username="clerk")


@pytest.mark.django_db
def test_appointment_created_with_history_attributed_when_position_is_vacant(clerk):
    position = PositionFactory()
    person = PersonFactory()

    appointment = appointment_create(
        person=person, position=position, start_date=JAN_1, acting=True, by=clerk
    )

    appointment.refresh_from_db()
    assert (appointment.person, appointment.position) == (person, position)
    assert (appointment.start_date, appointment.end_date, appointment.acting) == (
        JAN_1,
        None,
        True,
    )
    record = appointment.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        clerk,
        "appointed",
    )


@pytest.mark.django_db
def test_appointment_rejected_when_single_holder_position_is_held(clerk):
    existing = AppointmentFactory(start_date=datetime.date(2020, 1, 1))

    with pytest.raises(ValidationError) as error:
        appointment_create(
            person=PersonFactory(), position=existing.position, start_date=JAN_1, by=clerk
        )

    assert error.value.messages == [
        APPOINTMENT_OVERLAPS.format(holder=existing.person, start="2020-01-01", end="today")
    ]
    assert Appointment.objects.filter(position=existing.position).count() == 1


@pytest.mark.django_db
def test_appointment_rejected_when_it_ends_before_it_starts(clerk):
    with pytest.raises(ValidationError) as error:
        appointment_create(
            person=PersonFactory(),
            position=PositionFactory(),
            start_date=JAN_1,
            end_date=datetime.date(2023, 12, 31),
            by=clerk,
        )
    assert error.value.message_dict == {"end_date": [str(APPOINTMENT_ENDS_BEFORE_START)]}
    assert not Appointment.objects.exists()


@pytest.mark.django_db
def test_successor_appointed_when_predecessor_ended_day_before(clerk):
    predecessor = AppointmentFactory(start_date=datetime.date(2020, 1, 1))

    appointment_end(appointment=predecessor, end_date=datetime.date(2023, 12, 31), by=clerk)
    successor = appointment_create(
        person=PersonFactory(), position=predecessor.position, start_date=JAN_1, by=clerk
    )

    holders_2023 = predecessor.position.holders_on(datetime.date(2023, 12, 31))
    holders_2024 = predecessor.position.holders_on(JAN_1)
    assert list(holders_2023) == [predecessor.person]
    assert list(holders_2024) == [successor.person]


@pytest.mark.django_db
def test_appointment_ended_with_history_attributed_when_current(clerk):
    appointment = AppointmentFactory(start_date=datetime.date(2020, 1, 1))

    ended = appointment_end(appointment=appointment, end_date=datetime.date(2024, 3, 31), by=clerk)

    appointment.refresh_from_db()
    assert appointment.end_date == ended.end_date == datetime.date(2024, 3, 31)
    latest = appointment.history.latest()
    assert (latest.history_type, latest.history_user, latest.history_change_reason) == (
        "~",
        clerk,
        "appointment ended",
    )


@pytest.mark.django_db
def test_appointment_end_rejected_when_already_ended(clerk):
    appointment = AppointmentFactory(
        start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2022, 6, 30)
    )

    with pytest.raises(ValidationError) as error:
        appointment_end(appointment=appointment, end_date=datetime.date(2024, 1, 1), by=clerk)

    assert error.value.message_dict == {
        "end_date": [APPOINTMENT_ALREADY_ENDED.format(end="2022-06-30")]
    }
    appointment.refresh_from_db()
    assert appointment.end_date == datetime.date(2022, 6, 30)


@pytest.mark.django_db
def test_appointment_end_rejected_when_end_is_before_start(clerk):
    appointment = AppointmentFactory(start_date=datetime.date(2020, 1, 1))

    with pytest.raises(ValidationError) as error:
        appointment_end(appointment=appointment, end_date=datetime.date(2019, 12, 31), by=clerk)

    assert error.value.message_dict == {"end_date": [str(APPOINTMENT_ENDS_BEFORE_START)]}
    appointment.refresh_from_db()
    assert appointment.end_date is None


@pytest.mark.django_db
def test_appointment_end_rejected_when_retroactive_end_overlaps_successor(clerk):
    """An open appointment recorded before its successor's cannot be closed after that start."""
    position = PositionFactory(single_holder=False)
    earlier = AppointmentFactory(position=position, start_date=datetime.date(2020, 1, 1))
    later = AppointmentFactory(position=position, start_date=datetime.date(2023, 1, 1))
    position.single_holder = True
    position.save()

    with pytest.raises(ValidationError) as error:
        appointment_end(appointment=earlier, end_date=datetime.date(2023, 6, 30), by=clerk)

    assert error.value.messages == [
        APPOINTMENT_OVERLAPS.format(holder=later.person, start="2023-01-01", end="today")
    ]


# --- Concurrency ---------------------------------------------------------------------------------

LOCK_WAIT_LIMIT = 30  # seconds; a bound on waiting for the other thread, not an assertion


def waiting_on_lock_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite ignores select_for_update and serialises all writers, "
    "so the race this test provokes cannot happen there",
)
@pytest.mark.django_db(transaction=True)
def test_only_one_appointment_succeeds_when_two_race_for_single_holder_position():
    """Two clerks appoint different people to the same office at the same time.

    The first transaction creates its appointment and holds its transaction open; the second
    starts while the first is uncommitted. Without the position lock the second would not see
    the first's row and both would be saved. With it, the second waits, then sees the first
    and is rejected.
    """
    position = PositionFactory(single_holder=True)
    first_person, second_person = PersonFactory(), PersonFactory()
    clerk = UserFactory(username="clerk")
    first_created = threading.Event()
    release_first = threading.Event()
    outcomes: dict[str, object] = {}

    def first_clerk():
        try:
            with transaction.atomic():
                appointment_create(
                    person=first_person, position=position, start_date=JAN_1, by=clerk
                )
                first_created.set()
                release_first.wait(LOCK_WAIT_LIMIT)
            outcomes["first"] = "created"
        except Exception as exc:  # reported to the main thread, which asserts
            outcomes["first"] = exc
        finally:
            first_created.set()
            connections.close_all()

    def second_clerk():
        first_created.wait(LOCK_WAIT_LIMIT)
        try:
            appointment_create(person=second_person, position=position, start_date=JAN_1, by=clerk)
            outcomes["second"] = "created"
        except Exception as exc:  # reported to the main thread, which asserts
            outcomes["second"] = exc
        finally:
            connections.close_all()

    first = threading.Thread(target=first_clerk)
    second = threading.Thread(target=second_clerk)
    first.start()
    second.start()
    first_created.wait(LOCK_WAIT_LIMIT)
    # Let the first commit only once the second is blocked on the position lock (or has
    # finished, which happens only if it took no lock: the assertions below then fail).
    for _ in range(LOCK_WAIT_LIMIT * 20):
        if not second.is_alive() or waiting_on_lock_count() > 0:
            break
        time.sleep(0.05)
    release_first.set()
    first.join(LOCK_WAIT_LIMIT)
    second.join(LOCK_WAIT_LIMIT)

    assert outcomes["first"] == "created"
    assert isinstance(outcomes["second"], ValidationError), outcomes["second"]
    assert outcomes["second"].messages == [
        APPOINTMENT_OVERLAPS.format(holder=first_person, start="2024-01-01", end="today")
    ]
    assert list(Appointment.objects.filter(position=position).values_list("person", flat=True)) == [
        first_person.pk
    ]
