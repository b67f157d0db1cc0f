"""Enforce two-factor authentication on the staff admin.

Installed after django_otp's OTPMiddleware (which tells whether the session was verified with a
device). For an authenticated user's request under /admin/ whose session is not verified:
- a user with an authenticator goes to the verification step;
- a user who must use two-factor (registrar, minister's office) but has none goes to enrolment;
- anyone else (a liaison officer without two-factor) goes on.
Sign-in, sign-out, the two-factor pages and the admin's static helpers stay reachable.

Outside the admin (staff-only PDFs, the verification page, documents) a session that still owes
its code is treated as anonymous, so a password alone opens nothing there either.

A verified session costs no query here; an unverified one costs one, only when the user is
looked at (accounts.two_factor.two_factor_state).
"""

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode

from .two_factor import two_factor_state

EXEMPT_URL_NAMES = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
        "accounts_two_factor_verify",
        "accounts_two_factor_enrol",
    }
)


def _public_user(user):
    """`user`, or an anonymous user when their session still owes a two-factor code."""
    if not user.is_authenticated or user.is_verified():
        return user
    state = two_factor_state(user)
    if not (state.enrolled or state.required):
        return user
    anonymous = AnonymousUser()
    anonymous.otp_device = None
    anonymous.is_verified = lambda: False
    return anonymous


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def _in_admin(request) -> bool:
        try:
            prefix = reverse("wagtailadmin_home", urlconf=getattr(request, "urlconf", None))
        except NoReverseMatch:  # a URL configuration without the admin (some tests)
            return False
        return request.path_info.startswith(prefix)

    def __call__(self, request):
        if not self._in_admin(request):
            user = request.user
            request.user = SimpleLazyObject(lambda: _public_user(user))
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self._in_admin(request):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in EXEMPT_URL_NAMES:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        state = two_factor_state(user)
        if state.enrolled:
            target = "accounts_two_factor_verify"
        elif state.required:
            target = "accounts_two_factor_enrol"
        else:
            return None
        next_url = (
            request.get_full_path() if request.method == "GET" else reverse("wagtailadmin_home")
        )
        return redirect(f"{reverse(target)}?{urlencode({'next': next_url})}")
