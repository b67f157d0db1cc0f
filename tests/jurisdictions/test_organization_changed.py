"""An organisation's change is announced by jurisdictions and acted on by agreements
(docs/decisions/0015-import-direction.md): a new parent moves the portfolio grants."""

import pytest

from agreements import permissions, receivers
from agreements.permissions import Action
from agreements.services.parties import agreement_grants_sync
from jurisdictions.signals import organization_changed, organization_changed_send
from tests.factories import AgreementFactory, OrganizationFactory, PartyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def announcements():
    received = []

    def record(sender, *, organization, changed_fields, **kwargs):
        received.append((sender.__name__, organization.slug, changed_fields))

    organization_changed.connect(record, dispatch_uid="test_organization_changed_record")
    yield received
    organization_changed.disconnect(dispatch_uid="test_organization_changed_record")


def test_nothing_announced_when_no_field_changed(announcements):
    organization = OrganizationFactory(slug="service-new-brunswick")
    organization_changed_send(organization=organization, changed_fields=[])
    assert announcements == []


def test_changed_fields_announced_when_organisation_changed(announcements):
    organization = OrganizationFactory(slug="service-new-brunswick")
    organization_changed_send(organization=organization, changed_fields=["name_en", "parent"])
    assert announcements == [
        ("Organization", "service-new-brunswick", frozenset({"name_en", "parent"}))
    ]


def test_portfolio_grants_move_when_new_parent_announced(minister_office_of):
    old_ministry, new_ministry = OrganizationFactory(), OrganizationFactory()
    branch = OrganizationFactory(parent=old_ministry, jurisdiction=old_ministry.jurisdiction)
    agreement = AgreementFactory()
    PartyFactory(agreement=agreement, organization=branch)
    agreement_grants_sync(agreement=agreement)
    old_minister, new_minister = minister_office_of(old_ministry), minister_office_of(new_ministry)
    branch.parent = new_ministry
    branch.save()
    assert permissions.user_can(old_minister, Action.VIEW, agreement)

    organization_changed_send(organization=branch, changed_fields=["parent"])

    assert not permissions.user_can(old_minister, Action.VIEW, agreement)
    assert permissions.user_can(new_minister, Action.VIEW, agreement)


def test_grants_left_alone_when_only_the_name_changed(monkeypatch):
    synced = []
    monkeypatch.setattr(
        receivers, "organization_grants_sync", lambda *, organization: synced.append(organization)
    )
    organization = OrganizationFactory()
    organization_changed_send(organization=organization, changed_fields=["name_en"])
    assert synced == []
    organization_changed_send(organization=organization, changed_fields=["name_en", "parent"])
    assert synced == [organization]
