"""`manage.py demologin`: a demo registrar with a fresh printed password, never on a production
site by accident."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from agreements.management.commands.demologin import REFUSED_WITHOUT_DEBUG
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command("demologin", *args, stdout=out)
    return out.getvalue()


def _printed_password(output: str) -> str:
    return next(line.split(": ", 1)[1] for line in output.splitlines() if "password:" in line)


def test_refused_when_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError) as error:
        _run()

    assert str(error.value) == REFUSED_WITHOUT_DEBUG
    assert not get_user_model().objects.filter(username="registrar").exists()


def test_superuser_created_with_printed_password_when_debug_on(settings):
    settings.DEBUG = True

    output = _run()

    user = get_user_model().objects.get(username="registrar")
    assert (user.is_active, user.is_staff, user.is_superuser) == (True, True, True)
    assert user.check_password(_printed_password(output))
    assert "created" in output


def test_old_password_stops_working_when_run_again(settings):
    settings.DEBUG = True
    first = _printed_password(_run())

    second = _printed_password(_run())

    user = get_user_model().objects.get(username="registrar")
    assert first != second
    assert user.check_password(second) and not user.check_password(first)


def test_created_when_debug_off_with_force(settings):
    settings.DEBUG = False

    output = _run("--force")

    user = get_user_model().objects.get(username="registrar")
    assert user.is_superuser and user.check_password(_printed_password(output))


def test_existing_account_promoted_when_username_taken(settings):
    settings.DEBUG = True
    existing = UserFactory(username="registrar", is_active=False, is_staff=False)

    output = _run()

    user = get_user_model().objects.get(username="registrar")
    assert user.pk == existing.pk
    assert (user.is_active, user.is_staff, user.is_superuser) == (True, True, True)
    assert "password reset" in output


def test_other_account_used_when_username_given(settings):
    settings.DEBUG = True

    output = _run("--username", "demo-registrar")

    user = get_user_model().objects.get(username="demo-registrar")
    assert user.is_superuser and user.check_password(_printed_password(output))


def _printed(output: str, label: str) -> str:
    return next(line.split(": ", 1)[1] for line in output.splitlines() if f"{label}:" in line)


@pytest.mark.real_2fa
def test_printed_two_factor_key_signs_in_when_debug_on(settings, client):
    from django.urls import reverse
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.two_factor import totp_code

    settings.DEBUG = True

    output = _run()

    user = get_user_model().objects.get(username="registrar")
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    assert _printed(output, "two-factor key").replace(" ", "") in device.config_url
    assert _printed(output, "two-factor URI") == device.config_url
    client.force_login(user)
    response = client.post(reverse("accounts_two_factor_verify"), {"token": totp_code(device)})
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_old_two_factor_key_stops_working_when_run_again(settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.DEBUG = True
    first = _printed(_run(), "two-factor URI")

    second = _printed(_run(), "two-factor URI")

    user = get_user_model().objects.get(username="registrar")
    assert first != second
    assert [device.config_url for device in TOTPDevice.objects.filter(user=user)] == [second]


# --- the demo's minister's office and liaison officer (issue 12) -------------------------------


@pytest.fixture
def snb_groups():
    """Service New Brunswick with its role groups, as the demo creates it."""
    from jurisdictions.roles import organization_groups_ensure
    from tests.factories import OrganizationFactory

    organization = OrganizationFactory(
        slug="service-new-brunswick", name_en="Service New Brunswick"
    )
    return organization_groups_ensure(organization=organization)


@pytest.mark.parametrize(
    ("role", "username", "two_factor"),
    [("minister", "snb-minister", True), ("liaison", "snb-liaison", False)],
)
def test_demo_staff_login_created_in_its_group_when_role_given(
    settings, snb_groups, role, username, two_factor
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.DEBUG = True

    output = _run("--role", role)

    user = get_user_model().objects.get(username=username)
    assert list(user.groups.all()) == [snb_groups[role]]
    assert (user.is_active, user.is_staff, user.is_superuser) == (True, True, False)
    assert user.check_password(_printed_password(output))
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists() is two_factor
    assert ("two-factor key:" in output) is two_factor


def test_demo_staff_password_replaced_when_run_again(settings, snb_groups):
    settings.DEBUG = True
    first = _printed_password(_run("--role", "minister"))

    output = _run("--role", "minister")

    user = get_user_model().objects.get(username="snb-minister")
    assert "password reset" in output
    assert user.check_password(_printed_password(output)) and not user.check_password(first)
    assert user.groups.count() == 1


def test_demo_staff_refused_with_the_command_to_run_when_demo_not_loaded(settings):
    settings.DEBUG = True

    with pytest.raises(CommandError) as error:
        _run("--role", "liaison")

    assert "loaddemo" in str(error.value)
    assert not get_user_model().objects.filter(username="snb-liaison").exists()


def test_username_refused_when_given_with_a_staff_role(settings):
    from agreements.management.commands.demologin import USERNAME_ONLY_FOR_REGISTRAR

    settings.DEBUG = True

    with pytest.raises(CommandError) as error:
        _run("--role", "minister", "--username", "someone")

    assert str(error.value) == USERNAME_ONLY_FOR_REGISTRAR
