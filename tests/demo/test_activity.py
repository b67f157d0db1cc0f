"""The demo's activity (opendata/demo_data/activity/): after loading, the demo minister's office
and liaison officer of Service New Brunswick find something in every workspace panel; a
multilateral agreement is signed by 3 of its 4 parties; an agreement is approved by one of its
two governments; a department was renamed and its successor holds what it carried. Replaying the
activity again, on the same day or a later one, does nothing."""

import calendar
import datetime
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from agreements.demo.accounts import DEMO_STAFF, LIAISON, MINISTER
from agreements.models import Agreement, PartyApproval, Report, Responsibility
from jurisdictions.models import Organization, OrganizationSuccession, Position
from opendata.demo import CHANGE_REASON
from opendata.demo_activity import FORMAT, ActivityError, demo_activity_replay, resolve_days
from workspace.panels import WorkspaceSummary

from .conftest import row_counts

pytestmark = pytest.mark.django_db

STEPS_IN_FILE = 10


def _user(role):
    return get_user_model().objects.get(username=DEMO_STAFF[role].username)


def _last_month_end_before(today: datetime.date, months: tuple[int, ...]) -> datetime.date:
    """The last day of the latest month in `months` that ended before `today` (written out here,
    not with the code under test)."""
    year, month = today.year, today.month
    while True:
        last = datetime.date(year, month, calendar.monthrange(year, month)[1])
        if month in months and last < today:
            return last
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def _panel(page: str, panel_id: str) -> str:
    found = re.search(rf'id="workspace-{panel_id}-section".*?</section>', page, re.S)
    assert found, panel_id
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(0)).split())


# --- the logins and their workspace -----------------------------------------------------------


def test_demo_staff_accounts_in_service_new_brunswick_groups_when_loaded(demo):
    minister, liaison = _user(MINISTER), _user(LIAISON)

    assert list(minister.groups.values_list("name", flat=True)) == [
        "Service New Brunswick — minister's office"
    ]
    assert list(liaison.groups.values_list("name", flat=True)) == [
        "Service New Brunswick — liaison officers"
    ]
    assert not minister.has_usable_password() and not liaison.has_usable_password()


@pytest.mark.parametrize("role", [MINISTER, LIAISON])
def test_every_panel_has_the_demo_items_when_demo_staff_opens_workspace(demo, role):
    today = timezone.localdate()
    summary = WorkspaceSummary(_user(role))

    overdue = {
        (o.agreement.reference, o.responsibility.clause, o.due_date) for o in summary.overdue
    }
    due = {(o.agreement.reference, o.responsibility.clause) for o in summary.due}
    expiring = [a.reference for a in summary.expiring]
    gaps = {(row.reference, row.clause) for row in summary.gaps}

    # Returned with a comment: still overdue. Accepted: no longer overdue.
    assert ("SNB-2021-004", "4.1", _last_month_end_before(today, tuple(range(1, 13)))) in overdue
    assert ("SNB-2019-001", "5.1", _last_month_end_before(today, (3, 6, 9, 12))) not in overdue
    assert len(overdue) > 100
    # Monthly photo counts fall due every month.
    assert ("SNB-2022-015", "2.2") in due
    assert expiring == ["SNB-2022-015", "SNB-2023-014"]
    assert ("SNB-2023-014", "2.2") in gaps  # Director, Digital Services: vacant since today-45


def test_awaiting_review_lists_the_agreement_service_canada_approved_when_minister_opens(demo):
    items = WorkspaceSummary(_user(MINISTER)).awaiting_review

    assert [item.agreement.reference for item in items] == ["CA-NB-SIN-2026"]


def test_admin_home_panels_show_the_demo_items_when_minister_signs_in(demo, client):
    client.force_login(_user(MINISTER))

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "CA-NB-SIN-2026 — Social Insurance Number Applications" in _panel(
        page, "awaiting-review"
    )
    assert "SNB-2021-004" in _panel(page, "overdue")
    assert "Obligations due in the next 30 days" in _panel(page, "due")
    assert "SNB-2022-015" in _text(client.get(reverse("workspace_due")))
    expiring = _panel(page, "expiring")
    assert "SNB-2022-015" in expiring and "SNB-2023-014" in expiring
    assert "Director, Digital Services" in _panel(page, "gaps")


def test_notice_deadlines_follow_the_day_of_the_load_when_loaded(demo):
    today = timezone.localdate()
    photos = Agreement.objects.get(reference="SNB-2022-015")
    certificates = Agreement.objects.get(reference="SNB-2023-014")

    assert photos.expiry_date == today + datetime.timedelta(days=120)
    assert certificates.expiry_date == today + datetime.timedelta(days=400)
    assert certificates.notice_period_days == 270  # notice deadline in 130 days


# --- reports against obligations --------------------------------------------------------------


def test_reports_accepted_returned_and_awaiting_review_when_loaded(demo):
    today = timezone.localdate()
    minister, liaison = _user(MINISTER), _user(LIAISON)
    reports = {
        (r.responsibility.agreement.reference, r.responsibility.clause): r
        for r in Report.objects.select_related("responsibility__agreement")
    }

    accepted = reports[("SNB-2019-001", "5.1")]
    returned = reports[("SNB-2021-004", "4.1")]
    pending = reports[("SNB-2024-002", "A1.4")]
    assert (accepted.decision, accepted.decided_by, accepted.submitted_by) == (
        Report.Decision.ACCEPTED,
        minister,
        liaison,
    )
    assert accepted.due_date == _last_month_end_before(today, (3, 6, 9, 12))
    assert (returned.decision, returned.status) == (
        Report.Decision.RETURNED,
        Report.Status.PARTIALLY_MET,
    )
    assert returned.decision_comment.startswith("Ajoutez les délais de traitement")
    assert (pending.decision, pending.decided_by) == (Report.Decision.PENDING, None)
    assert pending.due_date == _last_month_end_before(today, (6, 12))
    assert len(reports) == 3


# --- approvals, signatures, succession (issue 13) ----------------------------------------------


def test_approved_by_one_of_two_governments_shown_on_review_page(demo, client):
    agreement = Agreement.objects.get(reference="CA-NB-SIN-2026")
    client.force_login(demo.user)

    page = client.get(reverse("agreement_reviews:agreement", args=(agreement.pk,)))

    rows = re.findall(
        r'<tr data-party="\d+" data-decision="(\w+)">(.*?)</tr>', page.content.decode(), re.S
    )
    summary = [(decision, " ".join(re.sub(r"<[^>]+>", " ", row).split())) for decision, row in rows]
    assert [decision for decision, _row in summary] == ["approved", "pending"]
    assert summary[0][1].startswith("Service Canada")
    assert "Approved for Service Canada." in summary[0][1]
    assert summary[1][1].startswith("Service New Brunswick")
    assert agreement.state == Agreement.State.REVIEW
    assert PartyApproval.objects.filter(agreement=agreement).count() == 1


def test_multilateral_agreement_signed_by_3_of_4_on_public_page(demo, client):
    agreement = Agreement.objects.get(reference="CA-DIV-2025")

    text = _text(client.get(f"/en/agreements/{agreement.reference}/"))

    assert agreement.state == Agreement.State.IN_FORCE
    assert agreement.in_force_for_signatories_only
    assert "Signed by 3 of 4 parties." in text
    assert agreement.versions.count() == 1


def test_successor_holds_the_renamed_departments_positions_and_party_when_loaded(demo):
    predecessor = Organization.objects.get(slug="au-human-services")
    successor = Organization.objects.get(slug="services-australia")
    agreement = Agreement.objects.get(reference="AU-DHS-QLD-2018")

    succession = OrganizationSuccession.objects.get(predecessor=predecessor)
    assert (succession.kind, succession.successor, succession.date) == (
        OrganizationSuccession.Kind.RENAMED,
        successor,
        datetime.date(2019, 5, 29),
    )
    assert predecessor.end_date == datetime.date(2019, 5, 28)  # flagged as ended
    moved = Position.objects.filter(
        title_en__in=[
            "Secretary, Department of Human Services",
            "National Manager, Agents and Access Points",
        ]
    )
    assert sorted(moved.values_list("organization__slug", flat=True)) == [
        "services-australia",
        "services-australia",
    ]
    assert set(agreement.parties.values_list("organization__slug", flat=True)) == {
        "services-australia",
        "qld-transport-main-roads",
    }
    owner = Responsibility.objects.get(agreement=agreement, clause="2.2").accountability_owner
    assert owner.organization == successor
    # The signed version keeps the name it was signed under.
    signed = agreement.versions.get(number=1).snapshot
    names = [party["organization"]["name"]["en"] for party in signed["parties"]]
    assert "Department of Human Services" in names


# --- replaying again ---------------------------------------------------------------------------


def test_nothing_replayed_when_activity_replayed_a_month_later(demo):
    before = row_counts()
    later = timezone.localdate() + datetime.timedelta(days=31)

    report = demo_activity_replay(by=demo.user, reason=CHANGE_REASON, today=later)

    assert (report.replayed, report.already_done) == ([], STEPS_IN_FILE)
    assert (report.imported.created, report.imported.updated) == (0, 0)
    assert {k: v for k, v in row_counts().items() if before[k] != v} == {}


def test_every_step_replayed_on_the_first_load(demo):
    assert len(demo.report.activity.replayed) == STEPS_IN_FILE
    assert demo.report.activity.already_done == 0


def test_step_that_cannot_be_done_named_and_nothing_written(demo, tmp_path):
    agreement = Agreement.objects.get(reference="CA-NB-SIN-2026")
    steps = [
        {"do": "party_approve", "agreement": agreement.reference, "party": "service-new-brunswick"},
        {"do": "report", "agreement": "SNB-2019-001", "clause": "9.9", "as": "liaison"},
    ]
    document = {"format": FORMAT, "import": {}, "steps": steps}
    (tmp_path / "20-more.json").write_text(json.dumps(document), encoding="utf-8")
    before = row_counts()

    with pytest.raises(ActivityError) as error, transaction.atomic():
        demo_activity_replay(by=demo.user, reason=CHANGE_REASON, folder=tmp_path)

    assert str(error.value) == (
        "20-more.json: steps[1] (report SNB-2019-001 9.9): SNB-2019-001 has no clause 9.9."
    )
    assert {k: v for k, v in row_counts().items() if before[k] != v} == {}
    agreement.refresh_from_db()
    assert agreement.state == Agreement.State.REVIEW


def test_unknown_step_refused_with_its_name(demo, tmp_path):
    document = {"format": FORMAT, "steps": [{"do": "sign_everything"}]}
    (tmp_path / "20-more.json").write_text(json.dumps(document), encoding="utf-8")

    with pytest.raises(ActivityError) as error:
        demo_activity_replay(by=demo.user, reason=CHANGE_REASON, folder=tmp_path)

    assert (
        str(error.value)
        == "20-more.json: steps[0] (sign_everything): unknown step “sign_everything”."
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("today", "2026-03-01"),
        ("today-1", "2026-02-28"),
        ("today+365", "2027-03-01"),
        ("today-", "today-"),
        ("2019-05-29", "2019-05-29"),
        ({"a": ["today+1", 3]}, {"a": ["2026-03-02", 3]}),
    ],
)
def test_relative_days_resolved_from_the_day_of_the_load(value, expected):
    assert resolve_days(value, datetime.date(2026, 3, 1)) == expected
