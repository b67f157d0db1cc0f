"""Two-factor authentication for staff: an authenticator app (TOTP) and single-use recovery codes.

Registrars and members of any minister's office must use it; liaison officers may. A user
"has two-factor" when they hold a confirmed TOTP device; their recovery codes are a django-otp
static device created with it and deleted with it. Every write here logs a security event and
never the secret or a code.
"""

import dataclasses
import io

import segno
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from jurisdictions.models import OrganizationRole
from jurisdictions.roles import REGISTRARS_GROUP
from registry.security_log import log_security_event

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"

TWO_FACTOR_REQUIRED = _(
    "Registrars and ministers' offices must use two-factor authentication: it cannot be removed."
)


@dataclasses.dataclass(frozen=True)
class TwoFactorState:
    """Whether a user must use two-factor authentication and whether they have set it up."""

    required: bool
    enrolled: bool


def _required_groups() -> Q:
    return Q(name=REGISTRARS_GROUP) | Q(organization_role__role=OrganizationRole.Role.MINISTER)


def two_factor_state(user) -> TwoFactorState:
    """One query: does `user` need two-factor, and do they hold a confirmed authenticator?"""
    from django.contrib.auth import get_user_model

    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            enrolled=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            in_required_group=Exists(Group.objects.filter(_required_groups(), user=OuterRef("pk"))),
        )
        .values_list("is_superuser", "enrolled", "in_required_group")
        .first()
    )
    if row is None:
        return TwoFactorState(required=False, enrolled=False)
    is_superuser, enrolled, in_required_group = row
    return TwoFactorState(required=bool(is_superuser or in_required_group), enrolled=enrolled)


def two_factor_required(user) -> bool:
    return two_factor_state(user).required


@transaction.atomic
def totp_device_pending(*, user) -> TOTPDevice:
    """The unconfirmed authenticator being set up for `user`, created on first call, so that
    reloading the enrolment page shows the same secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def totp_qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// URI as an inline SVG QR code (no external resources)."""
    buffer = io.BytesIO()
    segno.make(device.config_url, error="m").save(
        buffer, kind="svg", scale=5, border=2, xmldecl=False, svgns=True, nl=False
    )
    return buffer.getvalue().decode()


def secret_for_display(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, as authenticator apps ask for it."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _recovery_codes_replace(*, user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def totp_enrolment_confirm(*, request, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the pending `device` of `request.user` with a token from their app. On success
    the device is confirmed (any older authenticator removed), the session is verified with it,
    and new recovery codes are returned (shown once, never stored in clear elsewhere). Returns
    None when the token is wrong."""
    user = request.user
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(pk=device.pk, user=user, confirmed=False)
        .first()
    )
    if device is None or not device.verify_token(token):  # None: confirmed meanwhile
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _recovery_codes_replace(user=user)
    two_factor_session_verify(request=request, device=device)
    log_security_event("2fa_enrolled", user=user, request=request)
    return codes


def two_factor_session_verify(*, request, device) -> None:
    """Mark the session as verified by `device` (a new session key against fixation)."""
    request.session.cycle_key()
    otp_login(request, device)


def two_factor_verify(*, request, token: str):
    """Check a token from the authenticator app, or a recovery code (which is then used up),
    for `request.user`. Returns the device that accepted it and verifies the session, or None."""
    user = request.user
    token = "".join(token.split()).lower()
    if not token:
        return None
    with transaction.atomic():
        device = None
        totp = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=True)
            .order_by("pk")
            .first()
        )
        # A code from the app is all digits, of the app's length; anything else is a recovery
        # code (8 letters and digits), so one wrong guess throttles only one device.
        if totp is not None and token.isdigit() and len(token) == totp.digits:
            if totp.verify_token(token):
                device = totp
        else:
            static = (
                StaticDevice.objects.select_for_update()
                .filter(user=user, confirmed=True)
                .order_by("pk")
                .first()
            )
            if static is not None and static.verify_token(token):
                device = static
    if device is None:
        log_security_event("2fa_failed", user=user, request=request)
        return None
    two_factor_session_verify(request=request, device=device)
    if isinstance(device, StaticDevice):
        log_security_event(
            "2fa_recovery_code_used",
            user=user,
            request=request,
            remaining=device.token_set.count(),
        )
    return device


@transaction.atomic
def recovery_codes_regenerate(*, request) -> list[str]:
    """Replace `request.user`'s recovery codes with new ones (returned, to be shown once)."""
    codes = _recovery_codes_replace(user=request.user)
    log_security_event("2fa_recovery_codes_regenerated", user=request.user, request=request)
    return codes


def recovery_codes_remaining(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _devices_delete(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def two_factor_remove(*, request) -> None:
    """Remove `request.user`'s own two-factor authentication. Raises ValueError
    (TWO_FACTOR_REQUIRED) for users who must keep it."""
    user = request.user
    if two_factor_required(user):
        raise ValueError(str(TWO_FACTOR_REQUIRED))
    _devices_delete(user)
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    log_security_event("2fa_removed", user=user, request=request)


@transaction.atomic
def two_factor_reset(*, by, user, request=None) -> bool:
    """A registrar removes `user`'s authenticator and recovery codes (lost phone). The user must
    enrol again at their next admin request if two-factor is required for them; sessions
    verified with the old device stop being verified. Returns whether there was anything to
    remove. The caller checks that `by` is a registrar."""
    had = (
        TOTPDevice.objects.filter(user=user).exists()
        or StaticDevice.objects.filter(user=user).exists()
    )
    _devices_delete(user)
    log_security_event("2fa_reset", user=by, request=request, target_user=user.get_username())
    return had


@transaction.atomic
def demo_authenticator_reset(*, user) -> TOTPDevice:
    """Development only (`manage.py demologin`): replace `user`'s two-factor devices with a new
    confirmed authenticator whose secret the command prints, so a tester can add it to an
    authenticator app before signing in."""
    _devices_delete(user)
    device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=True)
    log_security_event("2fa_reset", user=None, target_user=user.get_username(), source="demologin")
    return device


def totp_qr_text(device: TOTPDevice) -> str:
    """The device's otpauth:// URI as a QR code drawn with text blocks, for a terminal."""
    buffer = io.StringIO()
    segno.make(device.config_url, error="l").terminal(out=buffer, compact=True, border=2)
    return buffer.getvalue()
