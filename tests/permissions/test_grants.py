"""Grants follow the data: adding or removing a party grants or revokes its organisation's
groups' object permissions on the agreement, in the same transaction."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError

from agreements import permissions
from agreements.lifecycle import AgreementNotEditable
from agreements.models import Agreement, AgreementGroupObjectPermission, Party
from agreements.permissions import Action
from agreements.services import parties
from agreements.services.parties import (
    PARTY_HAS_RESPONSIBILITIES,
    agreement_grants_sync,
    organization_grants_sync,
    party_add,
    party_remove,
)
from jurisdictions.models import OrganizationRole
from jurisdictions.roles import organization_groups_ensure
from tests.factories import (
    AgreementFactory,
    OrganizationFactory,
    PartyFactory,
    ResponsibilityFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIAISON = OrganizationRole.Role.LIAISON
MINISTER = OrganizationRole.Role.MINISTER


def granted(agreement, organization, role) -> set[str]:
    group = organization_groups_ensure(organization=organization)[role]
    return set(
        AgreementGroupObjectPermission.objects.filter(
            content_object=agreement, group=group
        ).values_list("permission__codename", flat=True)
    )


def test_party_groups_are_granted_their_role_when_party_added(registrar):
    agreement = AgreementFactory()
    organization = OrganizationFactory()
    party_add(agreement=agreement, organization=organization, by=registrar)
    assert granted(agreement, organization, LIAISON) == {
        "view_agreement",
        "change_agreement",
        "negotiate_agreement",
        "sign_agreement",
        "report_agreement",
    }
    assert granted(agreement, organization, MINISTER) == {"view_agreement", "approve_agreement"}


def test_grants_are_revoked_when_party_removed(registrar, liaison_officer_of):
    agreement = AgreementFactory()
    organization = OrganizationFactory()
    officer = liaison_officer_of(organization)
    party = party_add(agreement=agreement, organization=organization, by=registrar)
    assert permissions.user_can(officer, Action.CHANGE, agreement)
    party_remove(party=party, by=registrar)
    assert granted(agreement, organization, LIAISON) == set()
    assert granted(agreement, organization, MINISTER) == set()
    assert not permissions.user_can(officer, Action.VIEW, agreement)


def test_other_parties_keep_their_grants_when_one_party_removed(registrar):
    agreement = AgreementFactory()
    staying, leaving = OrganizationFactory(), OrganizationFactory()
    party_add(agreement=agreement, organization=staying, by=registrar)
    party = party_add(agreement=agreement, organization=leaving, by=registrar)
    party_remove(party=party, by=registrar)
    assert "change_agreement" in granted(agreement, staying, LIAISON)


def test_minister_office_of_parent_sees_agreement_when_child_is_party(
    registrar, minister_office_of
):
    ministry = OrganizationFactory()
    branch = OrganizationFactory(parent=ministry, jurisdiction=ministry.jurisdiction)
    minister = minister_office_of(ministry)
    agreement = AgreementFactory()
    party_add(agreement=agreement, organization=branch, by=registrar)
    assert granted(agreement, ministry, MINISTER) == {"view_agreement", "approve_agreement"}
    assert granted(agreement, ministry, LIAISON) == set()
    assert permissions.user_can(minister, Action.VIEW, agreement)


def test_portfolio_grants_follow_when_organization_moves_to_another_parent(
    registrar, minister_office_of
):
    old_ministry, new_ministry = OrganizationFactory(), OrganizationFactory()
    branch = OrganizationFactory(parent=old_ministry)
    agreement = AgreementFactory()
    party_add(agreement=agreement, organization=branch, by=registrar)
    old_minister = minister_office_of(old_ministry)
    new_minister = minister_office_of(new_ministry)
    branch.parent = new_ministry
    branch.save()
    assert organization_grants_sync(organization=branch) == 1
    assert not permissions.user_can(old_minister, Action.VIEW, agreement)
    assert permissions.user_can(new_minister, Action.VIEW, agreement)


def test_minister_office_never_changes_content_when_agreement_is_editable(
    registrar, minister_office_of
):
    organization = OrganizationFactory()
    minister = minister_office_of(organization)
    agreement = AgreementFactory(state=Agreement.State.DRAFT)
    party_add(agreement=agreement, organization=organization, by=registrar)
    assert permissions.user_can(minister, Action.VIEW, agreement)
    assert not permissions.user_can(minister, Action.CHANGE, agreement)
    with pytest.raises(PermissionDenied):
        party_add(agreement=agreement, organization=OrganizationFactory(), by=minister)


def test_inline_parties_are_granted_when_sync_runs_after_admin_save(liaison_officer_of):
    """The admin's inline forms create Party rows directly; the view then calls the sync."""
    agreement = AgreementFactory()
    organization = OrganizationFactory()
    officer = liaison_officer_of(organization)
    PartyFactory(agreement=agreement, organization=organization)
    assert not permissions.user_can(officer, Action.VIEW, agreement)
    changes = agreement_grants_sync(agreement=agreement)
    assert changes.granted == 7
    assert permissions.user_can(officer, Action.VIEW, agreement)
    assert agreement_grants_sync(agreement=agreement).granted == 0


def test_inline_party_removal_is_revoked_when_sync_runs(liaison_officer_of):
    agreement = AgreementFactory()
    organization = OrganizationFactory()
    officer = liaison_officer_of(organization)
    party = PartyFactory(agreement=agreement, organization=organization)
    agreement_grants_sync(agreement=agreement)
    party.delete()
    assert agreement_grants_sync(agreement=agreement).revoked == 7
    assert not permissions.user_can(officer, Action.VIEW, agreement)


def test_groups_are_created_when_party_organization_has_none():
    """Organisations created outside `organization_create` (fixtures, the admin) get groups."""
    organization = OrganizationFactory()
    assert not OrganizationRole.objects.filter(organization=organization).exists()
    agreement = AgreementFactory()
    PartyFactory(agreement=agreement, organization=organization)
    agreement_grants_sync(agreement=agreement)
    assert OrganizationRole.objects.filter(organization=organization).count() == 2


def test_permissions_of_other_groups_are_left_alone_when_sync_runs():
    agreement = AgreementFactory()
    auditors = Group.objects.create(name="Auditors")
    view = Permission.objects.get(codename="view_agreement")
    AgreementGroupObjectPermission.objects.create(
        content_object=agreement, group=auditors, permission=view
    )
    agreement_grants_sync(agreement=agreement)
    assert AgreementGroupObjectPermission.objects.filter(group=auditors).count() == 1


def test_creator_organization_becomes_lead_party_when_liaison_officer_creates(
    liaison_officer_of,
):
    organization = OrganizationFactory()
    officer = liaison_officer_of(organization)
    agreement = AgreementFactory()
    agreement_grants_sync(agreement=agreement, creator=officer)
    party = agreement.parties.get()
    assert (party.organization, party.role) == (organization, Party.Role.LEAD)
    assert party.history.get().history_user == officer
    assert permissions.user_can(officer, Action.CHANGE, agreement)


def test_creator_organization_joins_as_party_when_a_lead_exists(liaison_officer_of):
    organization = OrganizationFactory()
    officer = liaison_officer_of(organization)
    agreement = AgreementFactory()
    PartyFactory(agreement=agreement, role=Party.Role.LEAD)
    agreement_grants_sync(agreement=agreement, creator=officer)
    assert agreement.parties.get(organization=organization).role == Party.Role.PARTY


def test_no_party_is_added_when_creator_organization_already_is_one(liaison_officer_of):
    organization = OrganizationFactory()
    officer = liaison_officer_of(organization)
    agreement = AgreementFactory()
    PartyFactory(agreement=agreement, organization=organization, role=Party.Role.FUNDER)
    agreement_grants_sync(agreement=agreement, creator=officer)
    assert agreement.parties.count() == 1


def test_no_party_is_added_when_creator_is_registrar(registrar):
    agreement = AgreementFactory()
    agreement_grants_sync(agreement=agreement, creator=registrar)
    assert agreement.parties.count() == 0


def test_party_add_refused_when_liaison_officer_is_not_a_party(liaison_officer_of):
    agreement = AgreementFactory()
    outsider = liaison_officer_of(OrganizationFactory())
    with pytest.raises(PermissionDenied):
        party_add(agreement=agreement, organization=OrganizationFactory(), by=outsider)
    assert agreement.parties.count() == 0


def test_party_add_refused_when_organization_already_party(registrar):
    agreement = AgreementFactory()
    organization = OrganizationFactory()
    party_add(agreement=agreement, organization=organization, by=registrar)
    with pytest.raises(ValidationError):
        party_add(agreement=agreement, organization=organization, by=registrar)


def test_party_remove_refused_when_party_has_responsibilities(registrar):
    responsibility = ResponsibilityFactory()
    party = responsibility.responsible_party
    with pytest.raises(ValidationError) as error:
        party_remove(party=party, by=registrar)
    assert error.value.messages == [
        str(PARTY_HAS_RESPONSIBILITIES).format(organization=party.organization)
    ]
    assert Party.objects.filter(pk=party.pk).exists()


def test_party_add_records_who_added_it_when_liaison_officer_adds(liaison_officer_of):
    organization = OrganizationFactory()
    officer = liaison_officer_of(organization)
    agreement = AgreementFactory()
    PartyFactory(agreement=agreement, organization=organization)
    agreement_grants_sync(agreement=agreement)
    partner = OrganizationFactory()
    party = party_add(agreement=agreement, organization=partner, by=officer, role="funder")
    assert party.history.get().history_user == officer
    assert "view_agreement" in granted(agreement, partner, LIAISON)


def test_nothing_is_granted_when_party_add_fails_midway(registrar, monkeypatch):
    """One transaction: when granting fails, the party is not added either."""
    agreement = AgreementFactory()
    organization = OrganizationFactory()

    def broken(*, agreement, creator=None):
        raise RuntimeError("grant failed")

    monkeypatch.setattr(parties, "agreement_grants_sync", broken)
    with pytest.raises(RuntimeError):
        party_add(agreement=agreement, organization=organization, by=registrar)
    assert not agreement.parties.exists()


def test_inactive_user_creates_nothing_when_passed_as_creator():
    organization = OrganizationFactory()
    groups = organization_groups_ensure(organization=organization)
    user = UserFactory(is_active=False)
    user.groups.add(groups[LIAISON])
    agreement = AgreementFactory()
    agreement_grants_sync(agreement=agreement, creator=user)
    assert agreement.parties.count() == 0


def test_party_add_refused_when_agreement_in_force_has_no_open_amendment(registrar):
    agreement = AgreementFactory(in_force=True)
    with pytest.raises(AgreementNotEditable):
        party_add(agreement=agreement, organization=OrganizationFactory(), by=registrar)
    assert not agreement.parties.exists()
