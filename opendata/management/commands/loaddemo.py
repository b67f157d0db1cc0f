"""Load the demo data through the importer: real governments and public bodies, fictional
officials, illustrative agreements (opendata/demo_data/). Idempotent: running it again changes
nothing."""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from agreements.permissions import is_registrar
from agreements.services.lifecycle import registry_system_user
from opendata.demo import demo_load
from opendata.importing import ImportRefused

UNKNOWN_USER = "There is no user “{username}”: create the account first, or leave out --as."
NOT_A_REGISTRAR = "“{username}” is not a registrar: only registrars load the demo data."


class Command(BaseCommand):
    help = (
        "Load the demo jurisdictions, organisations, positions, people, appointments and "
        "agreements from opendata/demo_data/ through the importer. Creates what is missing and "
        "leaves existing rows alone (use --refresh to bring them back to the demo data). History "
        "is attributed to the registry's system account unless --as is given."
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
        try:
            report = demo_load(by=by, refresh=refresh)
        except ImportRefused as refused:
            raise CommandError("\n".join(str(issue) for issue in refused.issues)) from None
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
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(warning))

    def _acting_user(self, username):
        if username is None:
            return registry_system_user()
        user_model = get_user_model()
        try:
            user = user_model.objects.get_by_natural_key(username)
        except user_model.DoesNotExist:
            raise CommandError(UNKNOWN_USER.format(username=username)) from None
        if not is_registrar(user):
            raise CommandError(NOT_A_REGISTRAR.format(username=username))
        return user
