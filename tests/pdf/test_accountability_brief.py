"""The accountability brief of a minister's office: what its organisations (and those under
them) are accountable for, grouped by position, with due, overdue, unowned and expiring items;
and who may download it."""

import datetime

import pytest
from django.urls import reverse

from agreements.briefs import accountability_brief, can_read_accountability_brief
from agreements.pdf import render_accountability_brief_pdf
from agreements.recurrence import Recurrence
from agreements.services.parties import agreement_grants_sync
from tests.factories import (
    AgreementFactory,
    OrganizationFactory,
    PartyFactory,
    PositionFactory,
    ResponsibilityFactory,
    agreement_into_force,
    staffed_position,
)
from tests.pdf.conftest import pdf_text

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 1, 15)


@pytest.fixture
def portfolio(registrar):
    """A ministry with a branch under it, party to an agreement in force that expires in four
    months, next to an unrelated organisation that is the other party."""
    ministry = OrganizationFactory(name_en="Ministry of Service", name_fr="Ministère du Service")
    branch = OrganizationFactory(parent=ministry, name_en="Service Branch")
    other = OrganizationFactory(name_en="Unrelated Department")
    agreement = AgreementFactory(
        effective_date=datetime.date(2021, 4, 1), expiry_date=datetime.date(2025, 5, 31)
    )
    parties = {
        org: PartyFactory(
            agreement=agreement,
            organization=org,
            signatory_position=staffed_position(organization=org),
            signed_date=datetime.date(2021, 3, 15),
        )
        for org in (branch, other)
    }
    quarterly = ResponsibilityFactory(
        agreement=agreement,
        responsible_party=parties[branch],
        accountability_owner=staffed_position(organization=branch, title_en="Director, Counters"),
        recurrence=Recurrence.QUARTERLY,
        recurrence_anchor=datetime.date(2024, 6, 30),
        text_en="Report quarterly on counter wait times.",
    )
    yearly = ResponsibilityFactory(
        agreement=agreement,
        responsible_party=parties[branch],
        accountability_owner=staffed_position(organization=ministry, title_en="Deputy Minister"),
        recurrence=Recurrence.ANNUAL,
        recurrence_anchor=datetime.date(2025, 3, 31),
        text_en="Table the annual service report.",
    )
    ResponsibilityFactory(
        agreement=agreement,
        responsible_party=parties[other],
        accountability_owner=staffed_position(organization=other, title_en="Other Director"),
        text_en="Not the ministry's business.",
    )
    agreement = agreement_into_force(agreement, by=registrar)
    # After signature the branch's director leaves: the obligation has no accountable holder.
    vacated = staffed_position(organization=branch, title_en="Manager, Vacated")
    vacated.appointments.update(end_date=datetime.date(2024, 12, 31))
    ResponsibilityFactory(
        agreement=agreement,
        responsible_party=parties[branch],
        accountability_owner=vacated,
        text_en="Keep the counters open on Saturdays.",
    )
    agreement_grants_sync(agreement=agreement)
    return {
        "ministry": ministry,
        "branch": branch,
        "other": other,
        "agreement": agreement,
        "quarterly": quarterly,
        "yearly": yearly,
    }


def test_brief_groups_the_portfolio_by_position_when_built(portfolio, registrar):
    brief = accountability_brief(user=registrar, organization=portfolio["ministry"], today=TODAY)
    titles = {position["title"]["en"]: position for position in brief["positions"]}
    assert set(titles) == {"Director, Counters", "Deputy Minister", "Manager, Vacated"}
    counters = titles["Director, Counters"]["responsibilities"]
    assert [item["text"]["en"] for item in counters] == ["Report quarterly on counter wait times."]
    assert counters[0]["next_due"] == "2025-03-31"
    assert counters[0]["overdue"] == ["2024-06-30", "2024-09-30", "2024-12-31"]
    assert titles["Deputy Minister"]["responsibilities"][0]["next_due"] == "2025-03-31"
    assert {org["name"]["en"] for org in brief["scope"]} == {
        "Ministry of Service",
        "Service Branch",
    }


def test_brief_lists_overdue_expiring_and_unowned_when_built(portfolio, registrar):
    brief = accountability_brief(user=registrar, organization=portfolio["ministry"], today=TODAY)
    assert [item["due_date"] for item in brief["overdue"]] == [
        "2024-06-30",
        "2024-09-30",
        "2024-12-31",
    ]
    assert [item["reference"] for item in brief["expiring"]] == [portfolio["agreement"].reference]
    assert brief["expiring"][0]["expiry_date"] == "2025-05-31"
    unowned = [item["text"]["en"] for item in brief["unowned"]]
    assert unowned == ["Keep the counters open on Saturdays."]


def test_brief_of_a_branch_leaves_out_its_ministry_when_built(portfolio, registrar):
    brief = accountability_brief(user=registrar, organization=portfolio["branch"], today=TODAY)
    titles = {position["title"]["en"] for position in brief["positions"]}
    assert titles == {"Director, Counters", "Manager, Vacated"}


def test_brief_pdf_prints_every_position_and_item_when_rendered(portfolio, registrar):
    brief = accountability_brief(user=registrar, organization=portfolio["ministry"], today=TODAY)
    for language, heading in (
        ("en", "Accountability brief"),
        ("fr", "Note sur la responsabilisation"),
    ):
        text = " ".join(
            " ".join(pdf_text(render_accountability_brief_pdf(brief, language))).split()
        )
        assert heading in text
        for position in brief["positions"]:
            assert position["title"][language] in text
            assert position["organization"]["name"][language] in text
            for item in position["responsibilities"]:
                assert item["text"][language] in text
        assert portfolio["agreement"].reference in text
    english = " ".join(" ".join(pdf_text(render_accountability_brief_pdf(brief, "en"))).split())
    assert "3 overdue" in english
    assert "31 May 2025" in english
    assert "page 1 of" in english


def test_brief_is_built_in_bounded_queries_when_portfolio_grows(
    portfolio, registrar, django_assert_max_num_queries
):
    for _ in range(5):
        ResponsibilityFactory(
            agreement=portfolio["agreement"],
            responsible_party=portfolio["agreement"].parties.get(organization=portfolio["branch"]),
            accountability_owner=PositionFactory(organization=portfolio["branch"]),
        )
    with django_assert_max_num_queries(25):
        accountability_brief(user=registrar, organization=portfolio["ministry"], today=TODAY)


def test_ministers_office_may_read_its_portfolio_when_asked(portfolio, minister_office_of):
    office = minister_office_of(portfolio["ministry"])
    assert can_read_accountability_brief(office, portfolio["ministry"])
    assert can_read_accountability_brief(office, portfolio["branch"])
    assert not can_read_accountability_brief(office, portfolio["other"])


def test_liaison_officers_may_not_read_briefs_when_asked(portfolio, liaison_officer_of):
    officer = liaison_officer_of(portfolio["ministry"])
    assert not can_read_accountability_brief(officer, portfolio["ministry"])


@pytest.mark.parametrize(
    ("who", "organization", "status"),
    [
        ("office", "ministry", 200),
        ("office", "branch", 200),
        ("office", "other", "refused"),
        ("liaison", "ministry", "refused"),
        ("registrar", "other", 200),
    ],
)
def test_brief_download_permission_matrix_when_requested(
    client, portfolio, registrar, minister_office_of, liaison_officer_of, who, organization, status
):
    users = {
        "office": lambda: minister_office_of(portfolio["ministry"]),
        "liaison": lambda: liaison_officer_of(portfolio["ministry"]),
        "registrar": lambda: registrar,
    }
    client.force_login(users[who]())
    url = reverse("agreements_accountability_brief", args=(portfolio[organization].pk,))
    response = client.get(url, {"language": "fr"})
    if status == "refused":
        # Wagtail's admin answers PermissionDenied with a redirect to the dashboard.
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        return
    assert response.status_code == status
    assert response["Content-Type"] == "application/pdf"
    assert "private" in response["Cache-Control"]


def test_brief_download_needs_a_login_when_anonymous(client, portfolio):
    url = reverse("agreements_accountability_brief", args=(portfolio["ministry"].pk,))
    response = client.get(url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_brief_index_lists_only_the_offices_organisations_when_shown(
    client, portfolio, minister_office_of
):
    client.force_login(minister_office_of(portfolio["ministry"]))
    html = client.get(reverse("agreements_accountability_briefs")).content.decode()
    assert "Ministry of Service" in html
    assert "Service Branch" in html
    assert "Unrelated Department" not in html
