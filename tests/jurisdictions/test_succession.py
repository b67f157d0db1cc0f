"""Machinery of government: each kind of succession (renamed, merged into, split into,
dissolved) as recorded by the one-step service, its refusals, and dated parent changes kept for
as-of views (`parent_on`)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from agreements import permissions
from agreements.services import succession
from agreements.services.succession import organization_move, organization_succeed
from jurisdictions.machinery import (
    PARENT_CHANGE_BEFORE_LAST,
    PARENT_UNCHANGED,
    lineage_on,
    organization_parent_change,
    parent_on,
    predecessors_of,
    successors_of,
)
from jurisdictions.models import (
    DISSOLVED_HAS_NO_SUCCESSOR,
    Organization,
    OrganizationParentPeriod,
    OrganizationSuccession,
    Position,
)
from tests.factories import (
    AppointmentFactory,
    OrganizationFactory,
    PartyFactory,
    PositionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
ON = D(2025, 4, 1)
Kind = OrganizationSuccession.Kind


@pytest.fixture
def department():
    """The Department of Social Development with one staffed office."""
    organization = OrganizationFactory(
        name_en="Department of Social Development", start_date=D(2000, 1, 1)
    )
    office = PositionFactory(organization=organization, title_en="Deputy Minister")
    AppointmentFactory(position=office, start_date=D(2019, 1, 1))
    return organization


def _refresh(*objects):
    for obj in objects:
        obj.refresh_from_db()


def test_renamed_successor_takes_the_positions_when_recorded(department, registrar):
    renamed = OrganizationFactory(name_en="Department of Social Inclusion")
    office = department.positions.get()

    result = organization_succeed(
        predecessor=department, successor=renamed, kind=Kind.RENAMED, date=ON, by=registrar
    )

    _refresh(department, renamed, office)
    assert department.end_date == D(2025, 3, 31)
    assert renamed.start_date == ON
    assert office.organization == renamed
    assert office.appointments.get().start_date == D(2019, 1, 1)  # who held it is unchanged
    row = OrganizationSuccession.objects.get()
    assert (row.predecessor, row.successor, row.kind, row.date) == (
        department,
        renamed,
        "renamed",
        ON,
    )
    assert str(row) == (
        "Department of Social Development — Renamed Department of Social Inclusion (2025-04-01)"
    )
    assert (result.positions, result.parties, result.agreements) == (1, 0, 0)
    assert office.history.first().history_change_reason == (
        "inherited from Department of Social Development"
    )
    assert department.history.first().history_change_reason == "renamed"


def test_merged_into_successor_keeps_its_own_positions_when_recorded(department, registrar):
    health = OrganizationFactory(name_en="Department of Health", start_date=D(1990, 1, 1))
    minister = PositionFactory(organization=health, title_en="Minister of Health")

    organization_succeed(
        predecessor=department, successor=health, kind=Kind.MERGED_INTO, date=ON, by=registrar
    )

    assert sorted(
        Position.objects.filter(organization=health).values_list("title_en", flat=True)
    ) == [
        "Deputy Minister",
        "Minister of Health",
    ]
    minister.refresh_from_db()
    health.refresh_from_db()
    assert health.start_date == D(1990, 1, 1)  # a merger does not restart the successor
    assert [(s.kind, s.successor) for s in successors_of(department)] == [("merged_into", health)]
    assert [s.predecessor for s in predecessors_of(health)] == [department]


def test_split_into_links_every_successor_and_moves_to_the_first_when_recorded(
    department, registrar
):
    children = OrganizationFactory(name_en="Department of Children and Families")
    housing = OrganizationFactory(name_en="Housing Agency")

    organization_succeed(
        predecessor=department,
        successor=children,
        other_successors=[housing],
        kind=Kind.SPLIT_INTO,
        date=ON,
        by=registrar,
    )

    assert [(s.kind, s.successor.name_en) for s in successors_of(department)] == [
        ("split_into", "Department of Children and Families"),
        ("split_into", "Housing Agency"),
    ]
    assert department.positions.count() == 0
    assert list(children.positions.values_list("title_en", flat=True)) == ["Deputy Minister"]
    assert housing.positions.count() == 0


def test_dissolved_ends_the_organisation_and_moves_nothing_when_recorded(department, registrar):
    result = organization_succeed(
        predecessor=department, kind=Kind.DISSOLVED, date=ON, by=registrar
    )

    department.refresh_from_db()
    assert department.end_date == D(2025, 3, 31)
    assert department.ended_on(ON) is True
    assert department.ended_on(D(2025, 3, 31)) is False
    row = OrganizationSuccession.objects.get()
    assert (row.kind, row.successor) == ("dissolved", None)
    assert str(row) == "Department of Social Development — Dissolved (2025-04-01)"
    assert list(department.positions.values_list("title_en", flat=True)) == ["Deputy Minister"]
    assert result.positions == 0


@pytest.mark.parametrize(
    ("kind", "successors", "message"),
    [
        ("dissolved", 1, succession.DISSOLVED_NO_SUCCESSOR),
        ("renamed", 0, succession.SUCCESSOR_NEEDED),
        ("merged_into", 0, succession.SUCCESSOR_NEEDED),
        ("renamed", 2, succession.ONE_SUCCESSOR),
        ("split_into", 1, succession.SPLIT_NEEDS_TWO),
    ],
)
def test_succession_refused_when_successors_do_not_fit_the_kind(
    department, registrar, kind, successors, message
):
    others = [OrganizationFactory() for _ in range(successors)]
    with pytest.raises(ValidationError) as error:
        organization_succeed(
            predecessor=department,
            successor=others[0] if others else None,
            other_successors=others[1:],
            kind=kind,
            date=ON,
            by=registrar,
        )
    assert error.value.messages == [str(message)]
    department.refresh_from_db()
    assert department.end_date is None
    assert not OrganizationSuccession.objects.exists()


def test_succession_refused_when_the_organisation_already_ended(department, registrar):
    organization_succeed(predecessor=department, kind=Kind.DISSOLVED, date=ON, by=registrar)
    with pytest.raises(ValidationError) as error:
        organization_succeed(
            predecessor=department,
            successor=OrganizationFactory(),
            kind=Kind.RENAMED,
            date=D(2026, 1, 1),
            by=registrar,
        )
    assert error.value.messages == [
        "Department of Social Development already ended on 2025-03-31; it cannot be succeeded "
        "again."
    ]


def test_succession_refused_when_the_successor_has_a_position_of_the_same_title(
    department, registrar
):
    health = OrganizationFactory(name_en="Department of Health")
    PositionFactory(organization=health, title_en="Deputy Minister")
    with pytest.raises(ValidationError) as error:
        organization_succeed(
            predecessor=department, successor=health, kind=Kind.MERGED_INTO, date=ON, by=registrar
        )
    assert error.value.messages == [
        "Department of Health already has positions with these titles: “Deputy Minister”. "
        "Rename one of each pair before recording the succession."
    ]
    # One transaction: nothing was recorded.
    department.refresh_from_db()
    assert department.end_date is None
    assert not OrganizationSuccession.objects.exists()


def test_succession_refused_when_not_a_registrar(department, liaison_officer_of):
    officer = liaison_officer_of(department, is_staff=True)
    with pytest.raises(PermissionDenied):
        organization_succeed(predecessor=department, kind=Kind.DISSOLVED, date=ON, by=officer)
    department.refresh_from_db()
    assert department.end_date is None


def test_succession_model_refuses_a_successor_for_a_dissolution(department):
    row = OrganizationSuccession(
        predecessor=department, successor=OrganizationFactory(), kind=Kind.DISSOLVED, date=ON
    )
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert error.value.message_dict["successor"] == [str(DISSOLVED_HAS_NO_SUCCESSOR)]
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_organisation_end_before_start_refused_when_cleaned():
    organization = OrganizationFactory.build(
        jurisdiction=OrganizationFactory().jurisdiction,
        start_date=D(2020, 1, 1),
        end_date=D(2019, 12, 31),
    )
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert error.value.message_dict["end_date"] == [
        "An organisation cannot end before it was established."
    ]


# --- dated parent changes ----------------------------------------------------------------------


@pytest.fixture
def agency():
    """An agency under the Department of Finance since 2010."""
    finance = OrganizationFactory(name_en="Department of Finance")
    return OrganizationFactory(name_en="Service Agency", parent=finance, start_date=D(2010, 1, 1))


def test_parent_on_gives_the_past_parent_when_the_agency_moved(agency, registrar):
    finance = agency.parent
    treasury = OrganizationFactory(name_en="Treasury Board")
    executive = OrganizationFactory(name_en="Executive Council")

    organization_parent_change(organization=agency, parent=treasury, on=D(2020, 4, 1), by=registrar)
    organization_parent_change(
        organization=agency, parent=executive, on=D(2023, 1, 1), by=registrar
    )

    agency.refresh_from_db()
    assert agency.parent == executive
    assert parent_on(agency, D(2015, 6, 1)) == finance
    assert parent_on(agency, D(2020, 3, 31)) == finance
    assert parent_on(agency, D(2020, 4, 1)) == treasury
    assert parent_on(agency, D(2022, 12, 31)) == treasury
    assert parent_on(agency, D(2023, 1, 1)) == executive
    assert [
        (p.parent.name_en, p.start_date, p.end_date)
        for p in OrganizationParentPeriod.objects.filter(organization=agency).order_by("end_date")
    ] == [
        ("Department of Finance", D(2010, 1, 1), D(2020, 3, 31)),
        ("Treasury Board", D(2020, 4, 1), D(2022, 12, 31)),
    ]
    assert [o.name_en for o in lineage_on(agency, D(2015, 6, 1))] == [
        "Service Agency",
        "Department of Finance",
    ]


def test_parent_change_refused_when_not_after_the_last_change(agency, registrar):
    treasury = OrganizationFactory(name_en="Treasury Board")
    organization_parent_change(organization=agency, parent=treasury, on=D(2020, 4, 1), by=registrar)
    with pytest.raises(ValidationError) as error:
        organization_parent_change(
            organization=agency, parent=agency.parent, on=D(2020, 4, 1), by=registrar
        )
    assert error.value.messages == [
        str(PARENT_CHANGE_BEFORE_LAST).format(organization="Service Agency", date="2020-04-01")
    ]
    with pytest.raises(ValidationError) as error:
        organization_parent_change(
            organization=agency, parent=treasury, on=D(2021, 1, 1), by=registrar
        )
    assert error.value.messages == [str(PARENT_UNCHANGED).format(organization="Service Agency")]


def test_move_regrants_the_new_portfolio_when_an_agency_changes_department(
    agency, registrar, minister_office_of
):
    finance = agency.parent
    treasury = OrganizationFactory(name_en="Treasury Board")
    party = PartyFactory(organization=agency)
    from agreements.services.parties import agreement_grants_sync

    agreement_grants_sync(agreement=party.agreement)
    finance_office = minister_office_of(finance, is_staff=True)
    treasury_office = minister_office_of(treasury, is_staff=True)
    assert permissions.user_can(finance_office, "view", party.agreement)
    assert not permissions.user_can(treasury_office, "view", party.agreement)

    organization_move(organization=agency, parent=treasury, on=D(2024, 4, 1), by=registrar)

    assert not permissions.user_can(finance_office, "view", party.agreement)
    assert permissions.user_can(treasury_office, "view", party.agreement)


def test_move_refused_when_not_a_registrar(agency):
    with pytest.raises(PermissionDenied):
        organization_move(
            organization=agency, parent=None, on=D(2024, 4, 1), by=UserFactory(is_staff=True)
        )
    agency.refresh_from_db()
    assert agency.parent is not None


def test_sub_units_follow_the_successor_and_keep_their_past_parent_when_merged(
    department, registrar
):
    unit = OrganizationFactory(name_en="Income Support Branch", parent=department)
    health = OrganizationFactory(name_en="Department of Health")

    result = organization_succeed(
        predecessor=department, successor=health, kind=Kind.MERGED_INTO, date=ON, by=registrar
    )

    unit.refresh_from_db()
    assert unit.parent == health
    assert parent_on(unit, D(2025, 3, 31)) == department
    assert parent_on(unit, ON) == health
    assert result.sub_units == 1
    assert Organization.objects.get(pk=department.pk).children.count() == 0


# --- the registrar's admin ---------------------------------------------------------------------


def test_record_succession_moves_in_one_step_when_a_registrar_posts(registrar_client, department):
    successor = OrganizationFactory(name_en="Department of Social Inclusion")
    url = reverse("organisation_succession", args=(department.pk,))
    assert "Record succession" in registrar_client.get(url).content.decode()

    response = registrar_client.post(
        url, {"kind": "renamed", "date": "2025-04-01", "successor": successor.pk}, follow=True
    )

    department.refresh_from_db()
    assert department.end_date == D(2025, 3, 31)
    assert list(successor.positions.values_list("title_en", flat=True)) == ["Deputy Minister"]
    assert (
        "Department of Social Development: Renamed recorded. Moved 1 positions, 0 parties in 0 "
        "open agreements, 0 obligations and 0 financial commitments."
    ) in response.content.decode()


def test_record_succession_shows_the_refusal_when_the_kind_needs_a_successor(
    registrar_client, department
):
    url = reverse("organisation_succession", args=(department.pk,))
    response = registrar_client.post(url, {"kind": "merged_into", "date": "2025-04-01"})
    assert response.status_code == 200
    assert str(succession.SUCCESSOR_NEEDED) in response.content.decode()
    department.refresh_from_db()
    assert department.end_date is None


def test_record_succession_refused_when_not_a_registrar(client, department, liaison_officer_of):
    client.force_login(liaison_officer_of(department, is_staff=True))
    url = reverse("organisation_succession", args=(department.pk,))
    response = client.post(url, {"kind": "dissolved", "date": "2025-04-01"})
    assert response.status_code == 302
    department.refresh_from_db()
    assert department.end_date is None


def test_organisation_edit_page_links_to_record_succession_when_opened(
    registrar_client, department
):
    body = registrar_client.get(reverse("organisations:edit", args=(department.pk,))).content
    assert reverse("organisation_succession", args=(department.pk,)).encode() in body


def test_successions_listed_for_registrars_when_recorded(registrar_client, department, registrar):
    organization_succeed(predecessor=department, kind=Kind.DISSOLVED, date=ON, by=registrar)
    body = registrar_client.get(reverse("organisation_successions:index")).content.decode()
    assert "Department of Social Development" in body
    assert "Dissolved" in body
