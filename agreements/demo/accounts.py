"""The demo logins that `manage.py demologin` prints, so a newcomer can open the admin at once:
the registrar, and two staff of Service New Brunswick, its minister's office and one of its
liaison officers, who see the demo's activity (opendata/demo_data/activity/) in their workspace.

The staff accounts exist once the demo is loaded (the activity acts as them), with no usable
password; `demologin --role minister|liaison` gives them one."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.crypto import get_random_string

from jurisdictions.models import OrganizationRole

DEMO_REGISTRAR_USERNAME = "registrar"
REGISTRAR = "registrar"
MINISTER = OrganizationRole.Role.MINISTER.value
LIAISON = OrganizationRole.Role.LIAISON.value


@dataclass(frozen=True)
class DemoStaff:
    """A demo staff login: a member of one organisation's role group."""

    username: str
    organization: str  # the organisation's slug
    role: str
    first_name: str
    last_name: str


DEMO_STAFF = {
    MINISTER: DemoStaff("snb-minister", "service-new-brunswick", MINISTER, "Élise", "Comeau"),
    LIAISON: DemoStaff("snb-liaison", "service-new-brunswick", LIAISON, "Owen", "Gallagher"),
}
ROLES = (REGISTRAR, MINISTER, LIAISON)

NO_SUCH_GROUP = "The demo data is not loaded: there is no {role} group for “{organization}”."


@dataclass(frozen=True)
class DemoLogin:
    user: AbstractBaseUser
    password: str
    created: bool


def _new_password(user: AbstractBaseUser) -> str:
    # Letters and digits only (about 119 bits), so a double-click selects the whole password.
    password = get_random_string(20)
    password_validation.validate_password(password, user)
    return password


@transaction.atomic
def demo_registrar_reset(*, username: str = DEMO_REGISTRAR_USERNAME) -> DemoLogin:
    """Make `username` an active staff superuser with a new random password, creating the account
    if needed. The password is returned once and stored only as a hash; every call replaces it,
    so a printed password stops working when the command runs again."""
    user_model = get_user_model()
    user, created = user_model.objects.select_for_update().get_or_create(
        **{user_model.USERNAME_FIELD: username}
    )
    password = _new_password(user)
    user.is_active = True
    user.is_staff = True
    user.is_superuser = True
    user.set_password(password)
    user.save()
    return DemoLogin(user=user, password=password, created=created)


def demo_staff_ensure(role: str) -> tuple[AbstractBaseUser, bool]:
    """The demo staff account for `role` (MINISTER or LIAISON), created without a usable password
    when missing, and a member of its organisation's role group. Writes nothing when both hold
    already, so loading the demo again changes nothing. Raises LookupError when the organisation
    or its group does not exist (the demo data is not loaded)."""
    staff = DEMO_STAFF[role]
    organization_role = (
        OrganizationRole.objects.select_related("group")
        .filter(organization__slug=staff.organization, role=staff.role)
        .first()
    )
    if organization_role is None:
        raise LookupError(NO_SUCH_GROUP.format(role=staff.role, organization=staff.organization))
    user_model = get_user_model()
    user = user_model.objects.filter(**{user_model.USERNAME_FIELD: staff.username}).first()
    created = user is None
    if created:
        user = user_model(
            **{user_model.USERNAME_FIELD: staff.username},
            first_name=staff.first_name,
            last_name=staff.last_name,
            is_staff=True,
        )
        user.set_unusable_password()
        user.save()
    if not user.groups.filter(pk=organization_role.group_id).exists():
        user.groups.add(organization_role.group)
    return user, created


@transaction.atomic
def demo_staff_reset(*, role: str) -> DemoLogin:
    """Make the demo staff account for `role` an active staff member of its group with a new
    random password (returned once, stored as a hash; every call replaces it)."""
    user, created = demo_staff_ensure(role)
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    password = _new_password(user)
    user.is_active = True
    user.is_staff = True
    user.set_password(password)
    user.save()
    return DemoLogin(user=user, password=password, created=created)
