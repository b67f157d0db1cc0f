"""Create or reset a demo login and print its new password (and, for those who must use it, its
two-factor secret): the registrar, or with --role the demo minister's office or liaison officer
of Service New Brunswick (development only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.two_factor import demo_authenticator_reset, secret_for_display, totp_qr_text
from agreements.demo.accounts import (
    DEMO_REGISTRAR_USERNAME,
    DEMO_STAFF,
    LIAISON,
    MINISTER,
    REGISTRAR,
    ROLES,
    demo_registrar_reset,
    demo_staff_reset,
)

REFUSED_WITHOUT_DEBUG = (
    "Refusing to create a login with a password printed on the console while DEBUG is off "
    "(this looks like a production site). Use --force if you really mean it."
)
USERNAME_ONLY_FOR_REGISTRAR = "--username applies to the registrar login only."
TITLES = {
    REGISTRAR: "Demo registrar login",
    MINISTER: "Demo minister's office login (Service New Brunswick)",
    LIAISON: "Demo liaison officer login (Service New Brunswick)",
}


class Command(BaseCommand):
    help = (
        "Create or update a demo login with a freshly generated random password, printed on the "
        "console: the registrar (a staff superuser; the default), or with --role minister or "
        "--role liaison the demo minister's office or liaison officer of Service New Brunswick, "
        "whose workspace shows the demo's activity (load the demo first). Registrars and "
        "ministers' offices must sign in with a code from an authenticator app, so they also get "
        "a new two-factor authenticator secret, printed too. Every run replaces what it prints. "
        "Refuses to run when DEBUG is off unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--role",
            choices=ROLES,
            default=REGISTRAR,
            help="Which demo login to create or reset (default: registrar).",
        )
        parser.add_argument(
            "--username",
            default=None,
            help=f"Registrar account to create or reset (default: {DEMO_REGISTRAR_USERNAME}).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off.",
        )

    def handle(self, *args, role=REGISTRAR, username=None, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(REFUSED_WITHOUT_DEBUG)
        if role == REGISTRAR:
            login = demo_registrar_reset(username=username or DEMO_REGISTRAR_USERNAME)
        elif username:
            raise CommandError(USERNAME_ONLY_FOR_REGISTRAR)
        else:
            try:
                login = demo_staff_reset(role=role)
            except LookupError as missing:
                raise CommandError(f"{missing.args[0]} Run “manage.py loaddemo” first.") from None
        action = "created" if login.created else "password reset"
        admin_url = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"
        self.stdout.write(self.style.SUCCESS(f"{TITLES[role]} {action}:"))
        self.stdout.write(f"  username: {login.user.get_username()}")
        self.stdout.write(f"  password: {login.password}")
        if role == LIAISON:
            group = DEMO_STAFF[LIAISON]
            self.stdout.write(
                f"  A liaison officer of “{group.organization}”: two-factor sign-in is optional "
                "(turn it on from Account > Two-factor authentication)."
            )
        else:
            device = demo_authenticator_reset(user=login.user)
            self.stdout.write(f"  two-factor key: {secret_for_display(device)}")
            self.stdout.write(f"  two-factor URI: {device.config_url}")
            self.stdout.write(totp_qr_text(device))
            who = "Registrars" if role == REGISTRAR else "Ministers' offices"
            self.stdout.write(
                f"  {who} sign in with a password and a 6-digit code. Add the key above to an "
                "authenticator app (scan the QR code or type the key), then enter its current "
                "code after the password."
            )
        self.stdout.write(f"  sign in at {admin_url}")
