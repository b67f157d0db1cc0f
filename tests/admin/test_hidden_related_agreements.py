"""A relation never reveals its target agreement to a reader who may not see the target."""

import pytest
from django.urls import reverse

from agreements.models import Agreement, AgreementRelation
from agreements.services.parties import agreement_grants_sync
from agreements.views.history import HIDDEN_AGREEMENT
from registry.audit import acting_as
from tests.factories import AgreementFactory, OrganizationFactory, PartyFactory

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Cabinet-confidential arrangement"


@pytest.fixture
def officer_and_relation(liaison_officer_of, registrar):
    organization = OrganizationFactory()
    source = AgreementFactory(state=Agreement.State.NEGOTIATION)
    PartyFactory(agreement=source, organization=organization)
    agreement_grants_sync(agreement=source)
    target = AgreementFactory(
        title_en=SECRET_TITLE, reference="SECRET-001", visibility=Agreement.Visibility.RESTRICTED
    )
    with acting_as(registrar):
        relation = AgreementRelation.objects.create(
            source=source, kind=AgreementRelation.Kind.AMENDS, target=target
        )
    return liaison_officer_of(organization), source, relation


def test_relation_not_listed_when_target_hidden(client, officer_and_relation):
    officer, _source, _relation = officer_and_relation
    client.force_login(officer)

    response = client.get(reverse("agreement_relations:index"))

    assert response.status_code == 200
    assert "SECRET-001" not in response.content.decode()


def test_target_named_neutrally_in_history_when_hidden(client, officer_and_relation):
    officer, source, _relation = officer_and_relation
    client.force_login(officer)

    response = client.get(reverse("agreements:change_history", args=[source.pk]))

    body = response.content.decode()
    assert response.status_code == 200
    assert SECRET_TITLE not in body
    assert str(HIDDEN_AGREEMENT) in body


def test_target_absent_from_edit_form_when_hidden(client, officer_and_relation):
    officer, source, relation = officer_and_relation
    client.force_login(officer)
    url = reverse("agreements:edit", args=[source.pk])

    response = client.get(url)

    assert response.status_code == 200
    assert SECRET_TITLE not in response.content.decode()
    assert "SECRET-001" not in response.content.decode()
