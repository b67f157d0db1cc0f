"""Two registrars edit the same organisation, position or appointment: a save from a form opened
before the other's save is refused, says what changed, keeps what was typed, writes nothing."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from jurisdictions.models import Appointment, Organization, Position
from registry.concurrency import STALE_EDIT
from tests.admin.conftest import edit_form_data
from tests.factories import AppointmentFactory, OrganizationFactory, PositionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_registrars():
    clients = []
    for name in ("first-registrar", "second-registrar"):
        client = Client()
        client.force_login(UserFactory(username=name, is_staff=True, is_superuser=True))
        clients.append(client)
    return clients


def make_organization():
    return OrganizationFactory(name_en="Service New Brunswick", acronym_en="SNB")


def make_position():
    return PositionFactory(title_en="Director, Intergovernmental Affairs")


def make_appointment():
    return AppointmentFactory(start_date=datetime.date(2022, 7, 1))


CASES = {
    "organisations": (
        make_organization,
        ("name_en", "Service NB"),
        ("acronym_en", "SNB-X"),
        "Name (English): “Service New Brunswick” → “Service NB”",
    ),
    "positions": (
        make_position,
        ("title_en", "Director General, Intergovernmental Affairs"),
        ("title_fr", "Directeur général"),
        "Title (English): “Director, Intergovernmental Affairs” → "
        "“Director General, Intergovernmental Affairs”",
    ),
    "appointments": (
        make_appointment,
        ("end_date", "2024-03-31"),
        ("acting", "on"),
        "End date: “—” → “2024-03-31”",
    ),
}
MODELS = {"organisations": Organization, "positions": Position, "appointments": Appointment}
NAMES = {"organisations": "organisation", "positions": "position", "appointments": "appointment"}


@pytest.mark.parametrize("namespace", sorted(CASES))
def test_stale_save_refused_with_changes_listed_when_edited_meanwhile(two_registrars, namespace):
    make, (first_field, first_value), (second_field, second_value), expected = CASES[namespace]
    obj = make()
    first, second = two_registrars
    url = reverse(f"{namespace}:edit", args=[obj.pk])
    first_data = edit_form_data(first, url)
    second_data = edit_form_data(second, url)
    first_data[first_field] = first_value
    assert first.post(url, first_data).status_code == 302
    second_data[second_field] = second_value
    history_rows = MODELS[namespace].history.count()

    response = second.post(url, second_data)

    assert response.status_code == 200
    errors = [str(error) for error in response.context["form"].non_field_errors()]
    assert str(STALE_EDIT).format(model=NAMES[namespace]) in errors
    listed = "\n".join(errors)
    assert expected in listed
    assert "first-registrar" in listed
    typed = response.context["form"][second_field].value()
    assert typed in (second_value, True)
    current = MODELS[namespace].objects.get(pk=obj.pk)
    assert str(getattr(current, first_field)) == first_value
    assert getattr(current, second_field) not in (second_value, True)
    assert MODELS[namespace].history.count() == history_rows


@pytest.mark.parametrize("namespace", sorted(CASES))
def test_edit_saved_with_history_when_form_is_current(two_registrars, namespace):
    make, (first_field, first_value), _second, _expected = CASES[namespace]
    obj = make()
    first, _second_client = two_registrars
    url = reverse(f"{namespace}:edit", args=[obj.pk])
    data = edit_form_data(first, url)
    data[first_field] = first_value

    response = first.post(url, data)

    assert response.status_code == 302
    record = MODELS[namespace].history.filter(id=obj.pk).latest()
    assert record.history_user.username == "first-registrar"
    assert str(getattr(record, first_field)) == first_value


def test_lock_raises_does_not_exist_when_row_deleted_since_form_opened():
    """A save racing a deletion must not insert the row again (it would fail on the counter)."""
    from django.db import transaction

    from registry.concurrency import revision_lock

    position = make_position()
    Position.objects.filter(pk=position.pk).delete()

    with transaction.atomic(), pytest.raises(Position.DoesNotExist):
        revision_lock(Position, position.pk)
