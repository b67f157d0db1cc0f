"""`manage.py loaddemo`: attribution to the system account or --as, and its summary."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from agreements.models import Agreement, AgreementSearchEntry, AgreementVersion, Amendment
from agreements.services.lifecycle import SYSTEM_USERNAME
from jurisdictions.models import Appointment
from opendata.demo import demo_rows
from opendata.management.commands.loaddemo import UNKNOWN_USER
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
# opendata/demo_data/activity/10-activity.json: its agreements, and those imported in force.
ACTIVITY_AGREEMENTS = 5
ACTIVITY_IMPORTED_IN_FORCE = 3


@pytest.fixture(scope="module")
def first_run(django_db_setup, django_db_blocker):
    """`loaddemo` run once on an empty registry; its console output."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("loaddemo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def _summary(output: str) -> dict[str, list[int]]:
    rows = {}
    for line in output.splitlines():
        *label, created, updated, present = line.split() or [""]
        if created.isdigit():
            rows[" ".join(label)] = [int(created), int(updated), int(present)]
    return rows


def test_history_attributed_to_system_account_when_no_user_given(first_run):
    users = set(Agreement.history.values_list("history_user__username", flat=True))
    users |= set(Appointment.history.values_list("history_user__username", flat=True))
    assert users == {SYSTEM_USERNAME}


def test_created_counts_printed_when_run_on_empty_registry(first_run):
    summary = _summary(first_run)
    files = demo_rows()
    # The demo files' rows; the activity's own rows are counted on their own line.
    assert summary["agreements"] == [len(files.agreements), 0, 0]
    holders = sum(len(position.holders) for position in files.positions)
    assert summary["appointments"] == [holders, 0, 0]
    assert Agreement.objects.count() == len(files.agreements) + ACTIVITY_AGREEMENTS
    assert f"as “{SYSTEM_USERNAME}”" in first_run


def test_activity_replayed_and_listed_when_run_on_empty_registry(first_run):
    assert "Demo activity rows imported: 51." in first_run
    assert "  - party_approve CA-NB-SIN-2026 service-canada" in first_run
    assert "  - report SNB-2021-004 4.1" in first_run


def test_activity_not_replayed_when_run_again(first_run):
    out = StringIO()
    call_command("loaddemo", stdout=out)

    assert "Demo activity: 10 steps already done." in out.getvalue()
    assert "replayed" not in out.getvalue()


def test_everything_already_present_printed_when_run_again(first_run):
    registrar = UserFactory(username="second-loader", is_staff=True, is_superuser=True)
    out = StringIO()

    call_command("loaddemo", "--as", registrar.username, stdout=out)

    created, updated, present = _summary(out.getvalue())["total"]
    assert (created, updated) == (0, 0)
    assert present == _summary(first_run)["total"][0] + _summary(first_run)["total"][2]
    assert not Agreement.history.filter(history_user=registrar).exists()


def test_history_attributed_to_named_user_when_refresh_changes_a_row(first_run):
    registrar = UserFactory(username="refresher", is_staff=True, is_superuser=True)
    # In negotiation: agreements with signed versions are never refreshed (see the loader).
    agreement = Agreement.objects.get(reference="NS-HRM-2026-003")
    agreement.summary_en = "Changed in the admin."
    agreement.save()

    call_command("loaddemo", "--as", "refresher", "--refresh", stdout=StringIO())

    latest = Agreement.objects.get(reference="NS-HRM-2026-003").history.first()
    assert latest.history_user == registrar


def test_unknown_user_rejected_when_given_with_as():
    history_before = Agreement.history.count()

    with pytest.raises(CommandError) as error:
        call_command("loaddemo", "--as", "nobody-here", "--refresh", stdout=StringIO())

    assert str(error.value) == UNKNOWN_USER.format(username="nobody-here")
    assert Agreement.history.count() == history_before


def test_signed_record_counts_printed_when_run_on_empty_registry(first_run):
    summary = _summary(first_run)

    # Not counted there: the activity's agreements imported in force (their versions and search
    # entries) and the version its steps record through the lifecycle (CA-DIV-2025).
    activity_versions = ACTIVITY_IMPORTED_IN_FORCE + 1
    assert summary["agreement versions"] == [
        AgreementVersion.objects.count() - activity_versions,
        0,
        0,
    ]
    assert summary["amendments"] == [Amendment.objects.count(), 0, 0]
    assert summary["search entries"] == [
        AgreementSearchEntry.objects.count() - ACTIVITY_IMPORTED_IN_FORCE,
        0,
        0,
    ]
    assert Amendment.objects.count() >= 2
