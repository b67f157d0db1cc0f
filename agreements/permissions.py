"""Who may do what with an agreement. The one place that answers permission questions.

Every view, service and public surface asks this module; nothing else imports guardian.

This is the foundation's seam: registrars (active superusers or members of the "Registrars"
group) may do everything, everybody else nothing. The access-control issue replaces the bodies
of these functions with guardian object permissions granted to each party's groups, keeping the
signatures.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from wagtail.permission_policies.base import ModelPermissionPolicy

from agreements.models import Agreement

REGISTRARS_GROUP = "Registrars"
NOT_ALLOWED = "You do not have permission to {action} this agreement."


class Action(StrEnum):
    VIEW = "view"
    CHANGE = "change"
    DELETE = "delete"
    NEGOTIATE = "negotiate"
    APPROVE = "approve"
    SIGN = "sign"
    REPORT = "report"


def is_registrar(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=REGISTRARS_GROUP).exists()


def user_can(user, action: Action | str, agreement: Agreement) -> bool:
    """True when `user` may perform `action` on `agreement`."""
    return is_registrar(user)


def require(user, action: Action | str, agreement: Agreement) -> None:
    """Raise PermissionDenied unless `user` may perform `action` on `agreement`."""
    if not user_can(user, action, agreement):
        raise PermissionDenied(NOT_ALLOWED.format(action=Action(action).value))


def can_create_agreement(user) -> bool:
    return is_registrar(user)


def visible_agreements(user) -> QuerySet[Agreement]:
    """Working copies of the agreements `user` may see in the staff admin."""
    if is_registrar(user):
        return Agreement.objects.all()
    return Agreement.objects.none()


class AgreementPermissionPolicy(ModelPermissionPolicy):
    """Wagtail's permission policy for agreements, answering from the functions above.

    Wagtail's generic views check model-level permissions only (wagtail#13314), so the agreement
    viewsets also filter their base queryset with `visible_agreements` and check each object.
    """

    def __init__(self):
        super().__init__(Agreement)

    def user_has_permission(self, user, action):
        if action == "add":
            return can_create_agreement(user)
        return is_registrar(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return user_can(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(user_can(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        return visible_agreements(user)


agreement_permission_policy = AgreementPermissionPolicy()
