"""Loading the demo twice changes nothing, signed record included; refreshing restores edited
demo rows, but never an agreement's signed content."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.models import Agreement, AgreementVersion
from agreements.services.pdfs import version_pdfs_render
from opendata.demo import CHANGE_REASON, demo_load

from .conftest import row_counts

pytestmark = pytest.mark.django_db
WRITES = ("INSERT", "UPDATE", "DELETE")
AMENDED = "SNB-2019-001"
# Tables a second load must leave alone like every other (versions, PDFs, amendments, the
# transition log, the search index); the counts must include rows in each.
SIGNED_RECORD = (
    "agreements.AgreementVersion",
    "agreements.AgreementVersionPDF",
    "agreements.Amendment",
    "agreements.HistoricalAmendment",
    "agreements.AgreementTransition",
    "agreements.AgreementSearchEntry",
)


@pytest.fixture(scope="module", autouse=True)
def pdfs_rendered(demo, django_db_blocker):
    """The PDFs a committed load renders, for the amended agreement's three versions (the others
    render the same way; six PDFs keep this module quick)."""
    with django_db_blocker.unblock():
        for version in AgreementVersion.objects.filter(agreement__reference=AMENDED):
            version_pdfs_render(version_id=version.pk)


@pytest.mark.parametrize("refresh", [False, True], ids=["plain", "refresh"])
def test_no_row_or_history_row_added_when_loaded_again(demo, refresh):
    before = row_counts()

    demo_load(by=demo.user, refresh=refresh)

    changed = {label: (n, row_counts()[label]) for label, n in before.items()}
    assert {label: pair for label, pair in changed.items() if pair[0] != pair[1]} == {}
    assert before["agreements.HistoricalAgreement"] > 0  # the counts did include history
    assert [label for label in SIGNED_RECORD if not before[label]] == []


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
    agreement = Agreement.objects.get(reference="NB-SD-2025-003")
    agreement.title_en = "Edited by a registrar"
    agreement.save()
    history_before = agreement.history.count()

    report = demo_load(by=demo.user, refresh=True)

    agreement.refresh_from_db()
    assert agreement.title_en == "Income Assistance Intake at Service New Brunswick Centres"
    assert report.updated == 1
    latest = agreement.history.first()
    assert agreement.history.count() == history_before + 1
    assert (latest.history_user, latest.history_change_reason) == (demo.user, CHANGE_REASON)


def test_signed_agreement_left_as_signed_when_refreshed(demo):
    agreement = Agreement.objects.get(reference=AMENDED)
    agreement.title_en = "Edited outside an amendment"
    agreement.save()
    responsibility = agreement.responsibilities.get(clause="5.1")
    responsibility.text_en = "Reworded outside an amendment"
    responsibility.save()
    versions_before = list(agreement.versions.values_list("pk", "snapshot_sha256"))

    report = demo_load(by=demo.user, refresh=True)

    agreement.refresh_from_db()
    responsibility.refresh_from_db()
    assert (report.created, report.updated) == (0, 0)
    assert agreement.title_en == "Edited outside an amendment"
    assert responsibility.text_en == "Reworded outside an amendment"
    assert list(agreement.versions.values_list("pk", "snapshot_sha256")) == versions_before


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
