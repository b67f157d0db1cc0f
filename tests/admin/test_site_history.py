"""Wagtail's log entries (site history report, its filters) name an agreement, or a row of one,
only to staff who may see that agreement."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from agreements.models import Agreement, Party
from tests.admin.conftest import agreement_form_data, edit_form_data
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

DRAFT_REFERENCE = "CONF-DRAFT-001"
DRAFT_TITLE = "Cabinet-confidential draft on border services"
EDITED_TITLE = "Cabinet-confidential draft, second reading"
SITE_HISTORY_URLS = (
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:site_history_results",
)


@pytest.fixture
def party_organization():
    return OrganizationFactory(name_en="Service New Brunswick")


@pytest.fixture
def logged_draft(registrar_client, party_organization):
    """A draft created and then edited in the admin by a registrar: Wagtail logs both, with the
    agreement's reference and title as the entries' label; its party is edited on its own too."""
    data = agreement_form_data(
        reference=DRAFT_REFERENCE,
        title_en=DRAFT_TITLE,
        visibility=Agreement.Visibility.RESTRICTED,
        parties=[{"organization": party_organization.pk, "role": Party.Role.LEAD}],
    )
    assert registrar_client.post(reverse("agreements:add"), data).status_code == 302
    agreement = Agreement.objects.get(reference=DRAFT_REFERENCE)
    url = reverse("agreements:edit", args=[agreement.pk])
    data = edit_form_data(registrar_client, url)
    data["title_en"] = EDITED_TITLE
    assert registrar_client.post(url, data).status_code == 302
    party = agreement.parties.get()
    party_url = reverse("parties:edit", args=[party.pk])
    party_data = edit_form_data(registrar_client, party_url)
    party_data["role"] = Party.Role.PARTY
    assert registrar_client.post(party_url, party_data).status_code == 302
    assert ModelLogEntry.objects.filter(label__contains=DRAFT_REFERENCE).count() == 2
    return agreement


def site_history(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("url_name", SITE_HISTORY_URLS)
def test_draft_absent_from_site_history_when_liaison_officer_of_other_organisation(
    client, liaison_officer_of, logged_draft, url_name
):
    client.force_login(liaison_officer_of(OrganizationFactory()))

    body = site_history(client, url_name)

    assert DRAFT_REFERENCE not in body
    assert DRAFT_TITLE not in body
    assert EDITED_TITLE not in body


@pytest.mark.parametrize("url_name", SITE_HISTORY_URLS)
def test_draft_absent_from_site_history_when_minister_office_of_other_organisation(
    client, minister_office_of, logged_draft, url_name
):
    client.force_login(minister_office_of(OrganizationFactory()))

    body = site_history(client, url_name)

    assert DRAFT_REFERENCE not in body
    assert EDITED_TITLE not in body


def test_draft_absent_from_site_history_filtered_by_name_when_not_a_party(
    client, liaison_officer_of, logged_draft
):
    client.force_login(liaison_officer_of(OrganizationFactory()))

    response = client.get(
        reverse("wagtailadmin_reports:site_history_results"), {"label": DRAFT_REFERENCE}
    )

    body = response.content.decode()
    assert response.status_code == 200
    # The filter echoes the name searched for; no entry may add the title.
    assert DRAFT_TITLE not in body
    assert EDITED_TITLE not in body


def test_draft_absent_from_site_history_export_when_not_a_party(
    client, minister_office_of, logged_draft
):
    client.force_login(minister_office_of(OrganizationFactory()))

    response = client.get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"})

    assert response.status_code == 200
    assert DRAFT_REFERENCE not in b"".join(response.streaming_content).decode()


def test_draft_listed_in_site_history_when_liaison_officer_of_a_party(
    client, liaison_officer_of, logged_draft, party_organization
):
    client.force_login(liaison_officer_of(party_organization))

    body = site_history(client, "wagtailadmin_reports:site_history_results")

    assert f"{DRAFT_REFERENCE} — {DRAFT_TITLE}" in body
    assert f"{DRAFT_REFERENCE} — {EDITED_TITLE}" in body


def test_draft_listed_in_site_history_when_minister_office_of_a_party(
    client, minister_office_of, logged_draft, party_organization
):
    client.force_login(minister_office_of(party_organization))

    body = site_history(client, "wagtailadmin_reports:site_history_results")

    assert f"{DRAFT_REFERENCE} — {EDITED_TITLE}" in body


def test_party_entry_hidden_when_its_agreement_is_not_visible(liaison_officer_of, logged_draft):
    outsider = liaison_officer_of(OrganizationFactory())
    party = logged_draft.parties.get()

    visible = ModelLogEntry.objects.viewable_by_user(outsider)

    assert not visible.filter(object_id=str(logged_draft.pk), label__contains=DRAFT_REFERENCE)
    assert not visible.filter(object_id=str(party.pk), content_type__model="party")


def test_party_entry_kept_when_its_agreement_is_visible(
    liaison_officer_of, logged_draft, party_organization, registrar
):
    from django.contrib.auth.models import Permission

    officer = liaison_officer_of(party_organization)
    # Model-level permission on parties, so that Wagtail itself would list their entries.
    officer.user_permissions.add(Permission.objects.get(codename="view_party"))
    party = logged_draft.parties.get()

    visible = ModelLogEntry.objects.viewable_by_user(officer)

    assert visible.filter(object_id=str(party.pk), content_type__model="party").count() == 1
    assert (
        visible.filter(object_id=str(logged_draft.pk), content_type__model="agreement").count() == 2
    )


def test_every_entry_listed_in_site_history_when_registrar(registrar_client, logged_draft):
    body = site_history(registrar_client, "wagtailadmin_reports:site_history_results")

    assert f"{DRAFT_REFERENCE} — {EDITED_TITLE}" in body


def _names_an_agreement(model, depth=3) -> bool:
    if model is Agreement:
        return True
    if depth == 0:
        return False
    return any(
        field.many_to_one and _names_an_agreement(field.related_model, depth - 1)
        for field in model._meta.concrete_fields
    )


def test_every_model_of_agreement_rows_filtered_when_listing_log_entries():
    """A new model whose rows belong to an agreement must say how to reach it, or its log
    entries would be listed to everybody with a model permission."""
    from django.apps import apps

    from agreements.permissions import AGREEMENT_ROW_PATHS

    belonging = {
        model
        for model in apps.get_app_config("agreements").get_models()
        if _names_an_agreement(model)
        and not model.__name__.startswith("Historical")
        and not model.__name__.endswith("ObjectPermission")
    }

    assert belonging == set(AGREEMENT_ROW_PATHS)
