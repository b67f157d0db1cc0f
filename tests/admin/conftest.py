import datetime

import pytest
from django.contrib.auth.models import Permission

from agreements.models import AgreementRelation, DeliveryChannel
from tests.factories import (
    AgreementFactory,
    AppointmentFactory,
    GovernanceBodyFactory,
    PartyFactory,
    PositionFactory,
    ResponsibilityFactory,
    ServiceAreaFactory,
    UserFactory,
)


@pytest.fixture
def registry_rows(db):
    """One row of every model the admin manages, linked the way real data is."""
    # A draft: registrars may delete an agreement only while it was never signed.
    agreement = AgreementFactory(
        effective_date=datetime.date(2025, 4, 1), expiry_date=datetime.date(2030, 3, 31)
    )
    party = PartyFactory(agreement=agreement)
    responsibility = ResponsibilityFactory(agreement=agreement, responsible_party=party)
    other = AgreementFactory()
    relation = AgreementRelation.objects.create(
        source=other, kind=AgreementRelation.Kind.AMENDS, target=agreement
    )
    appointment = AppointmentFactory(
        position=PositionFactory(organization=party.organization),
        start_date=datetime.date(2022, 7, 1),
    )
    area = ServiceAreaFactory()
    agreement.service_areas.add(area)
    body = GovernanceBodyFactory(chair=appointment.position)
    body.members.add(appointment.position)
    return {
        "agreements": agreement,
        "parties": party,
        "responsibilities": responsibility,
        "agreement_relations": relation,
        "jurisdictions": party.organization.jurisdiction,
        "organisations": party.organization,
        "positions": appointment.position,
        "people": appointment.person,
        "appointments": appointment,
        "service_areas": area,
        "delivery_channels": DeliveryChannel.objects.first(),
        "governance_bodies": body,
    }


@pytest.fixture
def staff_without_role(db):
    """Staff who may enter the Wagtail admin but hold no registrar role."""
    user = UserFactory(username="staff-no-role", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user


def agreement_form_data(
    *, parties=(), responsibilities=(), relations=(), financial_commitments=(), **fields
):
    """POST data for the agreement create form, with its four inline formsets."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    data = {
        "reference": "SNB-2025-001",
        "title_en": "Medicare card services at Service New Brunswick centres",
        "title_fr": "Services de carte d’assurance-maladie dans les centres de SNB",
        "summary_en": "",
        "summary_fr": "",
        "agreement_type": "service_delivery",
        "visibility": "public",
        "signed_date": "",
        "effective_date": "",
        "expiry_date": "",
        "next_review_date": "",
        "notice_period_days": "90",
        "renewal_terms_en": "",
        "renewal_terms_fr": "",
        "governing_body": "",
    }
    data.update(fields)
    data.update(
        nested_form_data(
            {
                "parties": inline_formset(list(parties)),
                "responsibilities": inline_formset(list(responsibilities)),
                "relations": inline_formset(list(relations)),
                "financial_commitments": inline_formset(list(financial_commitments)),
            }
        )
    )
    return data


def edit_form_data(client, url):
    """The edit form's current values, as a browser would submit them unchanged."""
    from wagtail.test.utils.form_data import querydict_from_html

    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="w-editor-form")
    return {key: data.getlist(key) if len(data.getlist(key)) > 1 else data[key] for key in data}
