"""Grants follow parties edited in the admin: the inline party forms and the party viewset save
rows directly, and the views recompute the grants in the same transaction."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from agreements import permissions
from agreements.models import Agreement, AgreementGroupObjectPermission, Party
from agreements.permissions import Action
from agreements.services.parties import agreement_grants_sync
from jurisdictions.models import OrganizationRole
from jurisdictions.roles import organization_groups_ensure
from tests.admin.conftest import agreement_form_data, edit_form_data
from tests.factories import (
    AgreementFactory,
    JurisdictionFactory,
    OrganizationFactory,
    PartyFactory,
)

pytestmark = pytest.mark.django_db


def test_creator_can_open_agreement_when_liaison_officer_creates_it_in_admin(
    client, liaison_officer_of
):
    ministry, partner = OrganizationFactory(), OrganizationFactory()
    officer = liaison_officer_of(ministry)
    client.force_login(officer)
    data = agreement_form_data(parties=[{"organization": partner.pk, "role": Party.Role.PARTY}])
    response = client.post(reverse("agreements:add"), data)
    assert response.status_code == 302
    agreement = Agreement.objects.get(reference=data["reference"])
    lead = agreement.parties.get(organization=ministry)
    assert lead.role == Party.Role.LEAD
    assert client.get(reverse("agreements:edit", args=[agreement.pk])).status_code == 200


def test_party_groups_granted_when_registrar_creates_agreement_in_admin(
    registrar_client, liaison_officer_of
):
    organization = OrganizationFactory()
    officer = liaison_officer_of(organization)
    data = agreement_form_data(parties=[{"organization": organization.pk, "role": "lead"}])
    assert registrar_client.post(reverse("agreements:add"), data).status_code == 302
    agreement = Agreement.objects.get(reference=data["reference"])
    assert agreement.parties.count() == 1
    assert permissions.user_can(officer, Action.CHANGE, agreement)


def test_grants_revoked_when_party_deleted_in_party_viewset(registrar_client, liaison_officer_of):
    agreement = AgreementFactory()
    leaving = OrganizationFactory()
    officer = liaison_officer_of(leaving)
    party = PartyFactory(agreement=agreement, organization=leaving)
    PartyFactory(agreement=agreement)
    agreement_grants_sync(agreement=agreement)
    response = registrar_client.post(reverse("parties:delete", args=[party.pk]))
    assert response.status_code == 302
    assert not Party.objects.filter(pk=party.pk).exists()
    assert not permissions.user_can(officer, Action.VIEW, agreement)
    assert not AgreementGroupObjectPermission.objects.filter(
        content_object=agreement, group__organization_role__organization=leaving
    ).exists()


def test_grants_move_when_party_organization_changed_in_party_viewset(
    registrar_client, liaison_officer_of
):
    agreement = AgreementFactory()
    before, after = OrganizationFactory(), OrganizationFactory()
    officer_before, officer_after = liaison_officer_of(before), liaison_officer_of(after)
    party = PartyFactory(agreement=agreement, organization=before)
    agreement_grants_sync(agreement=agreement)
    url = reverse("parties:edit", args=[party.pk])
    data = edit_form_data(registrar_client, url)
    data["organization"] = after.pk
    assert registrar_client.post(url, data).status_code == 302
    assert not permissions.user_can(officer_before, Action.VIEW, agreement)
    assert permissions.user_can(officer_after, Action.VIEW, agreement)


def test_grants_revoked_when_party_removed_in_agreement_form(registrar_client, liaison_officer_of):
    agreement = AgreementFactory()
    staying, leaving = OrganizationFactory(), OrganizationFactory()
    PartyFactory(agreement=agreement, organization=staying)
    PartyFactory(agreement=agreement, organization=leaving)
    agreement_grants_sync(agreement=agreement)
    officer = liaison_officer_of(leaving)
    url = reverse("agreements:edit", args=[agreement.pk])
    data = edit_form_data(registrar_client, url)
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith("parties-") and key.endswith("-organization") and value == str(leaving.pk)
    )
    data[f"parties-{index}-DELETE"] = "1"
    assert registrar_client.post(url, data).status_code == 302
    assert not agreement.parties.filter(organization=leaving).exists()
    assert not permissions.user_can(officer, Action.VIEW, agreement)


def test_role_groups_created_when_registrar_adds_organization_in_admin(registrar_client):
    jurisdiction = JurisdictionFactory()
    data = {
        "name_en": "Service New Brunswick",
        "name_fr": "Service Nouveau-Brunswick",
        "acronym_en": "SNB",
        "acronym_fr": "SNB",
        "slug": "service-new-brunswick",
        "kind": "crown_corporation",
        "jurisdiction": jurisdiction.pk,
        "parent": "",
        "website": "",
    }
    assert registrar_client.post(reverse("organisations:add"), data).status_code == 302
    names = set(
        OrganizationRole.objects.filter(organization__slug="service-new-brunswick").values_list(
            "group__name", flat=True
        )
    )
    assert names == {
        "Service New Brunswick — liaison officers",
        "Service New Brunswick — minister's office",
    }


def test_role_groups_renamed_when_organization_renamed_in_admin(registrar_client):
    organization = OrganizationFactory(name_en="Service New Brunswick")
    organization_groups_ensure(organization=organization)
    url = reverse("organisations:edit", args=[organization.pk])
    data = edit_form_data(registrar_client, url)
    data["name_en"] = "Service NB"
    assert registrar_client.post(url, data).status_code == 302
    assert Group.objects.filter(name="Service NB — minister's office").exists()


def test_portfolio_grants_move_when_organization_reparented_in_admin(
    registrar_client, minister_office_of
):
    old_ministry, new_ministry = OrganizationFactory(), OrganizationFactory()
    branch = OrganizationFactory(parent=old_ministry, jurisdiction=old_ministry.jurisdiction)
    agreement = AgreementFactory()
    PartyFactory(agreement=agreement, organization=branch)
    agreement_grants_sync(agreement=agreement)
    old_minister, new_minister = minister_office_of(old_ministry), minister_office_of(new_ministry)
    assert permissions.user_can(old_minister, Action.VIEW, agreement)
    url = reverse("organisation_move", args=[branch.pk])
    today = timezone.localdate().isoformat()
    response = registrar_client.post(url, {"parent": new_ministry.pk, "date": today})
    assert response.status_code == 302
    assert not permissions.user_can(old_minister, Action.VIEW, agreement)
    assert permissions.user_can(new_minister, Action.VIEW, agreement)


def test_organization_edit_form_cannot_change_the_parent(registrar_client):
    """A parent change is dated and keeps the former parent: only the move screen makes it."""
    old_ministry, new_ministry = OrganizationFactory(), OrganizationFactory()
    branch = OrganizationFactory(parent=old_ministry, jurisdiction=old_ministry.jurisdiction)
    url = reverse("organisations:edit", args=[branch.pk])
    data = edit_form_data(registrar_client, url)
    data["parent"] = new_ministry.pk
    data["name_en"] = "Renamed branch"

    assert registrar_client.post(url, data).status_code == 302

    branch.refresh_from_db()
    assert (branch.name_en, branch.parent_id) == ("Renamed branch", old_ministry.pk)
    page = registrar_client.get(url).content.decode()
    assert "use “Move to another parent”" in page
