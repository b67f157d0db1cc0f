"""The registrar's "Move to another parent" screen: an agency moves between departments on a
date, the former parent's period is kept, and the page answers "whom did it report to on day D"
before and after the move. Others are refused; a refused move changes nothing and keeps what was
typed."""

import datetime

import pytest
from django.urls import reverse

from jurisdictions.machinery import PARENT_CHANGE_BEFORE_LAST, PARENT_UNCHANGED, parent_on
from jurisdictions.models import Organization, OrganizationParentPeriod
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def agency():
    """Service New Brunswick under the Department of Finance since 2015."""
    finance = OrganizationFactory(name_en="Department of Finance")
    return OrganizationFactory(
        name_en="Service New Brunswick",
        parent=finance,
        jurisdiction=finance.jurisdiction,
        start_date=D(2015, 1, 1),
    )


@pytest.fixture
def treasury(agency):
    return OrganizationFactory(name_en="Treasury Board", jurisdiction=agency.jurisdiction)


def _url(organization) -> str:
    return reverse("organisation_move", args=(organization.pk,))


def _structure_on(client, organization, day: str) -> str:
    html = client.get(_url(organization), {"on": day}).content.decode()
    return " ".join(html.split('id="structure-on">')[1].split("</p>")[0].split())


def test_registrar_moves_the_agency_and_the_past_structure_stays(
    registrar_client, agency, treasury
):
    finance = agency.parent

    response = registrar_client.post(
        _url(agency), {"parent": treasury.pk, "date": "2024-04-01"}, follow=True
    )

    assert "Service New Brunswick reports to Treasury Board from 2024-04-01." in (
        response.content.decode()
    )
    agency.refresh_from_db()
    assert agency.parent == treasury
    period = OrganizationParentPeriod.objects.get(organization=agency)
    assert (period.parent, period.start_date, period.end_date) == (
        finance,
        D(2015, 1, 1),
        D(2024, 3, 31),
    )
    assert parent_on(agency, D(2024, 3, 31)) == finance
    assert parent_on(agency, D(2024, 4, 1)) == treasury
    history = agency.history.order_by("-history_date").first()
    assert (history.parent_id, history.history_change_reason) == (treasury.pk, "parent changed")


def test_as_of_view_shows_the_parent_before_and_after_the_move(registrar_client, agency, treasury):
    registrar_client.post(_url(agency), {"parent": treasury.pk, "date": "2024-04-01"})

    before = _structure_on(registrar_client, agency, "2024-03-31")
    after = _structure_on(registrar_client, agency, "2024-04-01")

    assert before == "On 31 March 2024, Service New Brunswick reported to: Department of Finance"
    assert after == "On 1 April 2024, Service New Brunswick reported to: Treasury Board"
    page = registrar_client.get(_url(agency)).content.decode()
    assert "Department of Finance</td>" in page  # listed among the former parents
    assert "31 March 2024</td>" in page


def test_as_of_view_follows_the_parents_own_moves(registrar_client, agency, treasury, registrar):
    executive = OrganizationFactory(name_en="Executive Council", jurisdiction=treasury.jurisdiction)
    registrar_client.post(_url(agency), {"parent": treasury.pk, "date": "2024-04-01"})
    registrar_client.post(_url(treasury), {"parent": executive.pk, "date": "2025-01-01"})

    assert _structure_on(registrar_client, agency, "2024-06-01") == (
        "On 1 June 2024, Service New Brunswick reported to: Treasury Board"
    )
    assert _structure_on(registrar_client, agency, "2025-06-01") == (
        "On 1 June 2025, Service New Brunswick reported to: Treasury Board › Executive Council"
    )


def test_move_to_the_same_parent_is_refused_with_the_typed_date(registrar_client, agency):
    response = registrar_client.post(
        _url(agency), {"parent": agency.parent_id, "date": "2024-04-01"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert str(PARENT_UNCHANGED.format(organization=agency)) in html
    assert 'value="2024-04-01"' in html
    assert not OrganizationParentPeriod.objects.exists()


def test_move_dated_before_the_last_move_is_refused(registrar_client, agency, treasury):
    registrar_client.post(_url(agency), {"parent": treasury.pk, "date": "2024-04-01"})
    other = OrganizationFactory(name_en="Department of Health", jurisdiction=agency.jurisdiction)

    response = registrar_client.post(_url(agency), {"parent": other.pk, "date": "2024-03-01"})

    assert response.status_code == 200
    expected = PARENT_CHANGE_BEFORE_LAST.format(organization=agency, date="2024-04-01")
    assert str(expected) in response.content.decode()
    assert Organization.objects.get(pk=agency.pk).parent == treasury
    assert OrganizationParentPeriod.objects.count() == 1


def test_move_without_a_date_is_refused(registrar_client, agency, treasury):
    response = registrar_client.post(_url(agency), {"parent": treasury.pk})
    assert response.status_code == 200
    assert response.context["form"].errors == {"date": ["This field is required."]}
    assert Organization.objects.get(pk=agency.pk).parent == agency.parent


def test_move_refused_when_not_a_registrar(client, agency, treasury, liaison_officer_of):
    client.force_login(liaison_officer_of(agency, is_staff=True))

    shown = client.get(_url(agency))
    response = client.post(_url(agency), {"parent": treasury.pk, "date": "2024-04-01"})

    # Wagtail answers a PermissionDenied in the admin by sending the user to the dashboard.
    assert (shown.status_code, shown.url) == (302, reverse("wagtailadmin_home"))
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    assert Organization.objects.get(pk=agency.pk).parent == agency.parent
    assert not OrganizationParentPeriod.objects.exists()


def test_organisation_edit_page_links_to_the_move(registrar_client, agency):
    body = registrar_client.get(reverse("organisations:edit", args=(agency.pk,))).content
    assert _url(agency).encode() in body
