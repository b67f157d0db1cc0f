"""Create or reset the demo registrar login and print its new password and two-factor secret
(development only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.two_factor import demo_authenticator_reset, secret_for_display, totp_qr_text
from agreements.demo.accounts import DEMO_REGISTRAR_USERNAME, demo_registrar_reset

REFUSED_WITHOUT_DEBUG = (
    "Refusing to create a login with a password printed on the console while DEBUG is off "
    "(this looks like a production site). Use --force if you really mean it."
)


class Command(BaseCommand):
    help = (
        "Create or update the demo registrar login (a staff superuser) with a freshly generated "
        "random password and a new two-factor authenticator secret (registrars must sign in with "
        "a code from an authenticator app), both printed on the console. Every run replaces "
        "both. Refuses to run when DEBUG is off unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--username",
            default=DEMO_REGISTRAR_USERNAME,
            help=f"Account to create or reset (default: {DEMO_REGISTRAR_USERNAME}).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off.",
        )

    def handle(self, *args, username=DEMO_REGISTRAR_USERNAME, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(REFUSED_WITHOUT_DEBUG)
        login = demo_registrar_reset(username=username)
        action = "created" if login.created else "password reset"
        admin_url = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"
        self.stdout.write(self.style.SUCCESS(f"Demo registrar login {action}:"))
        self.stdout.write(f"  username: {login.user.get_username()}")
        self.stdout.write(f"  password: {login.password}")
        device = demo_authenticator_reset(user=login.user)
        self.stdout.write(f"  two-factor key: {secret_for_display(device)}")
        self.stdout.write(f"  two-factor URI: {device.config_url}")
        self.stdout.write(totp_qr_text(device))
        self.stdout.write(
            "  Registrars sign in with a password and a 6-digit code. Add the key above to an "
            "authenticator app (scan the QR code or type the key), then enter its current code "
            "after the password."
        )
        self.stdout.write(f"  sign in at {admin_url}")
