"""The demo registrar login that `make run` prints, so a newcomer can open the admin at once."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.crypto import get_random_string

DEMO_REGISTRAR_USERNAME = "registrar"


@dataclass(frozen=True)
class DemoLogin:
    user: AbstractBaseUser
    password: str
    created: bool


@transaction.atomic
def demo_registrar_reset(*, username: str = DEMO_REGISTRAR_USERNAME) -> DemoLogin:
    """Make `username` an active staff superuser with a new random password, creating the account
    if needed. The password is returned once and stored only as a hash; every call replaces it,
    so a printed password stops working when the command runs again."""
    user_model = get_user_model()
    user, created = user_model.objects.select_for_update().get_or_create(
        **{user_model.USERNAME_FIELD: username}
    )
    # Letters and digits only (about 119 bits), so a double-click selects the whole password.
    password = get_random_string(20)
    password_validation.validate_password(password, user)
    user.is_active = True
    user.is_staff = True
    user.is_superuser = True
    user.set_password(password)
    user.save()
    return DemoLogin(user=user, password=password, created=created)
