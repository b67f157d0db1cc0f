"""Querysets compiled once and run again with other values (registry.compiled_query): the same
rows as the ORM, whatever the values, with dates and JSON converted as Django converts them."""

import datetime

import pytest
from django.db import connection

from agreements.models import AgreementVersion
from jurisdictions.models import Appointment
from registry.compiled_query import MAX_LIST_LENGTH, CompiledQuery
from tests.factories import AppointmentFactory, PositionFactory, agreement_into_force

pytestmark = pytest.mark.django_db

VERSIONS = CompiledQuery(
    "test:versions",
    lambda reference, day: (
        AgreementVersion.objects.published(on=day)
        .filter(agreement__reference=reference)
        .order_by("number")
        .values_list("number", "effective_date", "snapshot", "agreement__reference")
    ),
)
HOLDINGS = CompiledQuery(
    "test:holdings",
    lambda position_ids, day: (
        Appointment.objects.current_on(day)
        .filter(position_id__in=position_ids)
        .order_by("position_id", "start_date")
        .values_list("position_id", "start_date")
    ),
)


def test_rows_are_the_orms_when_the_values_change(registrar):
    first = agreement_into_force(by=registrar)
    second = agreement_into_force(by=registrar)
    for agreement in (first, second, first):
        for day in (
            datetime.date(2021, 3, 31),
            datetime.date(2021, 4, 1),
            datetime.date(2030, 1, 1),
        ):
            expected = [
                list(row)
                for row in AgreementVersion.objects.published(on=day)
                .filter(agreement__reference=agreement.reference)
                .order_by("number")
                .values_list("number", "effective_date", "snapshot", "agreement__reference")
            ]
            assert VERSIONS.rows(reference=agreement.reference, day=day) == expected
    number, effective, snapshot, reference = VERSIONS.rows(
        reference=first.reference, day=datetime.date(2030, 1, 1)
    )[0]
    assert (number, effective, reference) == (1, datetime.date(2021, 4, 1), first.reference)
    assert snapshot["agreement"]["reference"] == first.reference


def test_a_list_parameter_compiles_once_per_length(django_assert_num_queries):
    positions = [PositionFactory() for _ in range(3)]
    for index, position in enumerate(positions):
        AppointmentFactory(position=position, start_date=datetime.date(2020, 1, 1 + index))
    day = datetime.date(2024, 1, 1)
    ids = [position.pk for position in positions]
    with django_assert_num_queries(1):
        assert HOLDINGS.rows(position_ids=ids[:2], day=day) == [
            [ids[0], datetime.date(2020, 1, 1)],
            [ids[1], datetime.date(2020, 1, 2)],
        ]
    with django_assert_num_queries(1):
        assert HOLDINGS.rows(position_ids=ids[1:], day=day) == [
            [ids[1], datetime.date(2020, 1, 2)],
            [ids[2], datetime.date(2020, 1, 3)],
        ]
    assert HOLDINGS.rows(position_ids=ids, day=datetime.date(2019, 1, 1)) == []
    kept = [key for key in connection._compiled_queries if key[0] == "test:holdings"]
    assert len(kept) == 2  # lengths 2 and 3


def test_empty_and_long_lists_go_through_the_orm(django_assert_num_queries):
    position = PositionFactory()
    AppointmentFactory(position=position, start_date=datetime.date(2020, 1, 1))
    day = datetime.date(2024, 1, 1)
    with django_assert_num_queries(0):
        assert HOLDINGS.rows(position_ids=[], day=day) == []
    many = [position.pk, *range(-1, -MAX_LIST_LENGTH - 1, -1)]
    with django_assert_num_queries(1):
        assert HOLDINGS.rows(position_ids=many, day=day) == [
            [position.pk, datetime.date(2020, 1, 1)]
        ]
    lengths = {
        length
        for name, shape in getattr(connection, "_compiled_queries", {})
        if name == "test:holdings"
        for parameter, length, _kind in shape
        if parameter == "position_ids"
    }
    assert len(many) not in lengths and 0 not in lengths
