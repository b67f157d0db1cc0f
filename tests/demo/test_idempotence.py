"""Loading the demo twice changes nothing; refreshing restores edited demo rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.demo.loader import CHANGE_REASON, demo_load
from agreements.models import Agreement

from .conftest import row_counts

pytestmark = pytest.mark.django_db
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.mark.parametrize("refresh", [False, True], ids=["plain", "refresh"])
def test_no_row_or_history_row_added_when_loaded_again(demo, refresh):
    before = row_counts()

    demo_load(by=demo.user, refresh=refresh)

    changed = {label: (n, row_counts()[label]) for label, n in before.items()}
    assert {label: pair for label, pair in changed.items() if pair[0] != pair[1]} == {}
    assert before["agreements.HistoricalAgreement"] > 0  # the counts did include history


@pytest.mark.parametrize("refresh", [False, True], ids=["plain", "refresh"])
def test_no_write_statement_issued_when_loaded_again(demo, refresh):
    with CaptureQueriesContext(connection) as queries:
        demo_load(by=demo.user, refresh=refresh)

    writes = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().startswith(WRITES)]
    assert writes == []


def test_everything_reported_present_when_loaded_again(demo):
    report = demo_load(by=demo.user)

    assert (report.created, report.updated) == (0, 0)
    assert report.present == demo.report.created + demo.report.present


def test_edited_row_kept_when_loaded_again_without_refresh(demo):
    agreement = Agreement.objects.get(reference="SNB-2021-004")
    agreement.title_en = "Edited by a registrar"
    agreement.save()

    demo_load(by=demo.user)

    agreement.refresh_from_db()
    assert agreement.title_en == "Edited by a registrar"


def test_edited_row_restored_with_history_when_refreshed(demo):
    agreement = Agreement.objects.get(reference="SNB-2021-004")
    agreement.title_en = "Edited by a registrar"
    agreement.save()
    history_before = agreement.history.count()

    report = demo_load(by=demo.user, refresh=True)

    agreement.refresh_from_db()
    assert agreement.title_en == "Driver Licensing and Vehicle Registration Services Agreement"
    assert report.updated == 1
    latest = agreement.history.first()
    assert agreement.history.count() == history_before + 1
    assert (latest.history_user, latest.history_change_reason) == (demo.user, CHANGE_REASON)


def test_missing_row_recreated_when_loaded_again(demo):
    agreement = Agreement.objects.get(reference="SNB-2026-011")
    agreement.relations.all().delete()
    agreement.responsibilities.all().delete()
    agreement.parties.all().delete()
    agreement.delete()

    report = demo_load(by=demo.user)

    created = Agreement.objects.get(reference="SNB-2026-011")
    assert (created.parties.count(), created.responsibilities.count()) == (2, 4)
    assert report.created == 1 + 2 + 4
