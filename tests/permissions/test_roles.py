"""Roles as groups: each organisation's liaison officers and minister's office, named with it."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from agreements import permissions
from agreements.services.parties import party_add
from jurisdictions.models import OrganizationRole
from jurisdictions.roles import (
    REGISTRAR_WITHHELD_PERMISSIONS,
    REGISTRARS_GROUP,
    organization_groups_delete,
    organization_groups_ensure,
    registrars_group_ensure,
    roles_sync,
)
from tests.factories import AgreementFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

LIAISON = OrganizationRole.Role.LIAISON
MINISTER = OrganizationRole.Role.MINISTER


def test_groups_are_named_after_organization_when_created():
    organization = OrganizationFactory(name_en="Service New Brunswick")
    groups = organization_groups_ensure(organization=organization)
    assert groups[LIAISON].name == "Service New Brunswick — liaison officers"
    assert groups[MINISTER].name == "Service New Brunswick — minister's office"


def test_groups_are_renamed_when_organization_is_renamed():
    organization = OrganizationFactory(name_en="Service New Brunswick")
    groups = organization_groups_ensure(organization=organization)
    organization.name_en = "Service NB"
    organization.save()
    again = organization_groups_ensure(organization=organization)
    assert again[LIAISON].pk == groups[LIAISON].pk
    assert Group.objects.get(pk=groups[LIAISON].pk).name == "Service NB — liaison officers"


def test_ensure_changes_nothing_when_run_twice():
    organization = OrganizationFactory()
    first = organization_groups_ensure(organization=organization)
    second = organization_groups_ensure(organization=organization)
    assert {r: g.pk for r, g in first.items()} == {r: g.pk for r, g in second.items()}
    assert OrganizationRole.objects.filter(organization=organization).count() == 2


def test_slug_tells_groups_apart_when_two_organizations_share_a_name():
    first = OrganizationFactory(name_en="Department of Health", slug="nb-health")
    second = OrganizationFactory(name_en="Department of Health", slug="ns-health")
    organization_groups_ensure(organization=first)
    groups = organization_groups_ensure(organization=second)
    assert groups[LIAISON].name == "Department of Health (ns-health) — liaison officers"
    # Stable: the first keeps the plain name, the second its slug, whenever they are re-synced.
    roles_sync()
    assert Group.objects.filter(name="Department of Health — liaison officers").exists()


def test_long_names_fit_when_organization_name_is_at_maximum_length():
    organization = OrganizationFactory(name_en="A" * 250)
    groups = organization_groups_ensure(organization=organization)
    assert len(groups[MINISTER].name) <= 150
    assert groups[MINISTER].name.endswith("… — minister's office")


def test_role_groups_enter_admin_but_hold_no_change_permission():
    groups = organization_groups_ensure(organization=OrganizationFactory())
    user = UserFactory()
    user.groups.add(groups[LIAISON])
    assert user.has_perm("wagtailadmin.access_admin")
    assert user.has_perm("agreements.view_agreement")
    assert not user.has_perm("agreements.change_agreement")
    assert not user.has_perm("jurisdictions.change_organization")


def test_registrars_group_exists_when_database_is_migrated():
    group = Group.objects.get(name=REGISTRARS_GROUP)
    names = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    assert {"agreements.change_agreement", "jurisdictions.add_organization"} <= names
    assert "wagtailadmin.access_admin" in names
    assert names.isdisjoint(REGISTRAR_WITHHELD_PERMISSIONS)


def test_withheld_permission_is_removed_when_registrars_group_is_refreshed():
    group = registrars_group_ensure()
    group.permissions.add(Permission.objects.get(codename="delete_user"))
    registrars_group_ensure()
    assert not group.permissions.filter(codename="delete_user").exists()


def test_roles_sync_creates_missing_groups_when_organizations_were_loaded_without_them():
    organizations = OrganizationFactory.create_batch(3)
    assert roles_sync() == 3
    assert OrganizationRole.objects.filter(organization__in=organizations).count() == 6


def test_access_sync_command_repairs_grants_when_a_role_group_was_deleted(registrar):
    organization = OrganizationFactory()
    agreement = AgreementFactory()
    party_add(agreement=agreement, organization=organization, by=registrar)
    organization_groups_ensure(organization=organization)[LIAISON].delete()
    call_command("access_sync", stdout=io.StringIO())
    officer = UserFactory()
    officer.groups.add(organization_groups_ensure(organization=organization)[LIAISON])
    assert permissions.user_can(officer, "change", agreement)


def test_groups_are_deleted_with_their_roles_when_organization_groups_deleted():
    organization = OrganizationFactory()
    groups = organization_groups_ensure(organization=organization)
    organization_groups_delete(organization=organization)
    assert not Group.objects.filter(pk__in=[g.pk for g in groups.values()]).exists()
    assert not OrganizationRole.objects.filter(organization=organization).exists()
