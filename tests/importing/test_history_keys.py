"""History rows inserted with their keys returned (opendata.importing.bulk.history_insert), as the
agreements' first history rows are, so that their many-to-many rows point at them: by VALUES …
RETURNING, and on PostgreSQL by COPY with keys taken from the sequence first."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from agreements.models import Agreement, DeliveryChannel
from jurisdictions.models import Person
from opendata.importing import bulk, import_folder
from tests.factories import ServiceAreaFactory, agreement_into_force, agreement_ready

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("copy_from", [2, 1000])
def test_history_keys_come_back_in_the_rows_order(registrar, monkeypatch, copy_from):
    monkeypatch.setattr(bulk, "COPY_FROM", copy_from)
    people = [Person(given_name="Ada", family_name=f"Byron {n}") for n in range(3)]
    bulk.bulk_insert(Person, people)
    keys = bulk.history_insert(Person, people, by=registrar, reason="Import", returning=True)
    history = Person.history.in_bulk(keys)
    assert [history[key].id for key in keys] == [person.pk for person in people]
    assert {(row.history_user, row.history_change_reason) for row in history.values()} == {
        (registrar, "Import")
    }


def test_no_keys_unless_asked(registrar):
    people = bulk.bulk_insert(Person, [Person(given_name="Ada", family_name="Byron")])
    assert bulk.history_insert(Person, people, by=registrar, reason="Import") == []
    assert Person.history.count() == 1


@pytest.fixture
def export_with_links(registrar, tmp_path, django_capture_on_commit_callbacks):
    """An export of two agreements in force with service areas and delivery channels."""
    with transaction.atomic():
        channel, _created = DeliveryChannel.objects.get_or_create(
            slug="online", defaults={"name_en": "Online"}
        )
        with django_capture_on_commit_callbacks(execute=True):
            for _agreement in range(2):
                agreement = agreement_ready()
                agreement.service_areas.set([ServiceAreaFactory(), ServiceAreaFactory()])
                agreement.delivery_channels.set([channel])
                agreement_into_force(agreement, by=registrar)
        call_command("export_registry", str(tmp_path), stdout=StringIO())
        transaction.set_rollback(True)
    return tmp_path


def test_first_history_rows_hold_the_agreements_links_whatever_the_insert(
    registrar, export_with_links, monkeypatch
):
    monkeypatch.setattr(bulk, "COPY_FROM", 1)  # every insert through COPY on PostgreSQL
    import_folder(export_with_links, by=registrar)
    agreements = Agreement.objects.all()
    assert agreements.count() == 2
    for agreement in agreements:
        created = agreement.history.get(history_type="+")
        assert created.history_user == registrar
        areas = set(agreement.service_areas.values_list("slug", flat=True))
        assert len(areas) == 2
        assert set(created.service_areas.values_list("servicearea__slug", flat=True)) == areas
        channels = set(created.delivery_channels.values_list("deliverychannel__slug", flat=True))
        assert channels == {"online"}
