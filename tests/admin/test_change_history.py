"""The change history view: who changed what and when, field by field, newest first."""

import pytest
from django.urls import reverse

from agreements.views.history import NO_USER
from registry.audit import acting_as
from tests.admin.conftest import edit_form_data
from tests.factories import (
    OrganizationFactory,
    ResponsibilityFactory,
    ServiceAreaFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def history_entries(client, name, obj):
    response = client.get(reverse(f"{name}:change_history", args=[obj.pk]))
    assert response.status_code == 200
    return response.context["entries"]


def test_field_change_shown_old_to_new_with_user_when_edited_in_admin(registrar_client):
    responsibility = ResponsibilityFactory()
    agreement = responsibility.agreement
    url = reverse("agreements:edit", args=[agreement.pk])
    data = edit_form_data(registrar_client, url)
    old_title = agreement.title_en
    data["title_en"] = "Medicare card services"
    assert registrar_client.post(url, data).status_code == 302

    newest = history_entries(registrar_client, "agreements", agreement)[0]

    assert newest.action == "Changed"
    assert newest.user == "registrar"
    assert newest.reason == "Edited in the staff admin"
    assert [(c.label, c.old, c.new) for c in newest.changes] == [
        ("Title (English)", old_title, "Medicare card services")
    ]


def test_many_to_many_change_shown_when_service_areas_change(registrar_client):
    agreement = ResponsibilityFactory().agreement
    area = ServiceAreaFactory(name_en="Vital statistics")
    url = reverse("agreements:edit", args=[agreement.pk])
    data = edit_form_data(registrar_client, url)
    data["service_areas"] = [str(area.pk)]
    assert registrar_client.post(url, data).status_code == 302

    newest = history_entries(registrar_client, "agreements", agreement)[0]

    assert [(c.label, c.old, c.new) for c in newest.changes] == [
        ("Service areas", "—", "Vital statistics")
    ]


def test_party_and_responsibility_changes_listed_when_viewing_agreement_history(
    registrar_client,
):
    responsibility = ResponsibilityFactory(clause="4.2")
    party = responsibility.responsible_party
    new_organization = OrganizationFactory(name_en="Service Nova Scotia")
    party.organization = new_organization
    responsibility.accountability_owner = None
    responsibility.save()
    party.save()

    entries = history_entries(registrar_client, "agreements", responsibility.agreement)

    party_change, responsibility_change = entries[0], entries[1]
    assert party_change.subject == "Party: Service Nova Scotia"
    assert ("Organization", "Service Nova Scotia") in [
        (c.label, c.new) for c in party_change.changes
    ]
    assert responsibility_change.subject == "Responsibility: 4.2"
    assert [c.label for c in responsibility_change.changes] == ["Accountability owner"]
    assert responsibility_change.changes[0].new == "—"
    assert {entry.action for entry in entries[2:]} == {"Created"}


def test_user_named_and_no_user_marked_when_changes_come_from_commands(registrar_client):
    responsibility = ResponsibilityFactory()
    agreement = responsibility.agreement
    with acting_as(UserFactory(username="importer", first_name="Ima", last_name="Porter")):
        agreement.title_en = "Imported title"
        agreement.save()

    entries = history_entries(registrar_client, "agreements", agreement)

    assert entries[0].user == "Ima Porter"
    assert entries[-1].user == str(NO_USER)


def test_deleted_reference_named_when_related_object_no_longer_exists(registrar_client):
    responsibility = ResponsibilityFactory()
    position = responsibility.accountability_owner
    responsibility.accountability_owner = None
    responsibility.save()
    position_id = position.pk
    position.delete()

    newest = history_entries(registrar_client, "responsibilities", responsibility)[0]

    assert newest.changes[0].old == f"#{position_id} (deleted)"


def test_history_paginated_newest_first_when_longer_than_a_page(registrar_client):
    responsibility = ResponsibilityFactory()
    agreement = responsibility.agreement
    for number in range(30):
        agreement.title_en = f"Title {number}"
        agreement.save()

    first_page = history_entries(registrar_client, "agreements", agreement)
    response = registrar_client.get(
        reverse("agreements:change_history", args=[agreement.pk]), {"p": 2}
    )

    assert first_page[0].changes[0].new == "Title 29"
    assert len(first_page) == 25
    assert response.context["page_obj"].number == 2
    assert response.context["entries"][-1].action == "Created"


def test_reference_data_history_shown_when_organisation_renamed(registrar_client):
    organization = OrganizationFactory(name_en="Service New Brunswick")
    organization.name_en = "Service New Brunswick (SNB)"
    organization.save()

    newest = history_entries(registrar_client, "organisations", organization)[0]

    assert [(c.label, c.old, c.new) for c in newest.changes] == [
        ("Name (English)", "Service New Brunswick", "Service New Brunswick (SNB)")
    ]
