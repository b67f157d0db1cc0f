"""The admin home's workspace panels: what each role sees (and that nothing outside its
permissions appears), and that each panel costs the same queries at 10 and 200 agreements."""

import datetime

import pytest
from django.urls import reverse

from agreements import selectors
from tests.factories import UserFactory
from tests.workspace.conftest import TODAY, grow
from workspace.panels import panels_for

pytestmark = pytest.mark.django_db


def contents(user):
    """Panel name → (count, [item labels]) as rendered for `user` on TODAY."""
    shown = {}
    for panel in panels_for(user, today=TODAY):
        context = panel.get_context_data({})
        shown[panel.name] = (context["count"], [item.label for item in context["items"]])
    return shown


def test_registrar_sees_every_panel_with_everything_when_home_built(world, registrar):
    shown = contents(registrar)
    assert list(shown) == [
        "awaiting-review",
        "by-state",
        "due",
        "overdue",
        "expiring",
        "gaps",
        "recent-changes",
    ]
    assert shown["awaiting-review"] == (1, ["WS-REVIEW — Data sharing agreement"])
    assert shown["by-state"] == (3, ["Under review: 1", "In force: 2"])
    assert shown["due"] == (1, ["WS-FORCE — 4.2 Table the opening report."])
    assert shown["overdue"] == (
        2,
        [
            "WS-FORCE — 4.1 Report quarterly on counter wait times.",
            "WS-FORCE — 4.1 Report quarterly on counter wait times.",
        ],
    )
    assert shown["expiring"] == (1, ["WS-FORCE — Counter services agreement"])
    assert shown["gaps"] == (
        2,
        [
            "WS-FORCE — 6.1 Keep the counters open on Saturdays.",
            "WS-FORCE — 6.2 Train counter staff every year.",
        ],
    )


def test_overdue_panel_lists_each_missed_occurrence_when_recurring(world, registrar):
    overdue = next(p for p in panels_for(registrar, today=TODAY) if p.name == "overdue")
    assert [item.day for item in overdue.items()] == [
        datetime.date(2024, 12, 31),
        datetime.date(2024, 9, 30),
    ]


def test_minister_office_sees_its_portfolio_only_when_home_built(world, minister):
    shown = contents(minister)
    assert shown["awaiting-review"] == (1, ["WS-REVIEW — Data sharing agreement"])
    assert shown["by-state"] == (2, ["Under review: 1", "In force: 1"])
    assert shown["due"][0] == 1
    assert shown["overdue"][0] == 2
    assert shown["expiring"][0] == 1
    assert shown["gaps"][0] == 2
    labels = " ".join(label for _count, labels in shown.values() for label in labels)
    assert "WS-ELSEWHERE" not in labels
    assert "WS-FORCE" in " ".join(shown["recent-changes"][1])


def test_party_liaison_sees_no_review_panel_when_home_built(world, party_liaison):
    shown = contents(party_liaison)
    assert "awaiting-review" not in shown
    assert shown["by-state"] == (2, ["Under review: 1", "In force: 1"])
    assert shown["due"] == (1, ["WS-FORCE — 4.2 Table the opening report."])
    assert shown["overdue"][0] == 2
    assert shown["gaps"][0] == 2


def test_non_party_liaison_sees_empty_panels_when_home_built(world, outsider_liaison):
    shown = contents(outsider_liaison)
    assert "awaiting-review" not in shown
    assert shown == {
        "by-state": (0, []),
        "due": (0, []),
        "overdue": (0, []),
        "expiring": (0, []),
        "gaps": (0, []),
        "recent-changes": (None, []),
    }


def test_staff_without_role_get_no_workspace_panels_when_home_built(world):
    staff = UserFactory(username="staff-no-role", is_staff=True)
    assert panels_for(staff, today=TODAY) == []


def test_accepted_report_keeps_its_due_date_off_overdue_when_counted(world, registrar):
    overdue = selectors.obligations_overdue(user=registrar, today=TODAY)
    assert [(o.responsibility.clause, o.due_date) for o in overdue] == [
        ("4.1", datetime.date(2024, 9, 30)),
        ("4.1", datetime.date(2024, 12, 31)),
    ]


def test_admin_home_shows_the_panels_with_report_links_when_minister_office_logs_in(
    client, world, minister, frozen_today
):
    client.force_login(minister)
    response = client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert response.status_code == 200
    for heading in (
        "Awaiting my review",
        "My agreements by state",
        "Obligations due in the next 30 days",
        "Overdue obligations",
        "Reaching their notice date or expiring within 180 days",
        "Accountability gaps",
        "Recent changes to my agreements",
    ):
        assert heading in html
    for name in ("workspace_due", "workspace_overdue", "workspace_gaps", "workspace_expiring"):
        assert f'href="{reverse(name)}"' in html
    assert "WS-REVIEW — Data sharing agreement" in html
    assert "1 February 2025" in html
    assert "WS-ELSEWHERE" not in html


def test_admin_home_panels_are_empty_when_non_party_liaison_logs_in(
    client, world, outsider_liaison, frozen_today
):
    client.force_login(outsider_liaison)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Overdue obligations" in html
    assert "WS-FORCE" not in html
    assert "WS-REVIEW" not in html
    assert "Awaiting my review" not in html


def test_overdue_counts_follow_a_report_through_submission_return_and_acceptance(
    world, minister, party_liaison, liaison_officer_of
):
    from agreements.services.reports import report_accept, report_return, report_submit

    branch_liaison = liaison_officer_of(world["branch"], username="branch-liaison")

    def overdue_counts():
        return [
            next(p for p in panels_for(user, today=TODAY) if p.name == "overdue").count()
            for user in (minister, branch_liaison, party_liaison)
        ]

    def submit(evidence):
        return report_submit(
            responsibility=world["quarterly"],
            by=branch_liaison,
            due_date=datetime.date(2024, 9, 30),
            status="met",
            evidence=evidence,
        )

    assert overdue_counts() == [2, 2, 2]
    report = submit("Wait times under twelve minutes.")
    assert overdue_counts() == [2, 2, 2]  # submitted, not accepted: still overdue
    report_return(report=report, by=minister, comment="Give the monthly figures.")
    assert overdue_counts() == [2, 2, 2]
    report = submit("Monthly figures: 11, 12 and 10 minutes.")
    report_accept(report=report, by=minister)
    assert overdue_counts() == [1, 1, 1]
    overdue = next(p for p in panels_for(minister, today=TODAY) if p.name == "overdue")
    assert [item.day for item in overdue.items()] == [datetime.date(2024, 12, 31)]


# --- query counts -------------------------------------------------------------------------------


# Measured on SQLite and PostgreSQL alike, for a member of a minister's office, once guardian's
# per-process content-type cache is warm. Each selector asks whether the user is a registrar (1)
# and reads the visible agreements as a subquery. Awaiting review 10: the reviews, their parties
# and approvals, without the gate steps (agreements.selectors `review_items`); by state 2 (one
# GROUP BY); due and overdue 4 (responsibilities, open amendments, reports); expiring 4 (the
# longest notice period, the candidates, the agreements); gaps 4 (unowned or vacant, then ended
# organisations); recent changes 5 (three histories and the references).
PANEL_QUERIES = {
    "awaiting-review": 10,
    "by-state": 2,
    "due": 4,
    "overdue": 4,
    "expiring": 4,
    "gaps": 4,
    "recent-changes": 5,
}


def warm_up(user):
    for panel in panels_for(user, today=TODAY):
        panel.render_html({})


@pytest.mark.parametrize("count", [10, 200])
def test_each_panel_costs_the_same_queries_when_agreements_grow(
    world, minister, count, django_assert_num_queries
):
    grow(world, count)
    warm_up(minister)
    for name, expected in PANEL_QUERIES.items():
        panel = next(p for p in panels_for(minister, today=TODAY) if p.name == name)
        with django_assert_num_queries(expected, info=name):
            html = panel.render_html({})
        assert f'id="workspace-{name}' in html
    shown = {
        panel.name: panel.get_context_data({})["count"]
        for panel in panels_for(minister, today=TODAY)
    }
    # Every panel but the latest changes (the last few, not a total) has grown with the data.
    assert shown == {
        "awaiting-review": 1 + count // 10,
        "by-state": 2 + count + count // 10,
        "due": 1 + count,
        "overdue": 2 + 4 * count,
        "expiring": 1 + count,
        "gaps": 2 + 2 * count,
        "recent-changes": None,
    }
