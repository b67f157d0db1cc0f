"""The admin edit form obeys the lifecycle: an in-force agreement changes only by amendment."""

import datetime

import pytest
from django.urls import reverse

from agreements.lifecycle import NOT_EDITABLE_IN_FORCE, NOT_EDITABLE_UNDER_REVIEW
from agreements.models import Agreement
from tests.admin.conftest import edit_form_data
from tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("state", "message"),
    [
        (Agreement.State.IN_FORCE, NOT_EDITABLE_IN_FORCE),
        (Agreement.State.REVIEW, NOT_EDITABLE_UNDER_REVIEW),
    ],
)
def test_edit_refused_with_message_when_lifecycle_forbids_it(registrar_client, state, message):
    agreement = AgreementFactory(effective_date=datetime.date(2024, 1, 1))
    url = reverse("agreements:edit", args=[agreement.pk])
    data = edit_form_data(registrar_client, url)
    Agreement.objects.filter(pk=agreement.pk).update(state=state)
    data["title_en"] = "A quiet rewrite"

    response = registrar_client.post(url, data)

    assert response.status_code == 200
    assert str(message) in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.title_en != "A quiet rewrite"


def test_edit_saved_when_agreement_in_negotiation(registrar_client):
    agreement = AgreementFactory(state=Agreement.State.NEGOTIATION)
    url = reverse("agreements:edit", args=[agreement.pk])
    data = edit_form_data(registrar_client, url)
    data["title_en"] = "Negotiated title"

    response = registrar_client.post(url, data)

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.title_en == "Negotiated title"


def test_edit_page_links_to_lifecycle_when_rendered(registrar_client):
    agreement = AgreementFactory()
    response = registrar_client.get(reverse("agreements:edit", args=[agreement.pk]))
    assert reverse("agreement_lifecycle:overview", args=[agreement.pk]) in response.content.decode()


def test_edit_refused_when_agreement_goes_under_review_between_check_and_save(
    registrar_client, monkeypatch
):
    """The lifecycle is asked again under the agreement's lock: a submission for review that
    commits after the form's first check (a race) still stops the edit."""
    import agreements.views.viewsets as viewsets

    agreement = AgreementFactory(state=Agreement.State.NEGOTIATION)
    url = reverse("agreements:edit", args=[agreement.pk])
    data = edit_form_data(registrar_client, url)
    data["title_en"] = "Slipped in during review"
    real_check = viewsets.agreement_assert_editable
    calls = []

    def check_then_submit(checked):
        calls.append(checked.pk)
        real_check(checked)
        if len(calls) == 1:  # another officer's submission commits right after the first check
            Agreement.objects.filter(pk=agreement.pk).update(state=Agreement.State.REVIEW)

    monkeypatch.setattr(viewsets, "agreement_assert_editable", check_then_submit)

    response = registrar_client.post(url, data)

    assert response.status_code == 200
    assert str(NOT_EDITABLE_UNDER_REVIEW) in response.content.decode()
    assert len(calls) == 2
    agreement.refresh_from_db()
    assert agreement.title_en != "Slipped in during review"
