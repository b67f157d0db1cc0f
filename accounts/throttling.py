"""Login throttling with django-axes: the client address, the lockout page, and the registrar's
unlock (Settings > Locked-out accounts).

Five failed sign-ins for one username from one address lock that pair (AXES_* settings in
registry/settings/base.py); the lock ends after the cool-off period or when a registrar unlocks.
"""

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db import transaction
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from registry import security_log
from registry.security_log import log_security_event, tried_username

LOCKED_OUT_TITLE = _("Sign-in locked")
LOCKED_OUT_MESSAGE = _(
    "Too many failed sign-in attempts for this account from your network. For your security, "
    "signing in is blocked for {minutes} minutes from the last attempt: wait and try again, "
    "or ask a registrar to unlock your account."
)


def client_ip(request) -> str | None:
    """The client's address as the security log sees it (REMOTE_ADDR, or the address the
    outermost of TRUSTED_PROXY_COUNT proxies saw); None when there is none."""
    address = security_log.client_ip(request)
    return None if address == "-" else address


def cool_off_minutes(request=None) -> int:
    cool_off = get_cool_off(request)
    return int(cool_off.total_seconds() // 60) if cool_off else 0


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets (HTTP 429), in the admin's look and language."""
    username = get_client_username(request, credentials) or ""
    log_security_event("login_locked_out", request=request, username=tried_username(username))
    return render(
        request,
        "accounts/lockout.html",
        {
            "title": LOCKED_OUT_TITLE,
            "message": str(LOCKED_OUT_MESSAGE).format(minutes=cool_off_minutes(request)),
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def locked_out_attempts():
    """The username and address pairs locked out now (the failure limit reached and the
    cool-off not over), most recent first."""
    from django.utils import timezone

    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    cool_off = get_cool_off()
    if cool_off:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts.order_by("-attempt_time", "pk")


@transaction.atomic
def lockout_unlock(*, by, attempt_id: int, request=None) -> AccessAttempt | None:
    """A registrar lifts the lock of one username and address pair. Returns the attempt row
    removed, or None when it no longer exists. The caller checks that `by` is a registrar."""
    attempt = AccessAttempt.objects.filter(pk=attempt_id).first()
    if attempt is None:
        return None
    # Every row of the pair (one per user agent), never a wider reset.
    AccessAttempt.objects.filter(username=attempt.username, ip_address=attempt.ip_address).delete()
    log_security_event(
        "login_unlocked",
        user=by,
        request=request,
        target_username=attempt.username,
        target_ip=attempt.ip_address,
    )
    return attempt
