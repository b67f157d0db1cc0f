from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff sign-in security: two-factor authentication (django-otp) and login throttling
    (django-axes). Depends on jurisdictions for the staff roles; nothing depends on it."""

    name = "accounts"
    verbose_name = _("Staff sign-in")
