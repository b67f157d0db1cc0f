"""Listings are searched with the ORM and filtered with django-filter."""

import pytest
from django.urls import reverse

from agreements.models import Agreement
from tests.factories import (
    AgreementFactory,
    OrganizationFactory,
    PartyFactory,
    ResponsibilityFactory,
)

pytestmark = pytest.mark.django_db


def listed(client, name, **params):
    response = client.get(reverse(f"{name}:index"), params)
    assert response.status_code == 200
    return list(response.context["object_list"])


def test_agreement_found_once_when_searching_by_party_organisation(registrar_client):
    agreement = AgreementFactory()
    PartyFactory(agreement=agreement, organization=OrganizationFactory(name_en="Service BC"))
    PartyFactory(agreement=agreement, organization=OrganizationFactory(name_en="Service BC Two"))
    AgreementFactory()

    assert listed(registrar_client, "agreements", q="service bc") == [agreement]


def test_agreements_filtered_when_state_chosen(registrar_client):
    in_force = AgreementFactory(in_force=True)
    AgreementFactory()

    assert listed(registrar_client, "agreements", state=Agreement.State.IN_FORCE) == [in_force]


def test_unowned_responsibilities_listed_when_filtered(registrar_client):
    unowned = ResponsibilityFactory(accountability_owner=None)
    ResponsibilityFactory()

    assert listed(registrar_client, "responsibilities", unowned="true") == [unowned]


def test_responsibility_found_when_searching_its_text(registrar_client):
    wanted = ResponsibilityFactory(text_en="Issue birth certificates within five days.")
    ResponsibilityFactory()

    assert listed(registrar_client, "responsibilities", q="birth certificates") == [wanted]
