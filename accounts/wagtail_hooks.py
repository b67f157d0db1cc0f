"""Wagtail admin registrations for staff sign-in security (registration only)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from . import views


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", views.TwoFactorView.as_view(), name="accounts_two_factor"),
        path("two-factor/verify/", views.verify, name="accounts_two_factor_verify"),
        path("two-factor/enrol/", views.enrol, name="accounts_two_factor_enrol"),
        path(
            "two-factor/recovery-codes/",
            views.RecoveryCodesView.as_view(),
            name="accounts_two_factor_recovery_codes",
        ),
        path("two-factor/remove/", views.remove, name="accounts_two_factor_remove"),
        path(
            "two-factor/reset/<int:user_id>/",
            views.ResetView.as_view(),
            name="accounts_two_factor_reset",
        ),
        path("locked-out-accounts/", views.LockoutsView.as_view(), name="accounts_lockouts"),
        path(
            "locked-out-accounts/<int:attempt_id>/unlock/",
            views.unlock,
            name="accounts_lockout_unlock",
        ),
    ]


class RegistrarMenuItem(MenuItem):
    """Shown to holders of the model permission every registrar has (a cached check, no query);
    the views themselves ask agreements.permissions.is_registrar."""

    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return RegistrarMenuItem(
        views.LOCKOUTS_TITLE,
        reverse("accounts_lockouts"),
        name="locked-out-accounts",
        icon_name="lock",
        order=900,
        permission="axes.delete_accessattempt",
    )


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    return {
        "url": reverse("accounts_two_factor"),
        "label": views.TWO_FACTOR_TITLE,
        "help_text": views.TWO_FACTOR_HELP,
    }


@hooks.register("register_user_listing_buttons")
def register_two_factor_reset_button(user, request_user):
    if not request_user.has_perm("otp_totp.delete_totpdevice"):
        return []
    return [
        Button(
            views.RESET_TITLE,
            reverse("accounts_two_factor_reset", args=[user.pk]),
            icon_name="key",
            priority=90,
        )
    ]
