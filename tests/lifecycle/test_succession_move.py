"""The one-step move of a succession (agreements.services.succession.organization_succeed): the
predecessor's parties in open agreements, their obligations and financial commitments go to the
successor, recorded in history as "inherited from …", with permission grants re-synced; signed
versions and ended agreements are left as they were; obligations left with a dissolved
organisation are flagged to staff and on the public page."""

import datetime

import pytest

from agreements import permissions
from agreements.models import Agreement, AgreementVersion, Party, Responsibility
from agreements.selectors import responsibilities_owned_by_dissolved
from agreements.services.parties import agreement_grants_sync
from agreements.services.succession import organization_succeed
from jurisdictions.models import OrganizationSuccession
from tests.factories import (
    FinancialCommitmentFactory,
    OrganizationFactory,
    PartyFactory,
    ResponsibilityFactory,
    agreement_into_force,
    agreement_ready,
    staffed_position,
)

pytestmark = pytest.mark.django_db

D = datetime.date
ON = D(2025, 4, 1)
Kind = OrganizationSuccession.Kind
INHERITED = "inherited from Department of Social Development"
SUMMARY_FR = "Prestation de services au comptoir pour le compte du ministère."


@pytest.fixture
def signed(registrar):
    """An agreement in force (version 1) whose first party is the Department of Social
    Development, responsible for two obligations owned by its offices."""
    agreement = agreement_ready(responsibilities=4, summary_fr=SUMMARY_FR)
    first = agreement.parties.order_by("sort_order").first()
    first.organization.name_en = "Department of Social Development"
    first.organization.save()
    agreement = agreement_into_force(agreement, by=registrar)
    agreement_grants_sync(agreement=agreement)
    return agreement


def _first_party(agreement) -> Party:
    return agreement.parties.order_by("sort_order").first()


def test_parties_and_obligations_move_to_the_successor_when_renamed(signed, registrar):
    party = _first_party(signed)
    department = party.organization
    successor = OrganizationFactory(name_en="Department of Social Inclusion")
    owned = list(Responsibility.objects.filter(responsible_party=party).order_by("pk"))

    result = organization_succeed(
        predecessor=department, successor=successor, kind=Kind.RENAMED, date=ON, by=registrar
    )

    party.refresh_from_db()
    assert party.organization == successor
    assert party.history.first().history_change_reason == INHERITED
    for item in owned:
        item.refresh_from_db()
        assert item.responsible_party == party
        assert item.accountability_owner.organization == successor
    assert party.signatory_position.organization == successor
    assert (result.parties, result.responsibilities, result.agreements) == (1, 2, 1)


def test_signed_versions_keep_the_old_names_when_the_party_moves(signed, registrar):
    version = signed.versions.get()
    before = (version.snapshot, version.snapshot_sha256)
    department = _first_party(signed).organization

    organization_succeed(
        predecessor=department,
        successor=OrganizationFactory(name_en="Department of Social Inclusion"),
        kind=Kind.RENAMED,
        date=ON,
        by=registrar,
    )

    version = AgreementVersion.objects.get(pk=version.pk)
    assert (version.snapshot, version.snapshot_sha256) == before
    assert version.snapshot["parties"][0]["organization"]["name"]["en"] == (
        "Department of Social Development"
    )
    assert signed.versions.count() == 1


def test_grants_follow_the_successor_when_the_party_moves(signed, registrar, liaison_officer_of):
    department = _first_party(signed).organization
    successor = OrganizationFactory(name_en="Department of Social Inclusion")
    old_staff = liaison_officer_of(department, is_staff=True)
    new_staff = liaison_officer_of(successor, is_staff=True)
    assert permissions.user_can(old_staff, "view", signed)
    assert not permissions.user_can(new_staff, "view", signed)

    organization_succeed(
        predecessor=department, successor=successor, kind=Kind.RENAMED, date=ON, by=registrar
    )

    assert permissions.user_can(new_staff, "view", signed)
    assert not permissions.user_can(old_staff, "view", signed)


def test_ended_agreements_keep_the_predecessor_when_it_is_succeeded(signed, registrar):
    Agreement.objects.filter(pk=signed.pk).update(state=Agreement.State.EXPIRED)
    party = _first_party(signed)
    department = party.organization

    result = organization_succeed(
        predecessor=department,
        successor=OrganizationFactory(),
        kind=Kind.RENAMED,
        date=ON,
        by=registrar,
    )

    party.refresh_from_db()
    assert party.organization == department
    assert result.agreements == 0


def test_obligations_join_the_successors_party_when_it_already_is_a_party(registrar):
    draft = agreement_ready(parties=2, responsibilities=2)
    predecessor_party, successor_party = draft.parties.order_by("sort_order")
    predecessor = predecessor_party.organization
    predecessor.name_en = "Department of Social Development"
    predecessor.save()
    moved = Responsibility.objects.get(responsible_party=predecessor_party)

    organization_succeed(
        predecessor=predecessor,
        successor=successor_party.organization,
        kind=Kind.MERGED_INTO,
        date=ON,
        by=registrar,
    )

    moved.refresh_from_db()
    assert moved.responsible_party == successor_party
    assert moved.history.first().history_change_reason == INHERITED
    # Never signed: the predecessor's party leaves the agreement.
    assert list(draft.parties.values_list("organization_id", flat=True)) == [
        successor_party.organization_id
    ]


def test_signed_party_stays_without_obligations_when_merged_into_another_party(signed, registrar):
    predecessor_party, successor_party = signed.parties.order_by("sort_order")

    organization_succeed(
        predecessor=predecessor_party.organization,
        successor=successor_party.organization,
        kind=Kind.MERGED_INTO,
        date=ON,
        by=registrar,
    )

    assert signed.parties.count() == 2
    assert not Responsibility.objects.filter(responsible_party=predecessor_party).exists()
    assert Responsibility.objects.filter(responsible_party=successor_party).count() == 4


def test_financial_commitments_move_to_the_successor_when_renamed(registrar):
    draft = agreement_ready(parties=2, responsibilities=0)
    funder, recipient = (p.organization for p in draft.parties.order_by("sort_order"))
    funder.name_en = "Department of Social Development"
    funder.save()
    commitment = FinancialCommitmentFactory(agreement=draft, funder=funder, recipient=recipient)
    successor = OrganizationFactory()

    result = organization_succeed(
        predecessor=funder, successor=successor, kind=Kind.RENAMED, date=ON, by=registrar
    )

    commitment.refresh_from_db()
    assert (commitment.funder, commitment.recipient) == (successor, recipient)
    assert commitment.history.first().history_change_reason == INHERITED
    assert result.commitments == 1


# --- obligations left with a dissolved organisation ----------------------------------------------


def test_dissolved_owner_listed_for_staff_who_see_the_agreement(
    signed, registrar, liaison_officer_of
):
    department = _first_party(signed).organization
    outsider = liaison_officer_of(OrganizationFactory(), is_staff=True)

    organization_succeed(predecessor=department, kind=Kind.DISSOLVED, date=ON, by=registrar)

    listed = responsibilities_owned_by_dissolved(user=registrar, on=D(2025, 5, 1))
    assert sorted(r.pk for r in listed) == sorted(
        Responsibility.objects.filter(responsible_party__organization=department).values_list(
            "pk", flat=True
        )
    )
    assert len(listed) == 2
    assert list(responsibilities_owned_by_dissolved(user=outsider, on=D(2025, 5, 1))) == []
    # The day before it ended, nothing was yet owned by an ended organisation.
    assert list(responsibilities_owned_by_dissolved(user=registrar, on=D(2025, 3, 31))) == []


def test_renamed_owner_not_listed_when_its_positions_moved(signed, registrar):
    organization_succeed(
        predecessor=_first_party(signed).organization,
        successor=OrganizationFactory(),
        kind=Kind.RENAMED,
        date=ON,
        by=registrar,
    )
    assert list(responsibilities_owned_by_dissolved(user=registrar, on=D(2025, 5, 1))) == []


def test_public_page_flags_obligations_of_a_dissolved_organisation(client, signed, registrar):
    department = _first_party(signed).organization
    organization_succeed(predecessor=department, kind=Kind.DISSOLVED, date=ON, by=registrar)

    body = client.get(f"/en/agreements/{signed.reference}/").content.decode()

    flags = body.count('data-flag="organisation-ended"')
    assert flags == 2
    assert "This organisation ended on 31 March 2025: the obligation has no successor yet." in body


def test_public_page_has_no_flag_when_the_positions_moved(client, signed, registrar):
    organization_succeed(
        predecessor=_first_party(signed).organization,
        successor=OrganizationFactory(),
        kind=Kind.RENAMED,
        date=ON,
        by=registrar,
    )
    body = client.get(f"/en/agreements/{signed.reference}/").content.decode()
    assert 'data-flag="organisation-ended"' not in body
    # The page still reads the signed version: the old name is what was signed.
    assert "Department of Social Development" in body


def test_party_added_later_is_not_touched_by_an_unrelated_succession(registrar):
    draft = agreement_ready(parties=2, responsibilities=0)
    other = OrganizationFactory()
    PartyFactory(agreement=draft, organization=other, sort_order=5)
    ResponsibilityFactory(
        agreement=draft,
        responsible_party=draft.parties.get(organization=other),
        accountability_owner=staffed_position(organization=other),
    )
    unrelated = OrganizationFactory()

    organization_succeed(predecessor=unrelated, kind=Kind.DISSOLVED, date=ON, by=registrar)

    assert draft.parties.filter(organization=other).exists()
    assert list(responsibilities_owned_by_dissolved(user=registrar, on=D(2025, 5, 1))) == []
