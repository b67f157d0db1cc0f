"""The public index follows the lifecycle: signing publishes, restricting removes."""

import pytest
from django.urls import reverse

from agreements import search
from agreements.models import Agreement
from tests.admin.conftest import edit_form_data
from tests.factories import agreement_into_force, agreement_ready

pytestmark = pytest.mark.django_db(transaction=True)


def test_agreement_searchable_when_brought_into_force(registrar):
    agreement = agreement_into_force(by=registrar, title_en="Quokka licensing arrangement")

    assert search.search("quokka").ids == [agreement.pk]


def test_agreement_not_searchable_when_only_approved(registrar):
    agreement_ready(title_en="Wombat licensing arrangement")

    assert search.search("wombat").ids == []


def test_agreement_leaves_index_when_made_restricted_in_admin(registrar, client):
    client.force_login(registrar)
    agreement = agreement_into_force(by=registrar, title_en="Echidna permit service")
    assert search.search("echidna").ids == [agreement.pk]
    # Restricting is allowed while an amendment is negotiated; simulate the editable window.
    Agreement.objects.filter(pk=agreement.pk).update(state=Agreement.State.NEGOTIATION)
    url = reverse("agreements:edit", args=[agreement.pk])
    data = edit_form_data(client, url)
    data["visibility"] = Agreement.Visibility.RESTRICTED

    response = client.post(url, data)

    assert response.status_code == 302
    assert search.search("echidna").ids == []
