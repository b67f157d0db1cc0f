"""In production the search entry of a newly signed version is written by the worker, while the
browser's read model, which restricts every public answer, changes in the request itself."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from agreements import search
from agreements.models import (
    PublishedAgreement,
    PublishedFacet,
    PublishedFacetCount,
    PublishedPairCount,
)
from tests.factories import agreement_into_force, amendment_signed

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
INDEX_TASK = "agreements.search.tasks.index_agreement_task"


def _queued_index_jobs(agreement_id: int) -> int:
    return DBTaskResult.objects.filter(
        task_path=INDEX_TASK, args_kwargs__kwargs__agreement_id=agreement_id
    ).count()


def _retitle(agreement):
    agreement.title_en = "Numbat permit service"
    agreement.save()


def test_signing_queues_the_search_entry_and_refreshes_the_read_model_at_once(registrar):
    agreement = agreement_into_force(by=registrar, title_en="Platypus permit service")
    first_version = PublishedAgreement.objects.get(pk=agreement.pk).version_id

    with override_settings(TASKS=DATABASE_QUEUE):
        today = timezone.localdate()
        amendment_signed(
            agreement, by=registrar, effective_date=today, signed_date=today, change=_retitle
        )

        assert _queued_index_jobs(agreement.pk) == 1
        row = PublishedAgreement.objects.get(pk=agreement.pk)
        assert row.version_id != first_version
        assert row.title_en_key == "numbat permit service"
        # The worker has not run: the entry still holds the old words.
        assert search.search("numbat").ids == []
        assert search.search("platypus").ids == [agreement.pk]

        job = DBTaskResult.objects.get(task_path=INDEX_TASK)
        job.task.call(*job.args_kwargs["args"], **job.args_kwargs["kwargs"])

    assert search.search("numbat").ids == [agreement.pk]
    assert search.search("platypus").ids == []


READ_MODEL_TABLES = (
    PublishedAgreement._meta.db_table,
    PublishedFacet._meta.db_table,
    PublishedFacetCount._meta.db_table,
    PublishedPairCount._meta.db_table,
)


def test_the_worker_rewrites_the_search_entry_and_leaves_the_read_model_alone(registrar):
    agreement = agreement_into_force(by=registrar, title_en="Platypus permit service")

    with override_settings(TASKS=DATABASE_QUEUE):
        today = timezone.localdate()
        amendment_signed(
            agreement, by=registrar, effective_date=today, signed_date=today, change=_retitle
        )
        row = PublishedAgreement.objects.values().get(pk=agreement.pk)
        job = DBTaskResult.objects.get(task_path=INDEX_TASK)
        with CaptureQueriesContext(connection) as queries:
            job.task.call(*job.args_kwargs["args"], **job.args_kwargs["kwargs"])

    # The request refreshed the row already; the worker does not read or write it again.
    touched = [q["sql"] for q in queries if any(t in q["sql"] for t in READ_MODEL_TABLES)]
    assert touched == []
    assert PublishedAgreement.objects.values().get(pk=agreement.pk) == row
    assert search.search("numbat").ids == [agreement.pk]
