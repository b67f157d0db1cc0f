"""Two people edit the same agreement: a save from a form opened before someone else's save is
refused, says what changed since, and keeps what was typed; nothing is overwritten."""

import pytest
from django.test import Client
from django.urls import reverse

from agreements.models import Agreement, Party, Responsibility
from agreements.views.base import EDITED_IN_ADMIN
from registry.concurrency import STALE_EDIT
from tests.admin.conftest import edit_form_data
from tests.factories import (
    AgreementFactory,
    OrganizationFactory,
    PartyFactory,
    PositionFactory,
    ResponsibilityFactory,
)

pytestmark = pytest.mark.django_db

FIRST_TITLE = "Medicare card services, renewed"
FIRST_TEXT = "Issue Medicare cards within five business days."
SECOND_SUMMARY = "A summary typed by the second officer."


@pytest.fixture
def two_officers(liaison_officer_of):
    organization = OrganizationFactory(name_en="Service New Brunswick", acronym_en="SNB")
    agreement = AgreementFactory(title_en="Medicare card services")
    party = PartyFactory(agreement=agreement, organization=organization)
    responsibility = ResponsibilityFactory(
        agreement=agreement,
        responsible_party=party,
        text_en="Issue Medicare cards within ten business days.",
    )
    from agreements.services.parties import agreement_grants_sync

    agreement_grants_sync(agreement=agreement)
    clients = []
    for name in ("first-officer", "second-officer"):
        client = Client()
        client.force_login(liaison_officer_of(organization, username=name))
        clients.append(client)
    return agreement, responsibility, clients


def non_field_errors(response) -> list[str]:
    return [str(error) for error in response.context["form"].non_field_errors()]


def test_stale_save_refused_with_changes_listed_when_another_officer_saved_first(two_officers):
    agreement, responsibility, (first, second) = two_officers
    url = reverse("agreements:edit", args=[agreement.pk])
    first_data = edit_form_data(first, url)
    second_data = edit_form_data(second, url)
    old_title, old_text = agreement.title_en, responsibility.text_en
    first_data["title_en"] = FIRST_TITLE
    first_data["responsibilities-0-text_en"] = FIRST_TEXT
    assert first.post(url, first_data).status_code == 302
    second_data["summary_en"] = SECOND_SUMMARY
    history_rows = Agreement.history.count() + Responsibility.history.count()

    response = second.post(url, second_data)

    assert response.status_code == 200
    errors = non_field_errors(response)
    assert str(STALE_EDIT).format(model="agreement") in errors
    listed = "\n".join(errors)
    assert f"Title (English): “{old_title}” → “{FIRST_TITLE}”" in listed
    assert f"Obligation (English): “{old_text}” → “{FIRST_TEXT}”" in listed
    assert "first-officer" in listed
    # What the second officer typed is shown again, not lost.
    assert response.context["form"]["summary_en"].value() == SECOND_SUMMARY
    assert SECOND_SUMMARY in response.content.decode()
    # Nothing was saved: the first officer's changes stand.
    agreement.refresh_from_db()
    responsibility.refresh_from_db()
    assert agreement.title_en == FIRST_TITLE
    assert responsibility.text_en == FIRST_TEXT
    assert agreement.summary_en != SECOND_SUMMARY
    assert Agreement.history.count() + Responsibility.history.count() == history_rows


def test_second_save_applies_when_resubmitted_after_the_refusal(two_officers):
    agreement, _responsibility, (first, second) = two_officers
    url = reverse("agreements:edit", args=[agreement.pk])
    first_data = edit_form_data(first, url)
    second_data = edit_form_data(second, url)
    first_data["title_en"] = FIRST_TITLE
    assert first.post(url, first_data).status_code == 302
    second_data["summary_en"] = SECOND_SUMMARY
    refused = second.post(url, second_data)
    assert refused.status_code == 200

    # The re-shown form carries the current revision: saving it again is a deliberate choice.
    again = {key: refused.context["form"].data.getlist(key) for key in refused.context["form"].data}
    again["title_en"] = FIRST_TITLE
    response = second.post(url, again)

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.title_en, agreement.summary_en) == (FIRST_TITLE, SECOND_SUMMARY)


def test_stale_save_refused_when_a_responsibility_was_added_meanwhile(two_officers):
    agreement, responsibility, (first, second) = two_officers
    url = reverse("agreements:edit", args=[agreement.pk])
    second_data = edit_form_data(second, url)
    ResponsibilityFactory(
        agreement=agreement,
        responsible_party=responsibility.responsible_party,
        clause="9.9",
        text_en="Report quarterly on wait times.",
    )
    second_data["summary_en"] = SECOND_SUMMARY

    response = second.post(url, second_data)

    assert response.status_code == 200
    listed = "\n".join(non_field_errors(response))
    assert "Responsibility: 9.9 was added" in listed
    assert Agreement.objects.get(pk=agreement.pk).summary_en != SECOND_SUMMARY


def test_stale_save_refused_when_a_party_was_edited_on_its_own_page(two_officers, registrar):
    agreement, responsibility, (first, second) = two_officers
    url = reverse("agreements:edit", args=[agreement.pk])
    second_data = edit_form_data(second, url)
    party = responsibility.responsible_party
    party_url = reverse("parties:edit", args=[party.pk])
    party_data = edit_form_data(first, party_url)
    party_data["role"] = Party.Role.LEAD
    assert first.post(party_url, party_data).status_code == 302
    second_data["summary_en"] = SECOND_SUMMARY

    response = second.post(url, second_data)

    assert response.status_code == 200
    assert "Role: “Party” → “Lead party”" in "\n".join(non_field_errors(response))
    party.refresh_from_db()
    assert party.role == Party.Role.LEAD


def test_edit_saved_with_history_when_form_is_current(two_officers):
    agreement, _responsibility, (first, _second) = two_officers
    url = reverse("agreements:edit", args=[agreement.pk])
    data = edit_form_data(first, url)
    data["summary_en"] = SECOND_SUMMARY

    response = first.post(url, data)

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.summary_en == SECOND_SUMMARY
    record = agreement.history.latest()
    assert record.history_user.username == "first-officer"
    assert record.history_change_reason == str(EDITED_IN_ADMIN)
    assert record.summary_en == SECOND_SUMMARY


@pytest.mark.parametrize("revision", [None, "", "abc", "1\x00", "9" * 400, "-1"])
def test_stale_save_refused_when_the_revision_is_missing_or_malformed(registrar_client, revision):
    agreement = PartyFactory().agreement
    url = reverse("agreements:edit", args=[agreement.pk])
    data = edit_form_data(registrar_client, url)
    data.pop("edit_revision")
    if revision is not None:
        data["edit_revision"] = revision
    data["title_en"] = "Renamed without a revision"

    response = registrar_client.post(url, data)

    assert response.status_code == 200
    assert str(STALE_EDIT).format(model="agreement") in non_field_errors(response)
    assert Agreement.objects.get(pk=agreement.pk).title_en != "Renamed without a revision"


def test_stale_responsibility_save_refused_when_edited_meanwhile_on_its_own_page(two_officers):
    _agreement, responsibility, (first, second) = two_officers
    url = reverse("responsibilities:edit", args=[responsibility.pk])
    first_data = edit_form_data(first, url)
    second_data = edit_form_data(second, url)
    old_text = responsibility.text_en
    first_data["text_en"] = FIRST_TEXT
    assert first.post(url, first_data).status_code == 302
    second_data["clause"] = "7.7"
    history_rows = Responsibility.history.count()

    response = second.post(url, second_data)

    assert response.status_code == 200
    errors = non_field_errors(response)
    assert str(STALE_EDIT).format(model="responsibility") in errors
    listed = "\n".join(errors)
    assert f"Obligation (English): “{old_text}” → “{FIRST_TEXT}” (by first-officer)" in listed
    assert response.context["form"]["clause"].value() == "7.7"
    responsibility.refresh_from_db()
    assert (responsibility.text_en, responsibility.clause) != (FIRST_TEXT, "7.7")
    assert responsibility.text_en == FIRST_TEXT
    assert Responsibility.history.count() == history_rows


def test_stale_agreement_save_refused_when_its_responsibility_was_edited_on_its_own(
    two_officers,
):
    agreement, responsibility, (first, second) = two_officers
    url = reverse("agreements:edit", args=[agreement.pk])
    second_data = edit_form_data(second, url)
    row_url = reverse("responsibilities:edit", args=[responsibility.pk])
    row_data = edit_form_data(first, row_url)
    row_data["text_en"] = FIRST_TEXT
    assert first.post(row_url, row_data).status_code == 302
    second_data["summary_en"] = SECOND_SUMMARY

    response = second.post(url, second_data)

    assert response.status_code == 200
    assert FIRST_TEXT in "\n".join(non_field_errors(response))
    responsibility.refresh_from_db()
    assert responsibility.text_en == FIRST_TEXT


def test_stale_responsibility_save_refused_when_agreement_form_changed_it(two_officers):
    agreement, responsibility, (first, second) = two_officers
    row_url = reverse("responsibilities:edit", args=[responsibility.pk])
    second_data = edit_form_data(second, row_url)
    url = reverse("agreements:edit", args=[agreement.pk])
    first_data = edit_form_data(first, url)
    first_data["responsibilities-0-text_en"] = FIRST_TEXT
    assert first.post(url, first_data).status_code == 302
    second_data["clause"] = "7.7"

    response = second.post(row_url, second_data)

    assert response.status_code == 200
    assert FIRST_TEXT in "\n".join(non_field_errors(response))
    responsibility.refresh_from_db()
    assert (responsibility.text_en, responsibility.clause) != (FIRST_TEXT, "7.7")
    assert responsibility.text_en == FIRST_TEXT


def test_accountable_position_named_when_changed_meanwhile(two_officers):
    _agreement, responsibility, (first, second) = two_officers
    url = reverse("responsibilities:edit", args=[responsibility.pk])
    first_data = edit_form_data(first, url)
    second_data = edit_form_data(second, url)
    old_owner = responsibility.accountability_owner
    new_owner = PositionFactory(
        organization=responsibility.responsible_party.organization, title_en="Chief Registrar"
    )
    first_data["accountability_owner"] = str(new_owner.pk)
    assert first.post(url, first_data).status_code == 302

    response = second.post(url, second_data)

    assert response.status_code == 200
    listed = "\n".join(non_field_errors(response))
    assert f"“{old_owner}” → “{new_owner}”" in listed
