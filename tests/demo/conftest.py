"""The demo data is large, so each test module that needs it loads it once (module scope) inside
a transaction that is rolled back when the module ends; each test still runs in its own savepoint
and cannot leak into the next. That transaction never commits, so what the load schedules on
commit (rendering each new version's PDFs) does not run: `LoadedDemo.on_commit` keeps it; only
the search and read-model indexing it schedules is run at once."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import TestCase

from opendata.demo import demo_load
from opendata.importing import ImportReport
from tests.factories import UserFactory

INDEXING = {"index_agreement", "index_agreement_enqueue", "read_model_refresh_one"}


@dataclass(frozen=True)
class LoadedDemo:
    user: object
    report: ImportReport
    # The callbacks the load registered to run once it commits, in order.
    on_commit: list[Callable[[], object]]


def row_counts() -> dict[str, int]:
    """Rows in every table of every installed app, m2m and history tables included (one query)."""
    tables = set(connection.introspection.table_names())
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.db_table in tables
    ]
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT {index}, COUNT(*) FROM {quote(model._meta.db_table)}"  # noqa: S608 (table names)
        for index, model in enumerate(models)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {models[index]._meta.label: count for index, count in cursor.fetchall()}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        user = UserFactory(username="demo-loader", is_staff=True, is_superuser=True)
        with TestCase.captureOnCommitCallbacks() as on_commit:
            report = demo_load(by=user)
        # What a committed load would also do at once for agreements the activity brought into
        # force: index them for search and for the public browser (their PDFs stay queued).
        for callback in on_commit:
            if getattr(getattr(callback, "func", None), "__name__", "") in INDEXING:
                callback()
        yield LoadedDemo(user=user, report=report, on_commit=on_commit)
        transaction.set_rollback(True)
