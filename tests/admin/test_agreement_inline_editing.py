"""Creating and editing an agreement with its parties, responsibilities and relations inline."""

import datetime

import pytest
from django.urls import reverse

from agreements.models import Agreement, Party, Responsibility
from agreements.models.agreement import EXPIRY_NOT_AFTER_EFFECTIVE
from agreements.models.parties import DUPLICATE_PARTY
from agreements.models.responsibilities import OWNER_OUTSIDE_PARTY, PARTY_OF_OTHER_AGREEMENT
from agreements.views.base import CREATED_IN_ADMIN, EDITED_IN_ADMIN
from agreements.views.forms import (
    DUPLICATE_REFERENCE,
    PARTY_BEING_REMOVED,
    PARTY_STILL_RESPONSIBLE,
)
from tests.admin.conftest import agreement_form_data, edit_form_data
from tests.factories import (
    AgreementFactory,
    OrganizationFactory,
    PartyFactory,
    PositionFactory,
    ResponsibilityFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def snb_and_health():
    snb = OrganizationFactory(name_en="Service New Brunswick", acronym_en="SNB")
    health = OrganizationFactory(name_en="Department of Health", jurisdiction=snb.jurisdiction)
    return snb, health


def test_agreement_created_with_parties_and_responsibilities_when_posted_in_one_form(
    registrar_client, registrar, snb_and_health
):
    snb, health = snb_and_health
    owner = PositionFactory(organization=snb, title_en="Vice-President, Service Delivery")
    data = agreement_form_data(
        parties=[
            {"organization": snb.pk, "role": Party.Role.DELIVERY_PARTNER},
            {"organization": health.pk, "role": Party.Role.LEAD},
        ],
        responsibilities=[
            {
                "clause": "4.2",
                "kind": Responsibility.Kind.SERVICE_DELIVERY,
                "status": Responsibility.Status.ACTIVE,
                "text_en": "Issue Medicare cards at every service centre.",
                "text_fr": "Délivrer les cartes d’assurance-maladie dans chaque centre.",
                "responsible_organization": snb.pk,
                "accountability_owner": owner.pk,
                "recurrence": "none",
            }
        ],
    )

    response = registrar_client.post(reverse("agreements:add"), data)

    assert response.status_code == 302
    agreement = Agreement.objects.get(reference="SNB-2025-001")
    assert agreement.state == Agreement.State.DRAFT
    assert {p.organization for p in agreement.parties.all()} == {snb, health}
    responsibility = agreement.responsibilities.get()
    assert responsibility.responsible_party.organization == snb
    assert responsibility.accountability_owner == owner
    for record in [
        agreement.history.get(),
        Party.history.get(organization=snb),
        responsibility.history.get(),
    ]:
        assert record.history_type == "+"
        assert record.history_user == registrar
        assert record.history_change_reason == str(CREATED_IN_ADMIN)


def test_responsible_party_rejected_when_organisation_is_not_a_party(
    registrar_client, snb_and_health
):
    snb, health = snb_and_health
    data = agreement_form_data(
        parties=[{"organization": snb.pk, "role": Party.Role.LEAD}],
        responsibilities=[
            {
                "text_en": "Report quarterly.",
                "kind": "reporting",
                "status": "active",
                "recurrence": "none",
                "responsible_organization": health.pk,
            }
        ],
    )

    response = registrar_client.post(reverse("agreements:add"), data)

    assert response.status_code == 200
    form = response.context["form"].formsets["responsibilities"].forms[0]
    assert form.errors["responsible_organization"] == [str(PARTY_OF_OTHER_AGREEMENT)]
    assert not Agreement.objects.exists()


def test_accountable_position_rejected_when_outside_responsible_party(
    registrar_client, snb_and_health
):
    snb, health = snb_and_health
    data = agreement_form_data(
        parties=[{"organization": snb.pk, "role": Party.Role.LEAD}],
        responsibilities=[
            {
                "text_en": "Report quarterly.",
                "kind": "reporting",
                "status": "active",
                "responsible_organization": snb.pk,
                "accountability_owner": PositionFactory(organization=health).pk,
                "recurrence": "none",
            }
        ],
    )

    response = registrar_client.post(reverse("agreements:add"), data)

    form = response.context["form"].formsets["responsibilities"].forms[0]
    assert form.errors["accountability_owner"] == [str(OWNER_OUTSIDE_PARTY)]
    assert not Agreement.objects.exists()


def test_duplicate_party_rejected_when_organisation_listed_twice(registrar_client, snb_and_health):
    snb, _health = snb_and_health
    data = agreement_form_data(
        parties=[
            {"organization": snb.pk, "role": Party.Role.LEAD},
            {"organization": snb.pk, "role": Party.Role.FUNDER},
        ]
    )

    response = registrar_client.post(reverse("agreements:add"), data)

    forms = response.context["form"].formsets["parties"].forms
    assert forms[1].errors["organization"] == [str(DUPLICATE_PARTY)]
    assert not Agreement.objects.exists()


def test_expiry_rejected_on_field_when_not_after_effective_date(registrar_client):
    data = agreement_form_data(effective_date="2025-04-01", expiry_date="2025-04-01")

    response = registrar_client.post(reverse("agreements:add"), data)

    form = response.context["form"]
    assert form.errors["expiry_date"] == [str(EXPIRY_NOT_AFTER_EFFECTIVE)]
    assert str(EXPIRY_NOT_AFTER_EFFECTIVE) not in form.non_field_errors()
    assert not Agreement.objects.exists()


def test_duplicate_reference_rejected_when_already_used(registrar_client):
    AgreementFactory(reference="SNB-2025-001")

    response = registrar_client.post(reverse("agreements:add"), agreement_form_data())

    assert response.context["form"].errors["reference"] == [str(DUPLICATE_REFERENCE)]
    assert Agreement.objects.count() == 1


def test_party_removal_refused_when_it_still_has_responsibilities(registrar_client):
    responsibility = ResponsibilityFactory()
    agreement = responsibility.agreement
    url = reverse("agreements:edit", args=[agreement.pk])
    data = edit_form_data(registrar_client, url)
    data["parties-0-DELETE"] = "1"
    history_rows = Party.history.count() + Responsibility.history.count()

    response = registrar_client.post(url, data)

    assert response.status_code == 200
    form = response.context["form"]
    message = str(PARTY_STILL_RESPONSIBLE).format(party=responsibility.responsible_party)
    assert message in form.non_field_errors()
    child = form.formsets["responsibilities"].forms[0]
    assert child.errors["responsible_organization"] == [str(PARTY_BEING_REMOVED)]
    assert Party.objects.filter(pk=responsibility.responsible_party.pk).exists()
    assert Party.history.count() + Responsibility.history.count() == history_rows


def test_party_removed_when_its_responsibilities_move_to_another_party(registrar_client, registrar):
    responsibility = ResponsibilityFactory(accountability_owner=None)
    agreement = responsibility.agreement
    leaving = responsibility.responsible_party
    staying = PartyFactory(agreement=agreement)
    url = reverse("agreements:edit", args=[agreement.pk])
    data = edit_form_data(registrar_client, url)
    data["parties-0-DELETE"] = "1"
    data["responsibilities-0-responsible_organization"] = str(staying.organization_id)

    response = registrar_client.post(url, data)

    assert response.status_code == 302
    assert not Party.objects.filter(pk=leaving.pk).exists()
    responsibility.refresh_from_db()
    assert responsibility.responsible_party == staying
    deletion = Party.history.get(id=leaving.pk, history_type="-")
    assert deletion.history_user == registrar
    assert deletion.history_change_reason == str(EDITED_IN_ADMIN)


def test_unchanged_rows_get_no_history_when_only_the_title_is_edited(registrar_client):
    responsibility = ResponsibilityFactory()
    agreement = responsibility.agreement
    url = reverse("agreements:edit", args=[agreement.pk])
    data = edit_form_data(registrar_client, url)
    data["title_en"] = "Renamed agreement"
    party_rows, responsibility_rows = Party.history.count(), Responsibility.history.count()

    response = registrar_client.post(url, data)

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.title_en == "Renamed agreement"
    assert Party.history.count() == party_rows
    assert Responsibility.history.count() == responsibility_rows


def test_state_unchanged_when_posted_in_the_edit_form(registrar_client):
    agreement = AgreementFactory(effective_date=datetime.date(2024, 1, 1))
    url = reverse("agreements:edit", args=[agreement.pk])
    data = edit_form_data(registrar_client, url)
    data["state"] = Agreement.State.IN_FORCE

    response = registrar_client.post(url, data)

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.state == Agreement.State.DRAFT
