"""Security events, written to the "registry.security" logger: who, when, from where, what.

One line per event, as `key=value` pairs an operator can grep or ship to a log collector:

    security event=login_failed time=2026-12-04T17:30:02Z user=- ip=203.0.113.7 username=alice
    security event=group_member_added time=... user=reg#3 ip=... member=alice groups="SNB: liaison"

Call `log_security_event` for anything an auditor would ask about: sign-ins and failures,
lockouts, two-factor changes, group membership changes, lifecycle transitions, imports. Values
are never secrets: a detail whose name looks like one (password, token, secret, key, code, otp)
is written as `[redacted]`, and control characters are escaped so a crafted user name cannot
forge a second line.
"""

import hashlib
import logging
import re
from datetime import UTC, datetime

from django.conf import settings
from django.db import transaction
from simple_history.models import HistoricalRecords

logger = logging.getLogger("registry.security")

REDACTED = "[redacted]"
SECRET_NAME = re.compile(r"pass|token|secret|key|code|otp|session|cookie|signature", re.IGNORECASE)
MAX_VALUE_LENGTH = 200


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or, behind TRUSTED_PROXY_COUNT proxies that append to
    X-Forwarded-For, the address the outermost trusted proxy saw."""
    meta = getattr(request, "META", None) or {}
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return meta.get("REMOTE_ADDR", "") or "-"


def current_request():
    """The web request being served on this thread (recorded by simple-history's
    HistoryRequestMiddleware), or None in a command, a task or a `acting_as` block."""
    request = getattr(HistoricalRecords.context, "request", None)
    return request if hasattr(request, "META") else None


def _clean(value) -> str:
    """One `key=value` value: control characters escaped (a crafted name cannot start a new
    line), quoted when it holds spaces, quotes or `=`, cut at MAX_VALUE_LENGTH characters."""
    if isinstance(value, list | tuple | set | frozenset):
        value = ",".join(sorted(str(item) for item in value))
    text = str(value)[:MAX_VALUE_LENGTH]
    text = "".join(
        character
        if character.isprintable() and character != "\\"
        else character.encode("unicode_escape").decode("ascii")
        for character in text
    )
    if not text:
        return "-"
    if any(character in text for character in ' "='):
        return '"' + text.replace('"', '\\"') + '"'
    return text


def _user_label(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return "-"
    return f"{_clean(user.get_username())}#{user.pk}"


def tried_username(username: str | None) -> str:
    """How a user name typed at sign-in is logged: as typed when such an account exists,
    otherwise as a short fingerprint, since people type their password into the user-name box."""
    if not username:
        return "-"
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    if user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).exists():
        return username
    return "unknown:" + hashlib.sha256(username.encode("utf-8", "replace")).hexdigest()[:12]


def log_security_event(event: str, *, user=None, request=None, **details) -> None:
    """Write one security event at INFO. `user` is who acted (a user or None for anonymous or
    the system); `request` gives the client's address (defaults to the request being served,
    if any). `details` are extra `name=value` pairs; secret-looking names are redacted.
    Never raises: a failure to log must not fail the action being logged."""
    try:
        request = request if request is not None else current_request()
        if user is None and request is not None:
            candidate = getattr(request, "user", None)
            if getattr(candidate, "is_authenticated", False):
                user = candidate
        fields = {
            "event": _clean(event),
            "time": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "user": _user_label(user),
            "ip": _clean(client_ip(request)) if request is not None else "-",
        }
        for name, value in details.items():
            fields[name] = REDACTED if SECRET_NAME.search(name) else _clean(value)
        logger.info(
            "security %s",
            " ".join(f"{name}={value}" for name, value in fields.items()),
            extra={"security_event": fields},
        )
    except Exception:  # noqa: BLE001 - logging must never break a sign-in or a transition
        logger.exception("security event=%s could not be logged", _clean(event))


def log_security_event_on_commit(event: str, *, user=None, request=None, **details) -> None:
    """`log_security_event` once the current transaction commits (at once outside one), so a
    change that is rolled back is never logged as made. The request is taken now."""
    request = request if request is not None else current_request()
    transaction.on_commit(lambda: log_security_event(event, user=user, request=request, **details))
