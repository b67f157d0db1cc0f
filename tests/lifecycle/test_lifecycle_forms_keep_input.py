"""A lifecycle form sent with a value missing (or one the lifecycle refuses) comes back with
every typed value kept and the error on the field it is about; nothing is changed."""

import datetime

import pytest
from django.urls import reverse

from agreements import lifecycle
from agreements.models import Agreement, AgreementTransition, Amendment
from agreements.services import amendments as amendment_services
from agreements.views.lifecycle.actions import NOT_DONE
from tests.factories import agreement_into_force

pytestmark = pytest.mark.django_db

State = Agreement.State
REQUIRED = "This field is required."


def _url(name, agreement, *args):
    return reverse(f"agreement_lifecycle:{name}", args=(agreement.pk, *args))


def _shown_form(response, kind, target):
    """The form the re-rendered page shows for the move to `target`."""
    items = response.context["options" if kind == "agreement" else "amendment_options"]
    return next(item["form"] for item in items if item["option"].transition.target == target)


@pytest.fixture
def in_force(registrar):
    return agreement_into_force(by=registrar)


@pytest.fixture
def approved_amendment(in_force, registrar):
    amendment = amendment_services.amendment_open(
        agreement=in_force, by=registrar, title_en="Adds weekend hours"
    )
    amendment = amendment_services.amendment_start_negotiation(amendment=amendment, by=registrar)
    item = in_force.responsibilities.order_by("sort_order", "pk").first()
    item.text_en = "Open on Saturdays."
    item.save()
    amendment = amendment_services.amendment_submit_for_review(amendment=amendment, by=registrar)
    return amendment_services.amendment_approve(amendment=amendment, by=registrar)


def test_terminate_keeps_reason_when_end_date_missing(registrar_client, in_force):
    log_before = AgreementTransition.objects.filter(agreement=in_force).count()
    response = registrar_client.post(
        _url("transition", in_force, State.TERMINATED),
        {"in_force-terminated-comment": "The programme was cancelled by order in council."},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The programme was cancelled by order in council.</textarea>" in html
    assert str(lifecycle.END_DATE_MISSING) in html
    assert NOT_DONE.format(label="Terminate") in html
    form = _shown_form(response, "agreement", State.TERMINATED)
    assert form.errors == {"end_date": [str(lifecycle.END_DATE_MISSING)]}
    in_force.refresh_from_db()
    assert (in_force.state, in_force.ended_on, in_force.end_reason) == (State.IN_FORCE, None, "")
    assert AgreementTransition.objects.filter(agreement=in_force).count() == log_before


def test_terminate_keeps_end_date_when_reason_missing(registrar_client, in_force):
    response = registrar_client.post(
        _url("transition", in_force, State.TERMINATED),
        {"in_force-terminated-end_date": "2024-01-31"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="in_force-terminated-end_date" value="2024-01-31"' in html
    assert str(lifecycle.REASON_MISSING) in html
    form = _shown_form(response, "agreement", State.TERMINATED)
    assert form.errors == {"comment": [str(lifecycle.REASON_MISSING)]}
    assert Agreement.objects.get(pk=in_force.pk).state == State.IN_FORCE


def test_terminate_keeps_reason_and_typed_date_when_date_unreadable(registrar_client, in_force):
    response = registrar_client.post(
        _url("transition", in_force, State.TERMINATED),
        {
            "in_force-terminated-comment": "Merged into the new service centre.",
            "in_force-terminated-end_date": "2024-02-30",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Merged into the new service centre.</textarea>" in html
    assert 'value="2024-02-30"' in html
    assert "Enter a valid date." in html
    assert Agreement.objects.get(pk=in_force.pk).state == State.IN_FORCE


def test_supersede_keeps_comment_when_successor_missing(registrar_client, in_force):
    response = registrar_client.post(
        _url("transition", in_force, State.SUPERSEDED),
        {"in_force-superseded-comment": "Replaced by the 2025 framework."},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Replaced by the 2025 framework.</textarea>" in html
    form = _shown_form(response, "agreement", State.SUPERSEDED)
    assert form.errors == {"successor": [str(lifecycle.SUCCESSOR_MISSING)]}
    assert str(lifecycle.SUCCESSOR_MISSING) in html
    assert Agreement.objects.get(pk=in_force.pk).state == State.IN_FORCE


def test_open_amendment_keeps_typed_values_when_title_missing(registrar_client, in_force):
    response = registrar_client.post(
        _url("amendment_open", in_force),
        {
            "amendment-title_fr": "Ajoute les heures du samedi",
            "amendment-purpose_en": "Citizens asked for weekend service.",
            "amendment-effective_date": "2026-09-01",
            "amendment-comment": "Drafted with the deputy minister's office.",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Ajoute les heures du samedi"' in html
    assert "Citizens asked for weekend service.</textarea>" in html
    assert 'name="amendment-effective_date" value="2026-09-01"' in html
    assert "Drafted with the deputy minister&#x27;s office.</textarea>" in html
    assert response.context["open_form"].errors == {"title_en": [REQUIRED]}
    assert REQUIRED in html
    assert NOT_DONE.format(label="Open amendment") in html
    assert not Amendment.objects.filter(agreement=in_force).exists()


def test_amendment_signature_keeps_signed_date_when_effective_date_missing(
    registrar_client, in_force, approved_amendment
):
    response = registrar_client.post(
        _url("amendment_transition", in_force, approved_amendment.number, "signed"),
        {
            "approved-signed-signed_date": "2024-05-01",
            "approved-signed-comment": "Signed at the joint committee.",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="approved-signed-signed_date" value="2024-05-01"' in html
    assert "Signed at the joint committee.</textarea>" in html
    form = _shown_form(response, "amendment", Amendment.State.SIGNED)
    assert form.errors == {"effective_date": [str(lifecycle.AMENDMENT_EFFECTIVE_DATE_MISSING)]}
    assert str(lifecycle.AMENDMENT_EFFECTIVE_DATE_MISSING) in html
    assert Amendment.objects.get(pk=approved_amendment.pk).state == Amendment.State.APPROVED
    assert list(in_force.versions.values_list("number", flat=True)) == [1]


def test_refusal_of_a_move_not_offered_is_shown_above_the_page(registrar_client, registrar):
    agreement = agreement_into_force(by=registrar)
    agreement.expiry_date = datetime.date(2099, 12, 31)
    agreement.save()
    response = registrar_client.post(
        _url("transition", agreement, State.EXPIRED), {"in_force-expired-comment": "Too soon."}
    )
    assert response.status_code == 200
    expected = lifecycle.NOT_YET_EXPIRED.format(expiry_date="2099-12-31")
    assert [str(message).strip() for message in response.context["messages"]] == [expected]
    assert Agreement.objects.get(pk=agreement.pk).state == State.IN_FORCE


def test_successful_move_still_redirects(registrar_client, in_force):
    response = registrar_client.post(
        _url("transition", in_force, State.TERMINATED),
        {
            "in_force-terminated-comment": "Programme cancelled",
            "in_force-terminated-end_date": "2030-01-31",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _url("overview", in_force)
    assert Agreement.objects.get(pk=in_force.pk).state == State.TERMINATED
