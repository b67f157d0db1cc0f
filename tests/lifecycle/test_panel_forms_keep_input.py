"""The lifecycle page's panel forms (the parity reason, a later signature) sent with a value the
form or the service refuses come back on the page as typed, with the error on the field it is
about; nothing is recorded."""

import datetime

import pytest
from django.urls import reverse

from agreements.models import Agreement, Signature
from agreements.services.signatures import LATER_DATE_BEFORE_VERSION, LATER_DATE_IN_FUTURE
from agreements.views.lifecycle.actions import NOT_DONE
from tests.factories import agreement_into_force
from tests.lifecycle.test_parity import approved
from tests.lifecycle.test_partial_entry_into_force import multilateral

pytestmark = pytest.mark.django_db


def _url(name, agreement):
    return reverse(f"agreement_lifecycle:{name}", args=(agreement.pk,))


def test_parity_reason_too_long_is_shown_again_as_typed(registrar_client, registrar):
    agreement = approved(summary_fr="", by=registrar)
    typed = (
        "Le texte français est publié par le gouvernement du Québec. " * 40
    )  # 2,399 once stripped

    response = registrar_client.post(_url("parity_exemption", agreement), {"reason": typed})

    assert response.status_code == 200
    html = response.content.decode()
    assert f"{typed}</textarea>" in html
    assert "Ensure this value has at most 2000 characters (it has 2399)." in html
    assert NOT_DONE.format(label="Record the reason") in html
    form = response.context["parity"]["form"]
    assert form.errors == {
        "reason": ["Ensure this value has at most 2000 characters (it has 2399)."]
    }
    assert Agreement.objects.get(pk=agreement.pk).parity_exemption_reason == ""


def test_parity_reason_empty_is_refused_on_the_page(registrar_client, registrar):
    agreement = approved(summary_fr="", by=registrar)

    response = registrar_client.post(_url("parity_exemption", agreement), {"reason": ""})

    assert response.status_code == 200
    assert response.context["parity"]["form"].errors == {"reason": ["This field is required."]}
    assert Agreement.objects.get(pk=agreement.pk).parity_exemption_reason == ""


def test_later_signature_dated_in_the_future_is_shown_again_as_typed(registrar, registrar_client):
    agreement = agreement_into_force(multilateral(), by=registrar)
    late = agreement.parties.get(organization__name_en="Province 3")

    response = registrar_client.post(
        _url("later_signature", agreement), {"party": late.pk, "signed_date": "2999-01-02"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="2999-01-02"' in html
    assert NOT_DONE.format(label="Record the signature") in html
    form = response.context["later_signature"]["form"]
    assert form.errors == {"signed_date": [str(LATER_DATE_IN_FUTURE)]}
    assert form["party"].value() == str(late.pk)
    assert not Signature.objects.filter(later=True).exists()


def test_later_signature_dated_before_the_version_keeps_the_party_chosen(
    registrar, registrar_client
):
    agreement = agreement_into_force(multilateral(), by=registrar)
    version = agreement.versions.get()
    late = agreement.parties.get(organization__name_en="Province 3")
    day_before = version.effective_date - datetime.timedelta(days=1)

    response = registrar_client.post(
        _url("later_signature", agreement),
        {"party": late.pk, "signed_date": day_before.isoformat()},
    )

    assert response.status_code == 200
    form = response.context["later_signature"]["form"]
    expected = (
        f"A later signature cannot be dated before version 1 took effect "
        f"({version.effective_date.isoformat()})."
    )
    assert str(LATER_DATE_BEFORE_VERSION.format(number=1, day=version.effective_date)) == expected
    assert form.errors == {"signed_date": [expected]}
    assert f'<option value="{late.pk}" selected>' in response.content.decode()
    assert not Signature.objects.filter(later=True).exists()


def test_later_signature_without_a_date_is_refused_on_the_page(registrar, registrar_client):
    agreement = agreement_into_force(multilateral(), by=registrar)
    late = agreement.parties.get(organization__name_en="Province 3")

    response = registrar_client.post(_url("later_signature", agreement), {"party": late.pk})

    assert response.status_code == 200
    form = response.context["later_signature"]["form"]
    assert form.errors == {"signed_date": ["This field is required."]}
    assert not Signature.objects.filter(later=True).exists()
