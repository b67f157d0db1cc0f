"""Security events from Django's authentication and group membership, for the security log.

Connected in `JurisdictionsConfig.ready`. These receivers only write log lines
(registry/security_log.py); they never change data. Credentials are never logged: a failed
sign-in records the user name tried when such an account exists (a fingerprint otherwise:
people type passwords into the user-name box), never the password.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed

from registry.security_log import current_request, log_security_event, tried_username

GROUP_ACTIONS = {"post_add": "group_member_added", "post_remove": "group_member_removed"}


def login_logged(sender, request, user, **kwargs) -> None:
    log_security_event("login", user=user, request=request)


def login_failure_logged(sender, credentials, request=None, **kwargs) -> None:
    username = credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username")
    log_security_event("login_failed", request=request, username=tried_username(username))


def logout_logged(sender, request, user, **kwargs) -> None:
    log_security_event("logout", user=user, request=request)


def membership_logged(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """One line per member whose groups changed, naming who changed them (the signed-in user of
    the request, if any). `clear()` is logged before it runs, while the groups are still known."""
    request = current_request()
    actor = getattr(request, "user", None)
    if action == "pre_clear":
        event = "group_member_removed"
        if reverse:  # group.user_set.clear()
            members, groups = list(instance.user_set.all()), [instance]
        else:  # user.groups.clear()
            members, groups = [instance], list(instance.groups.all())
    elif action in GROUP_ACTIONS and pk_set:
        event = GROUP_ACTIONS[action]
        if reverse:  # group.user_set.add(...) / remove(...)
            members, groups = list(model.objects.filter(pk__in=pk_set)), [instance]
        else:  # user.groups.add(...) / remove(...)
            members, groups = [instance], list(Group.objects.filter(pk__in=pk_set))
    else:
        return
    if not groups:
        return
    for member in members:
        log_security_event(
            event,
            user=actor,
            request=request,
            member=member.get_username(),
            groups=[group.name for group in groups],
        )


def security_events_connect() -> None:
    user_logged_in.connect(login_logged, dispatch_uid="security_login")
    user_login_failed.connect(login_failure_logged, dispatch_uid="security_login_failed")
    user_logged_out.connect(logout_logged, dispatch_uid="security_logout")
    m2m_changed.connect(
        membership_logged,
        sender=get_user_model().groups.through,
        dispatch_uid="security_group_membership",
    )
