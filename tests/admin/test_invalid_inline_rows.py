"""An invalid inline row on the agreement form is shown on the form, never a server error."""

import pytest
from django.urls import reverse

from agreements.models import Agreement, Party
from tests.admin.conftest import agreement_form_data
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "relation",
    [
        {"kind": "amends", "target": "999999"},
        {"kind": "not-a-kind", "target": ""},
        {"kind": "", "target": "abc"},
    ],
)
def test_form_shown_again_when_a_related_agreement_row_is_invalid(registrar_client, relation):
    organization = OrganizationFactory()
    data = agreement_form_data(
        parties=[{"organization": organization.pk, "role": Party.Role.LEAD}],
        relations=[relation],
    )

    response = registrar_client.post(reverse("agreements:add"), data)

    assert response.status_code == 200
    relation_form = response.context["form"].formsets["relations"].forms[0]
    assert relation_form.errors
    assert not Agreement.objects.filter(reference="SNB-2025-001").exists()
