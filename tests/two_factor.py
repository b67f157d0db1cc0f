"""Two-factor helpers for tests: an OTP-verified session for `client.force_login(user)` (see
the autouse fixture in tests/conftest.py), and valid codes for a device."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import TOTP_DEVICE_NAME, two_factor_state


def verified_device_for(user) -> TOTPDevice | None:
    """The user's confirmed authenticator; created when two-factor is required for them and they
    have none. None for a user who need not use two-factor and has not set it up."""
    state = two_factor_state(user)
    if not (state.enrolled or state.required):
        return None
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=True)
    return device


def session_verify(client, user) -> None:
    """Mark `client`'s (logged-in) session as verified with the user's authenticator."""
    device = verified_device_for(user)
    if device is None:
        return
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def totp_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the device's app shows now (or `steps_ahead` 30-second steps later: the device
    accepts one step of drift and never the same step twice)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"
