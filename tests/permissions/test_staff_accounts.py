"""Staff accounts are deactivated, never deleted, so history keeps its authors."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from jurisdictions.roles import registrars_group_ensure
from jurisdictions.staff import (
    CANNOT_DEACTIVATE_SELF,
    STAFF_ACCOUNTS_NOT_DELETED,
    user_deactivate,
    user_reactivate,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def messages_of(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


def test_account_kept_when_superuser_confirms_delete_in_admin(registrar_client):
    officer = UserFactory()
    url = reverse("wagtailusers_users:delete", args=[officer.pk])
    response = registrar_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailusers_users:edit", args=[officer.pk])
    assert User.objects.filter(pk=officer.pk).exists()
    assert messages_of(response) == [str(STAFF_ACCOUNTS_NOT_DELETED)]


def test_delete_page_not_shown_when_superuser_opens_it(registrar_client):
    officer = UserFactory()
    response = registrar_client.get(reverse("wagtailusers_users:delete", args=[officer.pk]))
    assert response.status_code == 302
    assert User.objects.filter(pk=officer.pk).exists()


def test_accounts_kept_when_superuser_bulk_deletes_in_admin(registrar_client):
    officers = UserFactory.create_batch(2)
    url = reverse(
        "wagtail_bulk_action", args=[User._meta.app_label, User._meta.model_name, "delete"]
    )
    query = "&".join(f"id={officer.pk}" for officer in officers)
    response = registrar_client.post(
        f"{url}?{query}", {"next": reverse("wagtailusers_users:index")}
    )
    assert response.status_code == 302
    assert User.objects.filter(pk__in=[o.pk for o in officers]).count() == 2


def test_registrars_group_cannot_delete_accounts_when_not_superuser():
    registrar = UserFactory()
    registrar.groups.add(registrars_group_ensure())
    assert registrar.has_perm("auth.change_user")
    assert not registrar.has_perm("auth.delete_user")


def test_account_deactivated_and_kept_when_registrar_deactivates(registrar):
    officer = UserFactory()
    user_deactivate(user=officer, by=registrar)
    officer.refresh_from_db()
    assert officer.is_active is False
    user_reactivate(user=officer, by=registrar)
    officer.refresh_from_db()
    assert officer.is_active is True


def test_deactivation_refused_when_not_a_registrar():
    with pytest.raises(PermissionDenied):
        user_deactivate(user=UserFactory(), by=UserFactory())


def test_deactivation_refused_when_registrar_deactivates_self(registrar):
    with pytest.raises(ValidationError) as error:
        user_deactivate(user=registrar, by=registrar)
    assert error.value.messages == [str(CANNOT_DEACTIVATE_SELF)]
