"""When the API's data last changed: the `Last-Modified` of its responses.

Everything the API serves is read from rows whose every change leaves a time: signed versions
and their stored PDFs (`created_at`), the search entries the list reads (`updated_at`), and the
agreements and reference data, whose every save and delete writes a history row
(`history_date`, django-simple-history). What is public also moves with the calendar (a version
takes effect, an agreement expires) without any write, so the answer is never earlier than the
start of today. Read in one query, from indexed columns.
"""

import datetime

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from agreements.models import (
    Agreement,
    AgreementSearchEntry,
    AgreementVersion,
    AgreementVersionPDF,
    DeliveryChannel,
    ServiceArea,
)
from jurisdictions.models import Appointment, Jurisdiction, Organization, Person, Position

HISTORY_OF = (
    Agreement,
    Jurisdiction,
    Organization,
    Position,
    Person,
    Appointment,
    ServiceArea,
    DeliveryChannel,
)


def _sources() -> list[tuple[str, str]]:
    """(table, time column) of every row kind the API's answers depend on."""
    sources = [
        (AgreementVersion._meta.db_table, "created_at"),
        (AgreementVersionPDF._meta.db_table, "created_at"),
        (AgreementSearchEntry._meta.db_table, "updated_at"),
    ]
    sources += [(model.history.model._meta.db_table, "history_date") for model in HISTORY_OF]
    return sources


def _aware(value) -> datetime.datetime | None:
    """A database time as an aware datetime (SQLite gives UTC text, PostgreSQL a datetime)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def public_data_changed_at(*, today: datetime.date) -> datetime.datetime:
    """The latest change to the rows the API reads, and at least the start of `today` (local
    time): a conditional request made since then may be answered 304. One query."""
    quote = connection.ops.quote_name
    columns = ", ".join(
        f"(SELECT MAX({quote(column)}) FROM {quote(table)})"  # noqa: S608  # nosec B608 (names from models)
        for table, column in _sources()
    )
    with connection.cursor() as cursor:
        # Table and column names come from the models above, never from a request.
        cursor.execute(f"SELECT {columns}")  # noqa: S608
        times = [_aware(value) for value in cursor.fetchone()]
    midnight = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    return max([midnight, *(time for time in times if time is not None)])
