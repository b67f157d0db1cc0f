"""Rows and history rows inserted without Django's insert compiler (opendata.importing.bulk):
the same rows, keys and history rows as bulk_create and simple-history's bulk_history_create."""

import datetime

import pytest

from jurisdictions.models import Jurisdiction, Person
from opendata.importing.bulk import bulk_insert, history_insert
from registry.audit import attribute
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_new_rows_get_their_keys_and_are_saved(registrar):
    people = [
        Person(given_name="Ada", family_name="Byron"),
        Person(given_name="Tim", family_name="Lee"),
    ]
    bulk_insert(Person, people)
    assert [(p.given_name, p._state.adding) for p in people] == [("Ada", False), ("Tim", False)]
    stored = dict(Person.objects.values_list("pk", "family_name"))
    assert stored == {people[0].pk: "Byron", people[1].pk: "Lee"}
    assert people[0].pk != people[1].pk


def test_rows_with_their_numbers_keep_them(registrar):
    bulk_insert(Person, [Person(id=41, given_name="Ada", family_name="Byron")])
    assert list(Person.objects.values_list("pk", "given_name")) == [(41, "Ada")]


def test_dates_and_choices_stored_as_bulk_create_stores_them(registrar):
    rows = [
        Jurisdiction(slug="pei", name_en="Prince Edward Island", level="provincial"),
    ]
    bulk_insert(Jurisdiction, rows)
    stored = Jurisdiction.objects.get(slug="pei")
    assert (stored.name_en, stored.level, stored.ocd_division_id) == (
        "Prince Edward Island",
        "provincial",
        None,
    )


def test_history_rows_record_the_user_and_reason(registrar):
    other = UserFactory(username="other-registrar")
    people = [
        Person(given_name="Ada", family_name="Byron"),
        Person(given_name="Tim", family_name="Lee"),
    ]
    bulk_insert(Person, people)
    attribute(people[1], user=other, reason="Corrected")
    before = datetime.datetime.now(datetime.UTC)
    history_insert(Person, people, by=registrar, reason="Import")
    rows = list(
        Person.history.order_by("given_name").values_list(
            "id",
            "given_name",
            "family_name",
            "history_type",
            "history_user__username",
            "history_change_reason",
        )
    )
    assert rows == [
        (people[0].pk, "Ada", "Byron", "+", registrar.username, "Import"),
        (people[1].pk, "Tim", "Lee", "+", "other-registrar", "Corrected"),
    ]
    assert all(row.history_date >= before for row in Person.history.all())
