"""The personal calendar feed: what it holds for whom, stable UIDs, language, and the secret
address (made and reset from the admin, stored hashed, dead once reset or deactivated)."""

import datetime
import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from wagtail.users.models import UserProfile

from agreements.models import Party, Report
from agreements.services.parties import agreement_grants_sync
from tests.factories import (
    AgreementFactory,
    OrganizationFactory,
    PartyFactory,
    PositionFactory,
    ReportFactory,
    ResponsibilityFactory,
)
from workspace.calendar import calendar_feed, calendar_token_reset, calendar_token_user
from workspace.models import CalendarToken, calendar_token_hash

D = datetime.date
TODAY = D(2026, 6, 1)
SITE = "https://registry.example.gc.ca"
pytestmark = pytest.mark.django_db


@pytest.fixture
def world(liaison_officer_of, minister_office_of):
    """Two agreements: NB-2026-020 (Org A with Org B, quarterly report due from 31 March 2026,
    review 15 September 2026, expiry 31 December 2026 with 90 days' notice) and NB-2026-021
    (restricted, Org C with Org D, one-off due 1 July 2026)."""
    org_a, org_b, org_c, org_d = (OrganizationFactory(name_en=f"Org {x}") for x in "ABCD")
    first = AgreementFactory(
        in_force=True,
        reference="NB-2026-020",
        title_en="Counter services accord",
        title_fr="Entente sur les services au comptoir",
        next_review_date=D(2026, 9, 15),
        expiry_date=D(2026, 12, 31),
        notice_period_days=90,
    )
    party_a = PartyFactory(agreement=first, organization=org_a, role=Party.Role.LEAD)
    PartyFactory(agreement=first, organization=org_b, sort_order=1)
    quarterly = ResponsibilityFactory(
        agreement=first,
        responsible_party=party_a,
        accountability_owner=PositionFactory(organization=org_a, title_en="Director A"),
        clause="5.2",
        text_en="Report on wait times.",
        text_fr="Rendre compte des délais d’attente.",
        recurrence="quarterly",
        recurrence_anchor=D(2026, 3, 31),
    )
    second = AgreementFactory(in_force=True, restricted=True, reference="NB-2026-021")
    party_c = PartyFactory(agreement=second, organization=org_c, role=Party.Role.LEAD)
    PartyFactory(agreement=second, organization=org_d, sort_order=1)
    once = ResponsibilityFactory(
        agreement=second, responsible_party=party_c, clause="2.1", due_date=D(2026, 7, 1)
    )
    for agreement in (first, second):
        agreement_grants_sync(agreement=agreement)
    people = {
        "liaison_a": liaison_officer_of(org_a, username="liaison-a"),
        "minister_b": minister_office_of(org_b, username="minister-b"),
        "liaison_c": liaison_officer_of(org_c, username="liaison-c"),
        "outsider": liaison_officer_of(OrganizationFactory(), username="outsider"),
    }
    return {"first": first, "second": second, "quarterly": quarterly, "once": once, **people}


def _events(user, today=TODAY):
    calendar = Calendar.from_ical(calendar_feed(user=user, today=today))
    return {
        str(event["UID"]): (event.decoded("DTSTART"), str(event["SUMMARY"]))
        for event in calendar.walk("VEVENT")
    }


@override_settings(SITE_URL=SITE)
def test_feed_holds_due_review_notice_and_expiry_dates_of_visible_agreements(world):
    quarterly = world["quarterly"].pk
    host = "registry.example.gc.ca"
    # 31 March is within the last 90 days and unreported; quarterly to 31 December (expiry).
    assert _events(world["liaison_a"]) == {
        f"due-NB-2026-020-{quarterly}-20260331@{host}": (
            D(2026, 3, 31),
            "Due: NB-2026-020, clause 5.2",
        ),
        f"due-NB-2026-020-{quarterly}-20260630@{host}": (
            D(2026, 6, 30),
            "Due: NB-2026-020, clause 5.2",
        ),
        f"due-NB-2026-020-{quarterly}-20260930@{host}": (
            D(2026, 9, 30),
            "Due: NB-2026-020, clause 5.2",
        ),
        f"due-NB-2026-020-{quarterly}-20261231@{host}": (
            D(2026, 12, 31),
            "Due: NB-2026-020, clause 5.2",
        ),
        f"review-NB-2026-020-20260915@{host}": (D(2026, 9, 15), "Review: NB-2026-020"),
        f"notice-NB-2026-020-20261002@{host}": (D(2026, 10, 2), "Notice date: NB-2026-020"),
        f"expiry-NB-2026-020-20261231@{host}": (D(2026, 12, 31), "Expires: NB-2026-020"),
    }


def test_minister_office_of_a_party_sees_the_same_agreement(world):
    assert sorted(_events(world["minister_b"])) == sorted(_events(world["liaison_a"]))


def test_restricted_agreement_is_in_its_parties_feeds_only(world):
    events = _events(world["liaison_c"])
    # Its expiry (31 March 2031) is beyond the 400 days ahead.
    assert sorted(events.values()) == [(D(2026, 7, 1), "Due: NB-2026-021, clause 2.1")]
    assert _events(world["outsider"]) == {}


def test_accepted_report_removes_its_due_date_from_the_feed(world):
    ReportFactory(
        responsibility=world["quarterly"],
        due_date=D(2026, 3, 31),
        period_start=D(2026, 1, 1),
        period_end=D(2026, 3, 31),
        decision=Report.Decision.ACCEPTED,
    )
    days = sorted(day for day, summary in _events(world["liaison_a"]).values() if "5.2" in summary)
    assert days == [D(2026, 6, 30), D(2026, 9, 30), D(2026, 12, 31)]


def test_due_dates_more_than_90_days_back_are_left_out(world):
    # From 1 August 2026, 31 March is more than 90 days back: gone though not reported.
    days = sorted(
        day
        for day, summary in _events(world["liaison_a"], today=D(2026, 8, 1)).values()
        if "5.2" in summary
    )
    assert days == [D(2026, 6, 30), D(2026, 9, 30), D(2026, 12, 31)]


def test_uids_are_the_same_from_one_download_to_the_next(world):
    first = calendar_feed(user=world["liaison_a"], today=TODAY)
    second = calendar_feed(user=world["liaison_a"], today=TODAY)
    uids = re.compile(rb"^UID:(.*)$", re.MULTILINE)
    assert uids.findall(first) == uids.findall(second)
    assert len(uids.findall(first)) == 7


def test_feed_is_in_the_users_language(world):
    UserProfile.objects.create(user=world["liaison_a"], preferred_language="fr")
    calendar = Calendar.from_ical(calendar_feed(user=world["liaison_a"], today=TODAY))
    summaries = sorted({str(event["SUMMARY"]) for event in calendar.walk("VEVENT")})
    assert summaries == [
        "Date d’avis : NB-2026-020",
        "Examen : NB-2026-020",
        "Expiration : NB-2026-020",
        "Échéance : NB-2026-020, clause 5.2",
    ]
    descriptions = {str(event["DESCRIPTION"]) for event in calendar.walk("VEVENT")}
    assert "Entente sur les services au comptoir" in descriptions
    assert str(calendar["X-WR-CALNAME"]) == "Registre des ententes"


# --- The secret address ----------------------------------------------------------------------


def test_token_is_stored_hashed_and_opens_its_users_feed(world):
    token = calendar_token_reset(user=world["liaison_a"])
    stored = CalendarToken.objects.get(user=world["liaison_a"])
    assert stored.token_hash == calendar_token_hash(token)
    assert token not in stored.token_hash
    assert len(token) >= 40
    assert calendar_token_user(token) == world["liaison_a"]


def test_feed_address_answers_with_the_calendar_without_sign_in(client, world):
    token = calendar_token_reset(user=world["liaison_a"])
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "SUMMARY:Review: NB-2026-020" in body
    assert "NB-2026-021" not in body


def test_reset_makes_the_old_address_404(client, world):
    old = calendar_token_reset(user=world["liaison_a"])
    new = calendar_token_reset(user=world["liaison_a"])
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200
    assert CalendarToken.objects.filter(user=world["liaison_a"]).count() == 1


def test_deactivated_users_address_404s(client, world):
    token = calendar_token_reset(user=world["liaison_a"])
    world["liaison_a"].is_active = False
    world["liaison_a"].save()
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_unknown_token_404s(client, db):
    assert client.get("/calendar/not-a-token.ics").status_code == 404


@override_settings(SITE_URL=SITE)
def test_admin_page_makes_shows_once_and_resets_the_address(client, world):
    user = world["liaison_a"]
    client.force_login(user)
    url = reverse("workspace_calendar")
    page = client.get(url).content.decode()
    assert "You have no calendar feed address yet." in page
    made = client.post(url).content.decode()
    first = re.search(rf'value="{SITE}/calendar/([\w-]+)\.ics"', made).group(1)
    assert calendar_token_user(first) == user
    again = client.get(url).content.decode()
    assert "You have a calendar feed address, made on " in again
    assert first not in again
    second = re.search(r'/calendar/([\w-]+)\.ics"', client.post(url).content.decode()).group(1)
    assert second != first
    assert calendar_token_user(first) is None
    assert calendar_token_user(second) == user


def test_admin_page_is_listed_on_the_account_page(client, world):
    client.force_login(world["liaison_a"])
    page = client.get(reverse("wagtailadmin_account")).content.decode()
    assert f'href="{reverse("workspace_calendar")}"' in page
    assert "Calendar feed" in page


def test_admin_page_needs_sign_in(client, db):
    response = client.get(reverse("workspace_calendar"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_feed_query_count_does_not_grow_with_agreements(world, django_assert_num_queries):
    """The view reads the real date: the added agreements' dates are set from it."""
    user = world["liaison_a"]
    token = calendar_token_reset(user=user)
    url = f"/calendar/{token}.ics"
    Client().get(url)  # fills the content-type cache, as any earlier request would
    with django_assert_num_queries(FEED_QUERIES):
        before = Client().get(url).content.decode().count("BEGIN:VEVENT")
    today = timezone.localdate()
    organization = world["first"].parties.first().organization
    for number in range(10):
        agreement = AgreementFactory(
            in_force=True,
            reference=f"NB-2026-1{number:02d}",
            next_review_date=today + datetime.timedelta(days=20),
            expiry_date=D(2099, 12, 31),
        )
        party = PartyFactory(agreement=agreement, organization=organization)
        ResponsibilityFactory(
            agreement=agreement,
            responsible_party=party,
            due_date=today + datetime.timedelta(days=10),
        )
        agreement_grants_sync(agreement=agreement)
    with django_assert_num_queries(FEED_QUERIES):
        after = Client().get(url).content.decode().count("BEGIN:VEVENT")
    assert after == before + 20  # a due date and a review date each


FEED_QUERIES = 12
