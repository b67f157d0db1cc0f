"""Staff admin views for two-factor authentication and locked-out accounts (thin: the work is
in accounts.two_factor and accounts.throttling)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from agreements.permissions import is_registrar

from . import throttling, two_factor
from .forms import WRONG_CODE, WRONG_ENROLMENT_CODE, EnrolmentForm, TokenForm

TWO_FACTOR_TITLE = _("Two-factor authentication")
TWO_FACTOR_HELP = _(
    "A code from an authenticator app on your phone, asked for after your password."
)
VERIFY_TITLE = _("Enter your sign-in code")
ENROL_TITLE = _("Set up two-factor authentication")
RECOVERY_CODES_TITLE = _("Your recovery codes")
LOCKOUTS_TITLE = _("Locked-out accounts")
RESET_TITLE = _("Reset two-factor authentication")

ENROLLED_MESSAGE = _("Two-factor authentication is on.")
REMOVED_MESSAGE = _("Two-factor authentication is off.")
RESET_MESSAGE = _(
    "Two-factor authentication of {user} was reset: they will set it up again at their next "
    "sign-in."
)
RESET_NOTHING_MESSAGE = _("{user} had no two-factor authentication to reset.")
UNLOCKED_MESSAGE = _("{username} can sign in again from {ip}.")
UNLOCK_GONE_MESSAGE = _("That lock had already ended.")
RECOVERY_CODES_SESSION_KEY = "accounts_recovery_codes"


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def _require_registrar(request) -> None:
    if not is_registrar(request.user):
        raise Http404


def _with_next(url_name: str, request) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': _next_url(request)})}"


def _show_recovery_codes(request, codes: list[str]):
    request.session[RECOVERY_CODES_SESSION_KEY] = codes
    return redirect(_with_next("accounts_two_factor_recovery_codes", request))


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    """The second step of signing in: a code from the authenticator app or a recovery code."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not two_factor.two_factor_state(request.user).enrolled:
        return redirect(_with_next("accounts_two_factor_enrol", request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.two_factor_verify(request=request, token=form.cleaned_data["token"]):
            return redirect(_next_url(request))
        form.add_error("token", WRONG_CODE)
    return render(
        request,
        "accounts/verify.html",
        {"title": VERIFY_TITLE, "form": form, "next": _next_url(request)},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request):
    """Set up an authenticator app: its secret as a QR code and as text, confirmed by a code."""
    state = two_factor.two_factor_state(request.user)
    if state.enrolled:
        if request.user.is_verified():
            return redirect("accounts_two_factor")
        return redirect(_with_next("accounts_two_factor_verify", request))
    device = two_factor.totp_device_pending(user=request.user)
    form = EnrolmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.totp_enrolment_confirm(
            request=request, device=device, token=form.cleaned_data["token"]
        )
        if codes is not None:
            messages.success(request, ENROLLED_MESSAGE)
            return _show_recovery_codes(request, codes)
        form.add_error("token", WRONG_ENROLMENT_CODE)
    return render(
        request,
        "accounts/enrol.html",
        {
            "title": ENROL_TITLE,
            "form": form,
            "required": state.required,
            "qr_svg": two_factor.totp_qr_svg(device),
            "secret": two_factor.secret_for_display(device),
            "next": _next_url(request),
        },
    )


class TwoFactorView(WagtailAdminTemplateMixin, TemplateView):
    """The user's own two-factor settings: status, recovery codes, removal when optional."""

    template_name = "accounts/two_factor.html"
    page_title = TWO_FACTOR_TITLE
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": TWO_FACTOR_TITLE}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        state = two_factor.two_factor_state(self.request.user)
        context.update(
            required=state.required,
            enrolled=state.enrolled,
            recovery_codes_left=(
                two_factor.recovery_codes_remaining(self.request.user) if state.enrolled else 0
            ),
        )
        return context


@method_decorator(never_cache, name="dispatch")
class RecoveryCodesView(WagtailAdminTemplateMixin, TemplateView):
    """GET: the recovery codes just made, shown once. POST: make new ones (the old ones stop
    working)."""

    template_name = "accounts/recovery_codes.html"
    page_title = RECOVERY_CODES_TITLE
    header_icon = "key"
    http_method_names = ["get", "post"]

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("accounts_two_factor"), "label": TWO_FACTOR_TITLE},
            {"url": "", "label": RECOVERY_CODES_TITLE},
        ]

    def get(self, request, *args, **kwargs):
        codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
        if not codes:
            return redirect("accounts_two_factor")
        return self.render_to_response(self.get_context_data(codes=codes, next=_next_url(request)))

    def post(self, request, *args, **kwargs):
        if not two_factor.two_factor_state(request.user).enrolled:
            return redirect("accounts_two_factor")
        return _show_recovery_codes(request, two_factor.recovery_codes_regenerate(request=request))


@require_POST
def remove(request):
    """Turn off one's own two-factor authentication, when it is optional."""
    try:
        two_factor.two_factor_remove(request=request)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, REMOVED_MESSAGE)
    return redirect("accounts_two_factor")


@method_decorator(never_cache, name="dispatch")
class ResetView(WagtailAdminTemplateMixin, TemplateView):
    """A registrar resets another user's two-factor authentication (lost phone)."""

    template_name = "accounts/reset.html"
    page_title = RESET_TITLE
    header_icon = "key"
    http_method_names = ["get", "post"]

    def dispatch(self, request, *args, **kwargs):
        _require_registrar(request)
        self.target = get_object_or_404(get_user_model(), pk=kwargs["user_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailusers_users:index"), "label": _("Users")},
            {"url": "", "label": RESET_TITLE},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["target"] = self.target
        context["enrolled"] = two_factor.two_factor_state(self.target).enrolled
        return context

    def post(self, request, *args, **kwargs):
        had = two_factor.two_factor_reset(by=request.user, user=self.target, request=request)
        message = RESET_MESSAGE if had else RESET_NOTHING_MESSAGE
        messages.success(request, str(message).format(user=self.target.get_username()))
        return redirect("wagtailusers_users:index")


class LockoutsView(WagtailAdminTemplateMixin, TemplateView):
    """Registrars: the username and address pairs locked out now, each with an Unlock button."""

    template_name = "accounts/lockouts.html"
    page_title = LOCKOUTS_TITLE
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        _require_registrar(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": LOCKOUTS_TITLE}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attempts"] = throttling.locked_out_attempts()
        context["cool_off_minutes"] = throttling.cool_off_minutes(self.request)
        return context


@require_POST
def unlock(request, attempt_id: int):
    _require_registrar(request)
    attempt = throttling.lockout_unlock(by=request.user, attempt_id=attempt_id, request=request)
    if attempt is None:
        messages.warning(request, UNLOCK_GONE_MESSAGE)
    else:
        messages.success(
            request,
            str(UNLOCKED_MESSAGE).format(username=attempt.username, ip=attempt.ip_address),
        )
    return redirect("accounts_lockouts")
