"""Staff accounts are deactivated, never deleted: history rows, versions and transitions keep
naming the person who acted.

`user_deactivate` / `user_reactivate` are the services (the admin's user form does the same with
its "Active" box). Wagtail's user deletion, single and bulk, is refused by the two hook
functions below, registered in agreements/wagtail_hooks.py; the Registrars group does not hold
"delete user" either, so registrars who are not superusers never see the button.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from .roles import is_registrar

STAFF_ACCOUNTS_NOT_DELETED = _(
    "Staff accounts are never deleted, so that the audit trail keeps its authors. "
    "Deactivate the account instead: untick “Active” and save."
)
CANNOT_DEACTIVATE_SELF = _("You cannot deactivate your own account.")
ONLY_REGISTRARS_DEACTIVATE = _("Only registrars may deactivate or reactivate staff accounts.")


def _require_registrar(by: AbstractBaseUser) -> None:
    if not is_registrar(by):
        raise PermissionDenied(str(ONLY_REGISTRARS_DEACTIVATE))


@transaction.atomic
def user_deactivate(*, user: AbstractBaseUser, by: AbstractBaseUser) -> AbstractBaseUser:
    """Stop `user` from signing in and from every permission, keeping the account (and the
    history it authored). Group memberships stay, so reactivation restores the same access.
    Raises PermissionDenied unless `by` is a registrar; ValidationError when `by` is `user`."""
    _require_registrar(by)
    if user.pk == by.pk:
        raise ValidationError(CANNOT_DEACTIVATE_SELF)
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def user_reactivate(*, user: AbstractBaseUser, by: AbstractBaseUser) -> AbstractBaseUser:
    """Let a deactivated account sign in again, with the groups it had. Raises PermissionDenied
    unless `by` is a registrar."""
    _require_registrar(by)
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


def refuse_user_delete(request, user):
    """`before_delete_user` hook: back to the account's edit form, where it can be deactivated."""
    messages.error(request, str(STAFF_ACCOUNTS_NOT_DELETED))
    return redirect("wagtailusers_users:edit", user.pk)


def refuse_bulk_user_delete(request, action_type, objects, action_class_instance):
    """`before_bulk_action` hook: the users listing's bulk delete changes nothing."""
    if action_type == "delete" and action_class_instance.model is get_user_model():
        messages.error(request, str(STAFF_ACCOUNTS_NOT_DELETED))
        return redirect("wagtailusers_users:index")
    return None
