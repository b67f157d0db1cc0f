"""The per-agreement guard on every agreement admin URL (Wagtail checks model permissions only)."""

import pytest
from django.urls import reverse

from agreements import permissions
from agreements.permissions import AgreementPermissionPolicy

pytestmark = pytest.mark.django_db

AGREEMENT_ROWS = ["agreements", "parties", "responsibilities", "agreement_relations"]

# Requests follow redirects: LocaleMiddleware may send a 404 on an unprefixed path to its /en/
# twin, which is a 404 as well; a permission refusal would end on the admin home (200) instead.


@pytest.fixture
def staff_client(client, staff_without_role):
    client.force_login(staff_without_role)
    return client


@pytest.fixture
def listing_allowed(monkeypatch):
    """Model-level permission to use the agreement listings, as a role would give, without any
    agreement being visible to the user."""
    monkeypatch.setattr(AgreementPermissionPolicy, "user_has_permission", lambda *args: True)


@pytest.mark.parametrize("view", ["edit", "change_history", "inspect", "delete"])
@pytest.mark.parametrize("name", AGREEMENT_ROWS)
def test_object_pages_not_found_when_staff_cannot_see_agreement(
    staff_client, registry_rows, name, view
):
    obj = registry_rows[name]

    response = staff_client.get(reverse(f"{name}:{view}", args=[obj.pk]), follow=True)

    assert response.status_code == 404


@pytest.mark.parametrize("view", ["edit", "change_history", "inspect", "delete"])
def test_object_pages_not_found_even_with_model_permission_when_agreement_invisible(
    staff_client, registry_rows, listing_allowed, view
):
    agreement = registry_rows["agreements"]

    response = staff_client.get(reverse(f"agreements:{view}", args=[agreement.pk]), follow=True)

    assert response.status_code == 404


def test_edit_post_changes_nothing_when_staff_cannot_see_agreement(staff_client, registry_rows):
    agreement = registry_rows["agreements"]

    response = staff_client.post(
        reverse("agreements:edit", args=[agreement.pk]), {"title_en": "Hijacked"}, follow=True
    )

    assert response.status_code == 404
    agreement.refresh_from_db()
    assert agreement.title_en != "Hijacked"


@pytest.mark.parametrize("name", AGREEMENT_ROWS)
def test_listing_has_no_rows_when_staff_sees_no_agreement(
    staff_client, registry_rows, listing_allowed, name
):
    response = staff_client.get(reverse(f"{name}:index"))

    assert response.status_code == 200
    assert list(response.context["object_list"]) == []
    assert registry_rows["agreements"].reference not in response.content.decode()


def test_edit_forbidden_but_history_shown_when_user_may_view_only(
    staff_client, registry_rows, listing_allowed, monkeypatch
):
    # Every permission answer comes from AgreementAccess (user_can and the admin guard alike).
    monkeypatch.setattr(
        permissions.AgreementAccess, "can", lambda self, action, agreement: action == "view"
    )
    agreement = registry_rows["agreements"]

    edit = staff_client.get(reverse("agreements:edit", args=[agreement.pk]))
    history = staff_client.get(reverse("agreements:change_history", args=[agreement.pk]))

    # Wagtail answers PermissionDenied in the admin with a redirect and an error message.
    assert edit.status_code == 302
    assert history.status_code == 200


def test_agreement_chooser_hides_agreements_the_user_cannot_see(staff_client, registry_rows):
    agreement = registry_rows["agreements"]

    listing = staff_client.get(reverse("agreement_chooser:choose_results"))
    chosen = staff_client.get(reverse("agreement_chooser:chosen", args=[agreement.pk]), follow=True)

    assert agreement.reference not in listing.content.decode()
    assert chosen.status_code == 404


def test_agreement_chooser_lists_agreements_when_registrar_signed_in(
    registrar_client, registry_rows
):
    agreement = registry_rows["agreements"]

    listing = registrar_client.get(
        reverse("agreement_chooser:choose_results"), {"q": agreement.reference}
    )
    chosen = registrar_client.get(reverse("agreement_chooser:chosen", args=[agreement.pk]))

    assert agreement.reference in listing.content.decode()
    assert chosen.status_code == 200
