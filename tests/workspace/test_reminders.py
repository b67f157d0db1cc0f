"""Reminders: 30, 7 and 1 days before a due date, weekly while overdue, before a notice date; to
the liaison officers concerned only; in their language; never twice (frozen clock: `today=`)."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from wagtail.users.models import UserProfile

from agreements.models import Agreement, Party, Report
from agreements.recurrence import Recurrence
from agreements.services.parties import agreement_grants_sync
from tests.factories import (
    AgreementFactory,
    OrganizationFactory,
    PartyFactory,
    PositionFactory,
    ReportFactory,
    ResponsibilityFactory,
)
from workspace.models import SentReminder
from workspace.reminders import reminders_send, send_reminders, stage, week_start

D = datetime.date
SITE = "https://registry.example.gc.ca"


@pytest.fixture
def world(liaison_officer_of, minister_office_of):
    """NB-2026-010 in force between Org A (lead) and Org B. Clause 4.1 (one-off, due 30 June
    2026) is Org A's, with an accountable position in Org B. Staff of both, and outsiders."""
    agreement = AgreementFactory(
        in_force=True, reference="NB-2026-010", title_en="Counter services accord"
    )
    org_a = OrganizationFactory(name_en="Org A")
    org_b = OrganizationFactory(name_en="Org B")
    party_a = PartyFactory(agreement=agreement, organization=org_a, role=Party.Role.LEAD)
    PartyFactory(agreement=agreement, organization=org_b, sort_order=1)
    item = ResponsibilityFactory(
        agreement=agreement,
        responsible_party=party_a,
        accountability_owner=PositionFactory(organization=org_b, title_en="Director, Service B"),
        clause="4.1",
        text_en="Publish the annual service report.",
        due_date=D(2026, 6, 30),
    )
    agreement_grants_sync(agreement=agreement)
    outsider = OrganizationFactory(name_en="Outsider")
    people = {
        "liaison_a": liaison_officer_of(org_a, username="liaison-a"),
        "liaison_b": liaison_officer_of(org_b, username="liaison-b"),
        "minister_a": minister_office_of(org_a, username="minister-a"),
        "outsider": liaison_officer_of(outsider, username="outsider"),
    }
    return agreement, item, people


def _recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def _run(day):
    mail.outbox.clear()
    return reminders_send(today=day)


def test_stages_and_weeks_are_as_documented():
    assert [stage(days) for days in (31, 30, 8, 7, 2, 1, 0, -1)] == [
        None,
        30,
        30,
        7,
        7,
        1,
        1,
        None,
    ]
    assert week_start(D(2026, 7, 1)) == D(2026, 6, 29)  # a Wednesday → its Monday
    assert week_start(D(2026, 7, 6)) == D(2026, 7, 6)


@override_settings(SITE_URL=SITE)
def test_schedule_is_30_7_1_days_then_weekly_while_overdue(world):
    agreement, item, _people = world
    expected = ["liaison-a@example.gc.ca", "liaison-b@example.gc.ca"]
    sent_on = {}
    for day in [D(2026, 5, 30)] + [D(2026, 5, 31) + datetime.timedelta(days=n) for n in range(45)]:
        _run(day)
        if mail.outbox:
            assert _recipients() == expected, day
            sent_on[day] = f"{mail.outbox[0].subject}\n{mail.outbox[0].body}"
    # 30, 7 and 1 days ahead; then the first overdue day (Wednesday 1 July) and each Monday.
    assert list(sent_on) == [
        D(2026, 5, 31),
        D(2026, 6, 23),
        D(2026, 6, 29),
        D(2026, 7, 1),
        D(2026, 7, 6),
        D(2026, 7, 13),
    ]
    assert "Due on 30 June 2026 (in 30 days)." in sent_on[D(2026, 5, 31)]
    assert "Due on 30 June 2026 (in 7 days)." in sent_on[D(2026, 6, 23)]
    assert "Due on 30 June 2026 (in 1 day)." in sent_on[D(2026, 6, 29)]
    assert (
        "Was due on 30 June 2026 (13 days ago), and no report has been accepted."
        in sent_on[D(2026, 7, 13)]
    )
    body = sent_on[D(2026, 5, 31)]
    assert "- NB-2026-010, clause 4.1: Publish the annual service report." in body
    assert "Accountable: Director, Service B." in body
    assert f"{SITE}/admin/agreements/inspect/{agreement.pk}/" in body
    assert sent_on[D(2026, 7, 13)].startswith("Agreement registry: 1 reminder for 13 July 2026\n")


def test_running_twice_the_same_day_sends_nothing_twice(world):
    first = _run(D(2026, 6, 23))
    assert (first.messages, first.reminders) == (2, 2)
    assert len(mail.outbox) == 2
    second = _run(D(2026, 6, 23))
    assert (second.messages, second.reminders) == (0, 0)
    assert mail.outbox == []
    assert sorted(
        SentReminder.objects.values_list("recipient__username", "kind", "occurrence_date")
    ) == [
        ("liaison-a", "due_7", D(2026, 6, 30)),
        ("liaison-b", "due_7", D(2026, 6, 30)),
    ]


def test_a_missed_day_is_caught_up_once(world):
    # The job did not run 30 days ahead: the 30-day stage goes out 25 days ahead, once.
    _run(D(2026, 6, 5))
    assert "Due on 30 June 2026 (in 25 days)." in mail.outbox[0].body
    _run(D(2026, 6, 6))
    assert mail.outbox == []


def test_an_accepted_report_stops_the_overdue_reminders_and_a_pending_one_does_not(world):
    _agreement, item, people = world
    report = ReportFactory(
        responsibility=item,
        due_date=D(2026, 6, 30),
        period_start=D(2025, 7, 1),
        period_end=D(2026, 6, 30),
        submitted_by=people["liaison_a"],
    )
    _run(D(2026, 7, 6))
    assert _recipients() == ["liaison-a@example.gc.ca", "liaison-b@example.gc.ca"]
    report.decision = Report.Decision.ACCEPTED
    report.save()
    _run(D(2026, 7, 13))
    assert mail.outbox == []


def test_recurring_obligation_is_reminded_for_each_occurrence(world):
    agreement, item, _people = world
    item.due_date = None
    item.recurrence = Recurrence.QUARTERLY
    item.recurrence_anchor = D(2026, 3, 31)
    item.save()
    _run(D(2026, 6, 29))  # 30 June: 1 day ahead
    assert "Due on 30 June 2026 (in 1 day)." in mail.outbox[0].body
    _run(D(2026, 8, 31))  # 30 September: 30 days ahead; 30 June overdue (Monday)
    body = mail.outbox[0].body
    assert "Due on 30 September 2026 (in 30 days)." in body
    assert "Was due on 30 June 2026 (62 days ago), and no report has been accepted." in body
    assert body.index("Obligations falling due") < body.index("Overdue: no report accepted yet")


def test_nobody_outside_the_agreement_is_reminded(world, liaison_officer_of):
    agreement, item, people = world
    # Accountable position in an organisation that is not a party: its liaison officers may not
    # see the agreement, so they are not told.
    elsewhere = OrganizationFactory(name_en="Not a party")
    liaison_officer_of(elsewhere, username="not-a-party")
    item.accountability_owner = PositionFactory(organization=elsewhere)
    item.save()
    _run(D(2026, 6, 23))
    assert _recipients() == ["liaison-a@example.gc.ca"]


def test_restricted_agreement_is_reminded_to_its_parties_only(world):
    agreement, _item, _people = world
    agreement.visibility = Agreement.Visibility.RESTRICTED
    agreement.save()
    _run(D(2026, 6, 23))
    assert _recipients() == ["liaison-a@example.gc.ca", "liaison-b@example.gc.ca"]


def test_notice_date_is_reminded_to_every_partys_liaison_officers(world):
    agreement, item, _people = world
    item.status = "ended"
    item.save()
    agreement.expiry_date = D(2026, 12, 31)
    agreement.notice_period_days = 90  # notice date: 2 October 2026
    agreement.save()
    _run(D(2026, 9, 2))
    assert _recipients() == ["liaison-a@example.gc.ca", "liaison-b@example.gc.ca"]
    assert (
        "- NB-2026-010 “Counter services accord”\n"
        "  Last day to give notice not to renew: 2 October 2026 (in 30 days); it expires on "
        "31 December 2026."
    ) in mail.outbox[0].body
    assert "Notice dates coming" in mail.outbox[0].body
    _run(D(2026, 9, 3))
    assert mail.outbox == []
    _run(D(2026, 9, 25))
    assert "(in 7 days)" in mail.outbox[0].body


def test_reminder_is_in_the_recipients_language(world):
    agreement, _item, people = world
    UserProfile.objects.create(user=people["liaison_b"], preferred_language="fr")
    _run(D(2026, 6, 23))
    french = next(m for m in mail.outbox if m.to == ["liaison-b@example.gc.ca"])
    assert french.subject == "Registre des ententes : 1 rappel pour le 23 juin 2026"
    assert "Échéance le 30 juin 2026 (dans 7 jours)." in french.body
    assert "Obligations arrivant à échéance" in french.body
    english = next(m for m in mail.outbox if m.to == ["liaison-a@example.gc.ca"])
    assert english.subject == "Agreement registry: 1 reminder for 23 June 2026"


def test_command_and_task_send_and_report(world):
    out = StringIO()
    call_command("send_reminders", "--today", "2026-06-23", stdout=out)
    assert out.getvalue() == "Reminders: 2 reminder(s) sent in 2 message(s).\n"
    result = send_reminders.enqueue(today="2026-06-29")
    assert result.return_value == {"messages": 2, "reminders": 2, "failed": 0}


def test_inactive_liaison_officer_gets_nothing(world):
    _agreement, _item, people = world
    people["liaison_b"].is_active = False
    people["liaison_b"].save()
    _run(D(2026, 6, 23))
    assert _recipients() == ["liaison-a@example.gc.ca"]


def test_run_daily_sends_the_reminders_after_its_other_jobs(world):
    out = StringIO()
    call_command("run_daily", "--today", "2026-06-23", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Expiry: 0 agreement(s) expired, 0 could not be."
    assert lines[-1] == "Reminders: 2 reminder(s) sent in 2 message(s)."
    assert _recipients() == ["liaison-a@example.gc.ca", "liaison-b@example.gc.ca"]
    mail.outbox.clear()
    call_command("run_daily", "--today", "2026-06-23", stdout=StringIO())
    assert mail.outbox == []
