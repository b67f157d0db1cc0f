"""The workspace's report views and their CSV and XLSX exports: contents per role (nothing
outside the user's permissions), each occurrence of a recurring obligation on its own row, the
date choices, and exact query counts at 10 and 200 agreements."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ReportFactory
from tests.workspace.conftest import grow

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

REPORTS = (
    "workspace_due",
    "workspace_overdue",
    "workspace_expiring",
    "workspace_gaps",
    "workspace_recent_changes",
)


def rows(client, user, name, **params):
    client.force_login(user)
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    return list(response.context["object_list"])


def csv_rows(client, user, name, **params):
    client.force_login(user)
    response = client.get(reverse(name), {**params, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def xlsx_rows(client, user, name, **params):
    client.force_login(user)
    response = client.get(reverse(name), {**params, "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in book.active.iter_rows(values_only=True)]


# --- contents -------------------------------------------------------------------------------


def test_due_report_lists_the_next_30_days_when_opened(client, world, minister):
    found = rows(client, minister, "workspace_due")
    assert [(row.due_date, row.reference, row.clause) for row in found] == [
        (datetime.date(2025, 2, 1), "WS-FORCE", "4.2")
    ]
    html = client.get(reverse("workspace_due")).content.decode()
    assert "1 February 2025" in html
    assert "Table the opening report." in html


def test_due_report_covers_the_chosen_dates_when_given(client, world, registrar):
    found = rows(client, registrar, "workspace_due", start="2025-03-01", end="2025-12-31")
    # The agreement expires on 2025-05-31: the quarterly obligation's June date is left out.
    assert [(row.due_date, row.clause) for row in found] == [
        (datetime.date(2025, 3, 31), "4.1"),
        (datetime.date(2025, 3, 31), "5.1"),
    ]


def test_overdue_report_lists_each_missed_occurrence_when_recurring(client, world, registrar):
    found = rows(client, registrar, "workspace_overdue")
    assert [(row.due_date, row.clause, row.days_late, row.report) for row in found] == [
        (datetime.date(2024, 9, 30), "4.1", 107, "No report"),
        (datetime.date(2024, 12, 31), "4.1", 15, "No report"),
    ]


def test_overdue_report_keeps_the_chosen_dates_when_given(client, world, registrar):
    found = rows(client, registrar, "workspace_overdue", start="2024-10-01")
    assert [row.due_date for row in found] == [datetime.date(2024, 12, 31)]


def test_report_shows_the_error_and_no_rows_when_dates_are_reversed(client, world, registrar):
    client.force_login(registrar)
    response = client.get(reverse("workspace_due"), {"start": "2025-03-01", "end": "2025-01-01"})
    assert list(response.context["object_list"]) == []
    assert "The end date cannot be before the start date." in response.content.decode()


def test_expiring_report_gives_the_notice_deadline_when_opened(client, world, party_liaison):
    found = rows(client, party_liaison, "workspace_expiring")
    assert [
        (row.reference, row.notice_deadline, row.days_to_notice, row.expiry_date) for row in found
    ] == [("WS-FORCE", datetime.date(2025, 3, 2), 46, datetime.date(2025, 5, 31))]
    assert rows(client, party_liaison, "workspace_expiring", within_days="30") == []


def test_gaps_report_names_each_gap_when_opened(client, world, minister):
    found = rows(client, minister, "workspace_gaps")
    assert [(row.clause, row.gap, row.position) for row in found] == [
        ("6.1", "No accountable position", ""),
        ("6.2", "Accountable position vacant", "Manager, Vacated, Service Branch"),
    ]
    # On 2024-12-31 the manager was still in office.
    found = rows(client, minister, "workspace_gaps", on="2024-12-31")
    assert [row.clause for row in found] == ["6.1"]


def test_gaps_report_names_an_ended_organisation_when_dissolved(client, world, minister):
    department = world["department"]
    department.end_date = datetime.date(2024, 12, 31)
    department.save()
    found = rows(client, minister, "workspace_gaps")
    assert [(row.clause, row.gap) for row in found] == [
        ("5.1", "The accountable position's organisation has ended"),
        ("6.1", "No accountable position"),
        ("6.2", "Accountable position vacant"),
    ]
    # The day it ended, it still existed.
    found = rows(client, minister, "workspace_gaps", on="2024-12-31")
    assert [row.clause for row in found] == ["6.1"]


def test_recent_changes_name_only_visible_agreements_when_opened(client, world, minister):
    found = rows(client, minister, "workspace_recent_changes")
    assert {row.reference for row in found} == {"WS-FORCE", "WS-REVIEW"}
    assert {row.what for row in found} >= {"Agreement", "Party", "Responsibility"}


def test_overdue_report_keeps_a_report_awaiting_review_when_not_accepted(client, world, registrar):
    ReportFactory(
        responsibility=world["quarterly"],
        due_date=datetime.date(2024, 9, 30),
        period_start=datetime.date(2024, 7, 1),
        period_end=datetime.date(2024, 9, 30),
        submitted_by=registrar,
    )
    found = rows(client, registrar, "workspace_overdue")
    assert [(row.due_date, row.report) for row in found] == [
        (datetime.date(2024, 9, 30), "Awaiting review"),
        (datetime.date(2024, 12, 31), "No report"),
    ]


def test_responsibilities_list_shows_the_next_due_date_when_recurring(client, world, registrar):
    client.force_login(registrar)
    response = client.get(reverse("responsibilities:index"), {"q": "quarterly"})
    html = response.content.decode()
    assert "Next due date" in html
    assert "31 March 2025" in html  # not the anchor, 30 June 2024
    assert "30 June 2024" not in html


@pytest.mark.parametrize("name", REPORTS)
def test_non_party_liaison_sees_no_rows_when_opening_a_report(
    client, world, outsider_liaison, name
):
    assert rows(client, outsider_liaison, name) == []
    exported = csv_rows(client, outsider_liaison, name)
    assert len(exported) == 1  # the headings only
    assert len(xlsx_rows(client, outsider_liaison, name)) == 1


@pytest.mark.parametrize("name", REPORTS)
def test_minister_office_export_names_no_agreement_outside_its_portfolio(
    client, world, minister, registrar, name
):
    grow(world, 1, organization=world["outsider"], prefix="WS-OUTSIDE")

    def references(user):
        lines = csv_rows(client, user, name, start="2024-01-01", end="2025-02-14")
        column = lines[0].index("Agreement")
        return {line[column] for line in lines[1:]}

    assert "WS-OUTSIDE-000" in references(registrar)
    seen = references(minister)
    assert "WS-OUTSIDE-000" not in seen
    assert seen <= {"WS-FORCE", "WS-REVIEW"}


def test_reports_require_a_login_when_anonymous(client, world):
    for name in REPORTS:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


# --- exports --------------------------------------------------------------------------------


def test_overdue_csv_has_one_line_per_occurrence_when_exported(client, world, minister):
    assert csv_rows(client, minister, "workspace_overdue") == [
        [
            "Due date",
            "Days late",
            "Agreement",
            "Clause",
            "Obligation",
            "Responsible party",
            "Accountable position",
            "Report",
        ],
        [
            "2024-09-30",
            "107",
            "WS-FORCE",
            "4.1",
            "Report quarterly on counter wait times.",
            "Service Branch",
            "Director, Counters, Service Branch",
            "No report",
        ],
        [
            "2024-12-31",
            "15",
            "WS-FORCE",
            "4.1",
            "Report quarterly on counter wait times.",
            "Service Branch",
            "Director, Counters, Service Branch",
            "No report",
        ],
    ]


def test_due_xlsx_has_dates_as_dates_when_exported(client, world, party_liaison):
    assert xlsx_rows(client, party_liaison, "workspace_due") == [
        [
            "Due date",
            "Agreement",
            "Clause",
            "Obligation",
            "Responsible party",
            "Accountable position",
            "Report",
        ],
        [
            datetime.date(2025, 2, 1),
            "WS-FORCE",
            "4.2",
            "Table the opening report.",
            "Service Branch",
            "Deputy Minister, Ministry of Service",
            "No report",
        ],
    ]


def test_gaps_xlsx_lists_both_gaps_when_exported(client, world, registrar):
    exported = xlsx_rows(client, registrar, "workspace_gaps")
    assert exported[0] == [
        "Agreement",
        "Clause",
        "Obligation",
        "Responsible party",
        "Accountable position",
        "Gap",
    ]
    assert [row[1] for row in exported[1:]] == ["6.1", "6.2"]
    assert exported[2][5] == "Accountable position vacant"


def test_expiring_csv_in_french_when_the_user_reads_french(client, world, registrar):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(registrar)
    profile.preferred_language = "fr"
    profile.save()
    lines = csv_rows(client, registrar, "workspace_expiring")
    assert lines[0][2:] == [
        "Date limite de préavis",
        "Jours avant la date limite de préavis",
        "Date d’expiration",
    ]
    assert lines[1][0] == "WS-FORCE"
    assert lines[1][2:] == ["2025-03-02", "46", "2025-05-31"]


# --- query counts ---------------------------------------------------------------------------

# Measured on SQLite and PostgreSQL alike for a member of a minister's office, with guardian's
# content-type cache warm. An export costs the request's own queries (session, user, two-factor
# device, permissions, session save) and the report's selectors; the HTML page adds Wagtail's
# admin furniture (profile, menu items of every registry feature: about 46 queries). None depends on the number of agreements or rows: update these figures
# only when a new admin menu item or selector step is added on purpose.
REPORT_QUERIES = {
    "workspace_due": {"": 57, "csv": 11, "xlsx": 11},
    "workspace_overdue": {"": 57, "csv": 11, "xlsx": 11},
    "workspace_expiring": {"": 56, "csv": 10, "xlsx": 10},
    "workspace_gaps": {"": 56, "csv": 10, "xlsx": 10},
    "workspace_recent_changes": {"": 57, "csv": 11, "xlsx": 11},
}


@pytest.mark.parametrize("count", [10, 200])
@pytest.mark.parametrize("export", ["", "csv", "xlsx"])
def test_each_report_costs_the_same_queries_when_agreements_grow(
    client, world, minister, count, export
):
    grow(world, count)
    client.force_login(minister)
    params = {"export": export} if export else {}
    for name in REPORT_QUERIES:
        client.get(reverse(name), params)  # warm guardian's content-type cache
    measured = {}
    for name in REPORT_QUERIES:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(name), params)
            if export:
                b"".join(response.streaming_content)
        assert response.status_code == 200
        measured[name] = len(queries)
    assert measured == {name: counts[export] for name, counts in REPORT_QUERIES.items()}, "\n".join(
        q["sql"] for q in queries.captured_queries
    )
