"""The parity gate (agreements/parity.py): a version is not published with content in one
language only unless a registrar recorded why; the edit view warns about one-language edits."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from agreements import parity
from agreements.lifecycle import TransitionError
from agreements.models import Agreement, Amendment, Responsibility
from agreements.services import amendments as amendment_services
from agreements.services import lifecycle as services
from agreements.services.parity import (
    AGREEMENT_ALREADY_PUBLISHED,
    EXEMPTION_REASON_MISSING,
    agreement_parity_exemption_record,
    amendment_parity_exemption_record,
)
from agreements.services.parties import agreement_grants_sync
from tests.factories import UserFactory, agreement_into_force, agreement_ready

pytestmark = pytest.mark.django_db

State = Agreement.State
REASON = "The French text is published by the Government of Québec."
BLOCKED_PREFIX = "Content is filled in one language only, so this version cannot be published: "
BLOCKED_SUFFIX = ". Add the missing text, or a registrar records why on the lifecycle page."


def approved(*, by, **kwargs) -> Agreement:
    """An approved agreement (`agreement_ready(**kwargs)` taken through the services)."""
    agreement = agreement_ready(**kwargs)
    for step in (
        services.agreement_open_negotiation,
        services.agreement_submit_for_review,
        services.agreement_approve,
    ):
        agreement = step(agreement=agreement, by=by)
    return agreement


def first_item(agreement) -> Responsibility:
    return agreement.responsibilities.order_by("sort_order", "pk").first()


def amendment_in_negotiation(agreement, *, by) -> Amendment:
    amendment = amendment_services.amendment_open(
        agreement=agreement, by=by, title_en="Service hours", title_fr="Heures de service"
    )
    return amendment_services.amendment_start_negotiation(amendment=amendment, by=by)


def sign(amendment, *, by) -> None:
    amendment = amendment_services.amendment_submit_for_review(amendment=amendment, by=by)
    amendment = amendment_services.amendment_approve(amendment=amendment, by=by)
    amendment_services.amendment_sign(
        amendment=amendment,
        by=by,
        signed_date=datetime.date(2024, 5, 15),
        effective_date=datetime.date(2024, 6, 1),
    )


# --- the rules ---------------------------------------------------------------------------------


def test_fields_in_one_language_listed_when_agreement_and_clause_miss_one():
    agreement = agreement_ready(summary_fr="", renewal_terms_en="", renewal_terms_fr="")
    item = first_item(agreement)
    item.clause = "4.2"
    item.text_en = ""
    item.service_standard_en, item.service_standard_fr = "Ten business days", "Dix jours"
    item.save()
    assert [str(m) for m in parity.missing_languages(agreement)] == [
        "agreement summary: French missing",
        "clause 4.2 text: English missing",
    ]


def test_nothing_listed_when_every_field_in_both_languages_or_neither():
    agreement = agreement_ready(renewal_terms_en="", renewal_terms_fr="")
    assert parity.missing_languages(agreement) == []


# --- entry into force --------------------------------------------------------------------------


def test_entry_into_force_refused_naming_fields_when_one_language_missing(registrar):
    agreement = approved(title_fr="", by=registrar)
    item = first_item(agreement)
    item.clause = "3.1"
    item.text_fr = ""
    item.save()
    with pytest.raises(TransitionError) as error:
        services.agreement_bring_into_force(agreement=agreement, by=registrar)
    assert error.value.messages == [
        BLOCKED_PREFIX
        + "agreement title: French missing; clause 3.1 text: French missing"
        + BLOCKED_SUFFIX
    ]
    assert Agreement.objects.get(pk=agreement.pk).state == State.APPROVED
    assert not agreement.versions.exists()


def test_entry_into_force_allowed_when_registrar_recorded_why(registrar):
    agreement = approved(title_fr="", by=registrar)
    agreement_parity_exemption_record(agreement=agreement, by=registrar, reason=f"  {REASON} ")
    moved = services.agreement_bring_into_force(agreement=agreement, by=registrar)
    assert moved.state == State.IN_FORCE
    assert moved.versions.get().snapshot["agreement"]["title"]["fr"] == ""
    (record,) = agreement.history.filter(
        history_change_reason=f"Publication in one language only allowed: {REASON}"
    )
    assert (record.history_user, record.parity_exemption_reason) == (registrar, REASON)
    assert record.prev_record.parity_exemption_reason == ""


def test_entry_into_force_allowed_when_both_languages_filled(registrar):
    agreement = approved(by=registrar)
    assert services.agreement_bring_into_force(agreement=agreement, by=registrar).state == (
        State.IN_FORCE
    )


def test_exemption_refused_when_not_a_registrar(liaison_officer_of):
    agreement = agreement_ready(title_fr="")
    officer = liaison_officer_of(agreement.parties.first().organization)
    with pytest.raises(PermissionDenied):
        agreement_parity_exemption_record(agreement=agreement, by=officer, reason=REASON)
    assert Agreement.objects.get(pk=agreement.pk).parity_exemption_reason == ""


def test_exemption_refused_when_reason_blank(registrar):
    agreement = agreement_ready(title_fr="")
    with pytest.raises(ValidationError) as error:
        agreement_parity_exemption_record(agreement=agreement, by=registrar, reason="   ")
    assert error.value.messages == [str(EXEMPTION_REASON_MISSING)]


def test_agreement_exemption_refused_when_already_in_force(registrar):
    agreement = agreement_into_force(by=registrar)
    with pytest.raises(ValidationError) as error:
        agreement_parity_exemption_record(agreement=agreement, by=registrar, reason=REASON)
    assert error.value.messages == [str(AGREEMENT_ALREADY_PUBLISHED)]


# --- amendment signature -----------------------------------------------------------------------


def test_amendment_signature_refused_when_new_text_in_english_only(registrar):
    agreement = agreement_into_force(by=registrar)
    amendment = amendment_in_negotiation(agreement, by=registrar)
    item = first_item(agreement)
    item.clause = "2.4"
    item.text_en = "Deliver the service within five business days."
    item.text_fr = ""
    item.save()
    with pytest.raises(TransitionError) as error:
        sign(amendment, by=registrar)
    assert error.value.messages == [
        BLOCKED_PREFIX + "clause 2.4 text: French missing" + BLOCKED_SUFFIX
    ]
    assert agreement.versions.count() == 1


def test_amendment_signed_when_registrar_recorded_why_on_the_amendment(registrar):
    agreement = agreement_into_force(by=registrar)
    amendment = amendment_in_negotiation(agreement, by=registrar)
    item = first_item(agreement)
    item.text_en, item.text_fr = "Deliver the service within five business days.", ""
    item.save()
    recorded = amendment_parity_exemption_record(amendment=amendment, by=registrar, reason=REASON)
    assert recorded.history.latest().history_change_reason == (
        f"Publication in one language only allowed: {REASON}"
    )
    sign(amendment, by=registrar)
    assert agreement.versions.count() == 2
    assert Amendment.objects.get(pk=amendment.pk).parity_exemption_reason == REASON


def test_agreement_reason_not_reused_when_an_amendment_is_signed(registrar):
    agreement = approved(title_fr="", by=registrar)
    agreement_parity_exemption_record(agreement=agreement, by=registrar, reason=REASON)
    agreement = services.agreement_bring_into_force(agreement=agreement, by=registrar)
    amendment = amendment_in_negotiation(agreement, by=registrar)
    item = first_item(agreement)
    item.text_en = "Deliver the service within five business days."
    item.text_fr = "Offrir le service en cinq jours ouvrables."
    item.save()
    with pytest.raises(TransitionError) as error:
        sign(amendment, by=registrar)
    assert error.value.messages == [
        BLOCKED_PREFIX + "agreement title: French missing" + BLOCKED_SUFFIX
    ]


# --- one-language edits: the warning ----------------------------------------------------------


def test_warning_names_clause_when_english_changed_and_french_not(registrar):
    agreement = agreement_into_force(by=registrar)
    amendment_in_negotiation(agreement, by=registrar)
    item = first_item(agreement)
    item.clause = "5.1"
    item.text_en = "Deliver the service within five business days."
    item.save()
    snapshot = parity.latest_snapshot(agreement)
    assert parity.one_language_edits([item], snapshot) == [
        "Clause 5.1: the text changed in English but not in French. Update both languages "
        "before the version is published."
    ]


def test_warning_names_clause_when_french_changed_and_english_not(registrar):
    agreement = agreement_into_force(by=registrar)
    item = first_item(agreement)
    item.clause = "5.2"
    item.text_fr = "Offrir le service en cinq jours ouvrables."
    snapshot = parity.latest_snapshot(agreement)
    assert parity.one_language_edits([item], snapshot) == [
        "Clause 5.2: the text changed in French but not in English. "
        "Update both languages before the version is published."
    ]


def test_no_warning_when_both_languages_changed_or_neither(registrar):
    agreement = agreement_into_force(by=registrar)
    snapshot = parity.latest_snapshot(agreement)
    unchanged, changed = agreement.responsibilities.order_by("sort_order", "pk")[:2]
    changed.text_en = "Deliver the service within five business days."
    changed.text_fr = "Offrir le service en cinq jours ouvrables."
    assert parity.one_language_edits([unchanged, changed], snapshot) == []


def test_warning_when_new_agreement_has_text_in_one_language_only():
    agreement = agreement_ready(state=State.NEGOTIATION)
    item = first_item(agreement)
    item.clause = "1.1"
    item.text_fr = ""
    item.save()
    assert parity.latest_snapshot(agreement) is None
    assert parity.one_language_edits([item], None) == [
        "Clause 1.1: the text changed in English but not in French. "
        "Update both languages before the version is published."
    ]


def test_edit_page_shows_warning_during_an_amendment(registrar_client, registrar):
    agreement = agreement_into_force(by=registrar)
    amendment_in_negotiation(agreement, by=registrar)
    item = first_item(agreement)
    item.clause = "7.3"
    item.text_en = "Report every quarter."
    item.save()
    response = registrar_client.get(reverse("agreements:edit", args=[agreement.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Clause 7.3: the text changed in English but not in French." in content


def test_edit_page_shows_no_warning_when_both_languages_match(registrar_client, registrar):
    agreement = agreement_into_force(by=registrar)
    amendment_in_negotiation(agreement, by=registrar)
    response = registrar_client.get(reverse("agreements:edit", args=[agreement.pk]))
    assert response.status_code == 200
    assert "text changed but the" not in response.content.decode()


# --- the lifecycle page ------------------------------------------------------------------------


def _lifecycle(agreement, name="overview"):
    return reverse(f"agreement_lifecycle:{name}", args=[agreement.pk])


def test_lifecycle_page_lists_fields_and_offers_form_when_registrar(registrar_client, registrar):
    agreement = approved(summary_fr="", by=registrar)
    content = registrar_client.get(_lifecycle(agreement)).content.decode()
    assert "agreement summary: French missing" in content
    assert 'action="{}"'.format(_lifecycle(agreement, "parity_exemption")) in content


def test_lifecycle_page_offers_no_form_when_liaison_officer(client, liaison_officer_of, registrar):
    agreement = approved(summary_fr="", by=registrar)
    agreement_grants_sync(agreement=agreement)
    client.force_login(liaison_officer_of(agreement.parties.first().organization))
    content = client.get(_lifecycle(agreement)).content.decode()
    assert "agreement summary: French missing" in content
    assert _lifecycle(agreement, "parity_exemption") not in content


def test_reason_recorded_through_admin_when_registrar(registrar_client, registrar):
    agreement = approved(summary_fr="", by=registrar)
    response = registrar_client.post(
        _lifecycle(agreement, "parity_exemption"), {"reason": REASON}, follow=True
    )
    assert Agreement.objects.get(pk=agreement.pk).parity_exemption_reason == REASON
    assert REASON in response.content.decode()
    moved = services.agreement_bring_into_force(agreement=agreement, by=registrar)
    assert moved.state == State.IN_FORCE


def test_reason_recorded_on_open_amendment_through_admin(registrar_client, registrar):
    agreement = agreement_into_force(by=registrar)
    amendment = amendment_in_negotiation(agreement, by=registrar)
    registrar_client.post(_lifecycle(agreement, "parity_exemption"), {"reason": REASON})
    assert Amendment.objects.get(pk=amendment.pk).parity_exemption_reason == REASON
    assert Agreement.objects.get(pk=agreement.pk).parity_exemption_reason == ""


def test_reason_refused_through_admin_when_liaison_officer(client, liaison_officer_of, registrar):
    agreement = approved(summary_fr="", by=registrar)
    agreement_grants_sync(agreement=agreement)
    client.force_login(liaison_officer_of(agreement.parties.first().organization))
    response = client.post(_lifecycle(agreement, "parity_exemption"), {"reason": REASON})
    # Wagtail answers a PermissionDenied in the admin by sending the user to the dashboard.
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    assert Agreement.objects.get(pk=agreement.pk).parity_exemption_reason == ""


def test_reason_refused_through_admin_when_agreement_hidden(client, registrar):
    agreement = approved(summary_fr="", by=registrar)
    outsider = UserFactory(is_staff=True)
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    response = client.post(_lifecycle(agreement, "parity_exemption"), {"reason": REASON})
    assert response.status_code == 404
    assert Agreement.objects.get(pk=agreement.pk).parity_exemption_reason == ""
