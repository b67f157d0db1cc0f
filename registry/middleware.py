"""Request wiring that Django's defaults get wrong for this site."""

import time

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware


class PublicLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware that leaves the staff admin and documents alone.

    The public site's catch-all page pattern sits inside `i18n_patterns`, so Django's
    LocaleMiddleware would turn every 404 under /admin/ into a redirect to /en/admin/... (a
    "valid" public path) — hiding the 404 that tells a user an agreement does not exist for them.
    Paths outside the language prefixes answer for themselves.
    """

    UNPREFIXED_PATHS = ("/admin/", "/documents/", "/api/", "/calendar/")

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNPREFIXED_PATHS):
            return response
        return super().process_response(request, response)


class PermissionsPolicyMiddleware:
    """Send `Permissions-Policy` from settings.PERMISSIONS_POLICY ({feature: [origins]}; an empty
    list turns the feature off for every origin), unless the response already has one."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in getattr(settings, "PERMISSIONS_POLICY", {}).items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the staff admin's own policy.

    Signed-in pages under /admin/ replace the directives in settings.CONTENT_SECURITY_POLICY_ADMIN
    (Wagtail's admin writes inline scripts for its widgets; see
    docs/decisions/0012-content-security-policy.md). The pages anyone can reach, the public site
    and the admin's sign-in and password reset pages, keep settings.CONTENT_SECURITY_POLICY.
    """

    ADMIN_PREFIX = "/admin/"
    STRICT_ADMIN_PREFIXES = ("/admin/login/", "/admin/password_reset/")

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        path = request.path_info
        if (
            not report_only
            and path.startswith(self.ADMIN_PREFIX)
            and not path.startswith(self.STRICT_ADMIN_PREFIXES)
        ):
            parts.replace = {**settings.CONTENT_SECURITY_POLICY_ADMIN, **(parts.replace or {})}
        return parts


class SessionIdleTimeoutMiddleware:
    """Keep a session alive while it is used, and let it end SESSION_COOKIE_AGE (30 minutes)
    after it stops being used.

    Django's SESSION_SAVE_EVERY_REQUEST would rewrite the session row on every request, and the
    parallel requests of one admin page would all write the same row (SQLite refuses that with
    "database table is locked"). Instead the session is marked modified, which pushes its expiry
    SESSION_COOKIE_AGE ahead, at most once per REFRESH_SECONDS: a session ends between 29 and 30
    minutes after its last request. Sits after SessionMiddleware, which does the saving.
    """

    REFRESH_SECONDS = 60
    KEY = "_idle_refreshed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.session_key:
            return response  # no session cookie: nothing to keep alive
        refreshed_at = session.get(self.KEY)
        if session.is_empty():
            return response  # a stale cookie, or a session just flushed by signing out
        now = int(time.time())
        if refreshed_at is None or now - refreshed_at >= self.REFRESH_SECONDS:
            session[self.KEY] = now
        return response
