"""The "Roles" field of the Wagtail user forms: registrars give a person an organisation's role
(its group) by choosing "Organisation — Role (Jurisdiction)", sorted; the plain groups field keeps
the other groups, sorted; a liaison officer cannot reach the forms."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.users.models import UserProfile

from accounts.user_forms import RegistryUserEditForm
from agreements.permissions import visible_agreements
from agreements.services.parties import agreement_grants_sync
from jurisdictions.models import OrganizationRole
from jurisdictions.roles import organization_groups_ensure
from tests.factories import (
    AgreementFactory,
    JurisdictionFactory,
    OrganizationFactory,
    PartyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Role = OrganizationRole.Role
QUERIES = 16


@pytest.fixture
def new_brunswick(db):
    return JurisdictionFactory(name_en="New Brunswick", name_fr="Nouveau-Brunswick")


@pytest.fixture
def snb(new_brunswick):
    organization = OrganizationFactory(
        name_en="Service New Brunswick",
        name_fr="Services Nouveau-Brunswick",
        jurisdiction=new_brunswick,
    )
    organization_groups_ensure(organization=organization)
    return organization


@pytest.fixture
def alberta_health(db):
    organization = OrganizationFactory(
        name_en="Alberta Health",
        name_fr="Santé Alberta",
        jurisdiction=JurisdictionFactory(name_en="Alberta", name_fr="Alberta"),
    )
    organization_groups_ensure(organization=organization)
    return organization


@pytest.fixture
def snb_agreement(snb):
    """A draft agreement of Service New Brunswick with another organisation, its grants given."""
    agreement = AgreementFactory(reference="SNB-2026-001", title_en="Medicare card counters")
    PartyFactory(agreement=agreement, organization=snb)
    PartyFactory(agreement=agreement)
    agreement_grants_sync(agreement=agreement)
    return agreement


@pytest.fixture
def person(db):
    return UserFactory(
        username="j.leblanc", first_name="Julie", last_name="LeBlanc", email="j@example.gc.ca"
    )


def _role(organization, role) -> OrganizationRole:
    return OrganizationRole.objects.get(organization=organization, role=role)


def _edit(client, user, *, roles=(), groups=()):
    return client.post(
        reverse("wagtailusers_users:edit", args=[user.pk]),
        {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "is_active": "on",
            "roles": [role.pk for role in roles],
            "groups": [group.pk for group in groups],
        },
    )


def test_roles_listed_by_organisation_then_role_with_jurisdiction(
    registrar_client, person, snb, alberta_health
):
    response = registrar_client.get(reverse("wagtailusers_users:edit", args=[person.pk]))
    assert response.status_code == 200
    labels = [label for _value, label in response.context["form"].fields["roles"].choices]
    assert labels == [
        "Alberta Health — Liaison officers (Alberta)",
        "Alberta Health — Minister's office (Alberta)",
        "Service New Brunswick — Liaison officers (New Brunswick)",
        "Service New Brunswick — Minister's office (New Brunswick)",
    ]
    html = response.content.decode()
    assert "Service New Brunswick — Liaison officers (New Brunswick)" in html
    assert 'name="roles"' in html


def test_roles_sorted_by_french_names_when_admin_in_french(registrar, client, snb):
    # "Treasury Board" comes after "Service New Brunswick"; "Conseil du Trésor" comes first.
    treasury = OrganizationFactory(
        name_en="Treasury Board",
        name_fr="Conseil du Trésor",
        jurisdiction=JurisdictionFactory(name_en="Canada", name_fr="Canada"),
    )
    organization_groups_ensure(organization=treasury)
    profile = UserProfile.get_for_user(registrar)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(registrar)
    html = client.get(reverse("wagtailusers_users:edit", args=[registrar.pk])).content.decode()
    labels = [
        "Conseil du Trésor — Agents de liaison (Canada)",
        "Conseil du Trésor — Cabinet du ministre (Canada)",
        "Services Nouveau-Brunswick — Agents de liaison (Nouveau-Brunswick)",
        "Services Nouveau-Brunswick — Cabinet du ministre (Nouveau-Brunswick)",
    ]
    positions = [html.find(label) for label in labels]
    assert -1 not in positions
    assert positions == sorted(positions)


def test_plain_groups_field_lists_only_other_groups_sorted(registrar_client, person, snb):
    Group.objects.create(name="Auditors")
    Group.objects.create(name="Translators")
    response = registrar_client.get(reverse("wagtailusers_users:edit", args=[person.pk]))
    names = [str(label) for _value, label in response.context["form"].fields["groups"].choices]
    assert names == ["Auditors", "Editors", "Moderators", "Registrars", "Translators"]
    assert not [name for name in names if name.startswith("Service New Brunswick")]


def test_assigning_role_puts_user_in_that_group_and_shows_its_agreements(
    registrar_client, person, snb, snb_agreement
):
    assert snb_agreement not in visible_agreements(person)
    response = _edit(registrar_client, person, roles=[_role(snb, Role.LIAISON)])
    assert response.status_code == 302
    assert list(person.groups.values_list("name", flat=True)) == [
        "Service New Brunswick — liaison officers"
    ]
    assert list(visible_agreements(person).values_list("reference", flat=True)) == ["SNB-2026-001"]


def test_removing_role_removes_group_and_its_agreements(
    registrar_client, person, snb, snb_agreement
):
    person.groups.add(_role(snb, Role.LIAISON).group)
    assert snb_agreement in visible_agreements(person)
    response = _edit(registrar_client, person, roles=[])
    assert response.status_code == 302
    assert not person.groups.exists()
    assert not visible_agreements(person).exists()


def test_roles_and_other_groups_saved_together(registrar_client, person, snb, alberta_health):
    auditors = Group.objects.create(name="Auditors")
    person.groups.add(_role(alberta_health, Role.MINISTER).group)
    _edit(
        registrar_client,
        person,
        roles=[_role(snb, Role.LIAISON), _role(snb, Role.MINISTER)],
        groups=[auditors],
    )
    assert sorted(person.groups.values_list("name", flat=True)) == [
        "Auditors",
        "Service New Brunswick — liaison officers",
        "Service New Brunswick — minister's office",
    ]


def test_edit_form_shows_current_roles_ticked(registrar_client, person, snb):
    role = _role(snb, Role.MINISTER)
    person.groups.add(role.group)
    response = registrar_client.get(reverse("wagtailusers_users:edit", args=[person.pk]))
    assert response.context["form"]["roles"].value() == [role.pk]
    assert f'value="{role.pk}" id="id_roles_1" checked' in response.content.decode()


def test_new_user_created_with_role(registrar_client, snb, snb_agreement):
    response = registrar_client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "m.cormier",
            "email": "m.cormier@example.gc.ca",
            "first_name": "Marc",
            "last_name": "Cormier",
            "password1": "Correct-horse-battery-42",
            "password2": "Correct-horse-battery-42",
            "roles": [_role(snb, Role.LIAISON).pk],
        },
    )
    assert response.status_code == 302
    user = Group.objects.get(name="Service New Brunswick — liaison officers").user_set.get()
    assert user.username == "m.cormier"
    assert list(visible_agreements(user).values_list("reference", flat=True)) == ["SNB-2026-001"]


def test_unknown_role_refused_and_nothing_changed(registrar_client, person, snb):
    response = registrar_client.post(
        reverse("wagtailusers_users:edit", args=[person.pk]),
        {
            "username": person.username,
            "email": person.email,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "roles": ["999999"],
        },
    )
    assert response.status_code == 200
    assert (
        "Select a valid choice. 999999 is not one of the available choices."
        in response.content.decode()
    )
    assert not person.groups.exists()


def test_liaison_officer_cannot_reach_user_forms(client, liaison_officer_of, snb, person):
    officer = liaison_officer_of(snb, username="officer")
    client.force_login(officer)
    for url in (
        reverse("wagtailusers_users:edit", args=[person.pk]),
        reverse("wagtailusers_users:add"),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("wagtailadmin_home")
    response = _edit(client, person, roles=[_role(snb, Role.LIAISON)])
    assert response.status_code == 302
    assert not person.groups.exists()


def test_staff_who_may_edit_users_but_is_no_registrar_cannot_change_roles(
    client, person, snb, alberta_health
):
    editor = UserFactory(username="helpdesk", is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_user", content_type__app_label="auth"),
    )
    kept = _role(alberta_health, Role.MINISTER)
    person.groups.add(kept.group)
    client.force_login(editor)
    response = client.get(reverse("wagtailusers_users:edit", args=[person.pk]))
    assert response.status_code == 200
    assert "roles" not in response.context["form"].fields
    response = _edit(client, person, roles=[_role(snb, Role.LIAISON)])
    assert response.status_code == 302
    assert list(person.groups.all()) == [kept.group]


def test_form_without_registrar_keeps_role_groups_when_groups_change(person, snb):
    role_group = _role(snb, Role.LIAISON).group
    auditors = Group.objects.create(name="Auditors")
    person.groups.add(role_group)
    form = RegistryUserEditForm(
        {
            "username": person.username,
            "email": person.email,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "is_active": "on",
            "groups": [auditors.pk],
        },
        instance=person,
        for_user=None,
    )
    assert form.is_valid(), form.errors
    form.save()
    assert sorted(person.groups.values_list("name", flat=True)) == [
        "Auditors",
        "Service New Brunswick — liaison officers",
    ]


@pytest.mark.parametrize("organisations", [3, 30])
def test_edit_page_queries_do_not_grow_with_organisations(
    registrar_client, person, organisations, django_assert_num_queries
):
    for _ in range(organisations):
        organization_groups_ensure(organization=OrganizationFactory())
    url = reverse("wagtailusers_users:edit", args=[person.pk])
    registrar_client.get(url)  # warm the per-process caches (content types, site)
    with django_assert_num_queries(QUERIES):
        response = registrar_client.get(url)
    assert len(response.context["form"].fields["roles"].choices) == 2 * organisations
