"""Two-factor authentication is enforced on every admin page: registrars and ministers' offices
must set it up; whoever has it must enter a code before reaching any admin page."""

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from agreements.services.parties import party_add
from tests.factories import AgreementFactory

pytestmark = [pytest.mark.django_db, pytest.mark.real_2fa]


def admin_urls(agreement):
    return [
        reverse("wagtailadmin_home"),
        reverse("agreements:index"),
        reverse("agreements:edit", args=[agreement.pk]),
        reverse("wagtailadmin_account"),
        reverse("wagtailusers_users:index"),
        reverse("accounts_two_factor"),
    ]


@pytest.fixture
def agreement(organization, registrar):
    agreement = AgreementFactory()
    party_add(agreement=agreement, organization=organization, by=registrar)
    return agreement


def expected_redirect(url_name, next_url):
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def test_registrar_sent_to_enrolment_when_no_authenticator(client, registrar, agreement):
    client.force_login(registrar)

    for url in admin_urls(agreement):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == expected_redirect("accounts_two_factor_enrol", url)


def test_minister_office_sent_to_enrolment_when_no_authenticator(client, minister, agreement):
    client.force_login(minister)

    response = client.get(reverse("agreements:edit", args=[agreement.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts_two_factor_enrol"))


def test_registrars_group_member_sent_to_enrolment_when_no_authenticator(client, django_user_model):
    from jurisdictions.roles import registrars_group_ensure

    user = django_user_model.objects.create_user("clerk", password="x")
    user.groups.add(registrars_group_ensure())
    client.force_login(user)

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts_two_factor_enrol"))


def test_unverified_session_sent_to_verification_when_authenticator(
    client, registrar, authenticator_of, agreement
):
    authenticator_of(registrar)
    client.force_login(registrar)

    for url in admin_urls(agreement):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == expected_redirect("accounts_two_factor_verify", url)


def test_post_refused_when_session_unverified(client, registrar, authenticator_of, agreement):
    authenticator_of(registrar)
    client.force_login(registrar)
    title = agreement.title_en

    response = client.post(reverse("agreements:edit", args=[agreement.pk]), {"title_en": "Changed"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts_two_factor_verify"))
    agreement.refresh_from_db()
    assert agreement.title_en == title


def test_liaison_officer_not_forced_when_no_authenticator(client, liaison, agreement):
    client.force_login(liaison)

    response = client.get(reverse("agreements:edit", args=[agreement.pk]))

    assert response.status_code == 200
    assert agreement.reference in response.content.decode()


def test_liaison_officer_sent_to_verification_when_authenticator(
    client, liaison, authenticator_of, agreement
):
    authenticator_of(liaison)
    client.force_login(liaison)

    response = client.get(reverse("agreements:edit", args=[agreement.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts_two_factor_verify"))


def test_sign_in_pages_reachable_when_session_unverified(client, registrar, authenticator_of):
    authenticator_of(registrar)
    client.force_login(registrar)

    assert client.get(reverse("accounts_two_factor_verify")).status_code == 200
    assert client.get(reverse("wagtailadmin_javascript_catalog")).status_code == 200
    assert client.post(reverse("wagtailadmin_logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_public_site_unaffected_when_session_unverified(client, registrar):
    client.force_login(registrar)

    response = client.get("/robots.txt")

    assert response.status_code == 200


def test_verification_page_offers_sign_out_when_shown(client, registrar, authenticator_of):
    authenticator_of(registrar)
    client.force_login(registrar)

    content = client.get(reverse("accounts_two_factor_verify")).content.decode()

    assert reverse("wagtailadmin_logout") in content
    assert 'name="token"' in content


def test_sent_to_enrolment_on_next_request_when_moved_to_minister_office(
    client, liaison, organization, agreement
):
    from jurisdictions.models import OrganizationRole
    from jurisdictions.roles import organization_groups_ensure

    client.force_login(liaison)
    url = reverse("agreements:edit", args=[agreement.pk])
    assert client.get(url).status_code == 200
    groups = organization_groups_ensure(organization=organization)
    liaison.groups.set([groups[OrganizationRole.Role.MINISTER]])

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == expected_redirect("accounts_two_factor_enrol", url)
