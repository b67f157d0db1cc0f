"""Deleting rows that others still depend on explains why instead of failing."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from agreements.views.base import DELETED_IN_ADMIN
from jurisdictions.models import Organization, Person
from tests.factories import PartyFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_deletion_refused_with_blockers_named_when_organisation_is_a_party(registrar_client):
    party = PartyFactory()
    organization = party.organization
    url = reverse("organisations:delete", args=[organization.pk])

    response = registrar_client.post(url)

    assert response.status_code == 302
    assert response.url == url
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert f"{organization} cannot be deleted" in message
    assert str(party) in message
    assert Organization.objects.filter(pk=organization.pk).exists()


def test_deletion_recorded_with_user_and_reason_when_nothing_depends_on_it(
    registrar_client, registrar
):
    person = PersonFactory()

    response = registrar_client.post(reverse("people:delete", args=[person.pk]))

    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()
    record = Person.history.get(id=person.pk, history_type="-")
    assert record.history_user == registrar
    assert record.history_change_reason == str(DELETED_IN_ADMIN)
