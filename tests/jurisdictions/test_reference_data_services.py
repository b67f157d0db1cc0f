"""Creating jurisdictions, organisations and positions through jurisdictions.services."""

import pytest
from django.core.exceptions import ValidationError

from jurisdictions.models import Jurisdiction, Organization, OrganizationRole, Position
from jurisdictions.services import jurisdiction_create, organization_create, position_create
from jurisdictions.validators import ISO_3166_MESSAGE, OCD_DIVISION_MESSAGE
from tests.factories import JurisdictionFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrar_user():
    return UserFactory(username="registrar-services", is_staff=True)


def assert_created_by(instance, user):
    record = instance.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        user,
        "created",
    )


def test_jurisdiction_created_with_history_attributed_when_valid(registrar_user):
    canada = JurisdictionFactory(level=Jurisdiction.Level.NATIONAL, iso_code="CA")

    new_brunswick = jurisdiction_create(
        name_en="Province of New Brunswick",
        name_fr="Province du Nouveau-Brunswick",
        slug="new-brunswick",
        level=Jurisdiction.Level.PROVINCIAL,
        parent=canada,
        ocd_division_id="ocd-division/country:ca/province:nb",
        iso_code="CA-NB",
        by=registrar_user,
    )

    new_brunswick.refresh_from_db()
    assert new_brunswick.parent == canada
    assert (new_brunswick.ocd_division_id, new_brunswick.iso_code) == (
        "ocd-division/country:ca/province:nb",
        "CA-NB",
    )
    assert_created_by(new_brunswick, registrar_user)


def test_jurisdiction_created_without_identifiers_when_none_exist(registrar_user):
    first = jurisdiction_create(
        name_en="Elsipogtog First Nation",
        slug="elsipogtog",
        level=Jurisdiction.Level.INDIGENOUS,
        ocd_division_id="",
        iso_code="",
        by=registrar_user,
    )
    second = jurisdiction_create(
        name_en="Tobique First Nation",
        slug="tobique",
        level=Jurisdiction.Level.INDIGENOUS,
        by=registrar_user,
    )
    assert (first.ocd_division_id, first.iso_code) == (None, None)
    assert (second.ocd_division_id, second.iso_code) == (None, None)


def test_jurisdiction_not_created_when_identifiers_malformed(registrar_user):
    with pytest.raises(ValidationError) as error:
        jurisdiction_create(
            name_en="New Brunswick",
            slug="new-brunswick",
            level=Jurisdiction.Level.PROVINCIAL,
            ocd_division_id="ocd-division/country:CA/province:NB",
            iso_code="ca-nb",
            by=registrar_user,
        )
    assert error.value.message_dict == {
        "ocd_division_id": [str(OCD_DIVISION_MESSAGE)],
        "iso_code": [str(ISO_3166_MESSAGE)],
    }
    assert not Jurisdiction.objects.exists()


def test_organization_created_with_history_attributed_when_valid(registrar_user):
    province = JurisdictionFactory()
    parent = OrganizationFactory(jurisdiction=province)

    organization = organization_create(
        jurisdiction=province,
        name_en="Service New Brunswick",
        name_fr="Service Nouveau-Brunswick",
        slug="service-new-brunswick",
        kind=Organization.Kind.CROWN_CORPORATION,
        parent=parent,
        acronym_en="SNB",
        acronym_fr="SNB",
        website="https://www.snb.ca",
        by=registrar_user,
    )

    organization.refresh_from_db()
    assert (organization.jurisdiction, organization.parent, organization.acronym_en) == (
        province,
        parent,
        "SNB",
    )
    assert_created_by(organization, registrar_user)


def test_staff_groups_created_when_organization_created(registrar_user):
    organization = organization_create(
        jurisdiction=JurisdictionFactory(),
        name_en="Service New Brunswick",
        slug="service-new-brunswick",
        kind=Organization.Kind.CROWN_CORPORATION,
        by=registrar_user,
    )

    roles = organization.roles.select_related("group")
    assert {record.role for record in roles} == set(OrganizationRole.Role)
    assert all("Service New Brunswick" in record.group.name for record in roles)


def test_organization_not_created_when_kind_unknown(registrar_user):
    with pytest.raises(ValidationError) as error:
        organization_create(
            jurisdiction=JurisdictionFactory(),
            name_en="Somewhere",
            slug="somewhere",
            kind="club",
            by=registrar_user,
        )
    assert error.value.message_dict == {
        "kind": ["Value 'club' is not a valid choice."],
    }
    assert not Organization.objects.exists()
    assert not OrganizationRole.objects.exists()


def test_position_created_with_history_attributed_when_valid(registrar_user):
    organization = OrganizationFactory()

    position = position_create(
        organization=organization,
        title_en="President and CEO",
        title_fr="Président-directeur général",
        by=registrar_user,
    )

    position.refresh_from_db()
    assert (position.organization, position.title_en, position.single_holder) == (
        organization,
        "President and CEO",
        True,
    )
    assert_created_by(position, registrar_user)


def test_position_not_created_when_title_missing(registrar_user):
    with pytest.raises(ValidationError) as error:
        position_create(organization=OrganizationFactory(), title_en="", by=registrar_user)
    assert error.value.message_dict == {"title_en": ["This field cannot be blank."]}
    assert not Position.objects.exists()
