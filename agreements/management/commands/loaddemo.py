"""Load the demo data: real governments and public bodies, fictional officials, illustrative
agreements. Idempotent: running it again changes nothing."""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from agreements.demo.loader import demo_load
from agreements.services.lifecycle import registry_system_user

UNKNOWN_USER = "There is no user “{username}”: create the account first, or leave out --as."


class Command(BaseCommand):
    help = (
        "Load the demo jurisdictions, organisations, positions, people, appointments and "
        "agreements. Creates what is missing and leaves existing rows alone (use --refresh to "
        "bring them back to the demo data). History is attributed to the registry's system "
        "account unless --as is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--as",
            dest="username",
            metavar="USERNAME",
            help="Attribute the history rows to this existing user instead of the system account.",
        )
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="Also rewrite existing demo rows that differ from the demo data (never deletes).",
        )

    def handle(self, *args, username=None, refresh=False, verbosity=1, **options):
        by = self._acting_user(username)
        started = time.monotonic()
        report = demo_load(by=by, refresh=refresh)
        elapsed = time.monotonic() - started
        if not verbosity:
            return
        self.stdout.write(f"Demo data loaded as “{by.get_username()}” in {elapsed:.1f} s.")
        self.stdout.write(f"{'':<28}{'created':>9}{'updated':>9}{'already present':>17}")
        for label, tally in report.rows():
            self.stdout.write(f"{label:<28}{tally.created:>9}{tally.updated:>9}{tally.present:>17}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{'total':<28}{report.created:>9}{report.updated:>9}{report.present:>17}"
            )
        )

    def _acting_user(self, username):
        if username is None:
            return registry_system_user()
        user_model = get_user_model()
        try:
            return user_model.objects.get_by_natural_key(username)
        except user_model.DoesNotExist:
            raise CommandError(UNKNOWN_USER.format(username=username)) from None
