"""Load the demo data through the importer: real governments and public bodies, fictional
officials, illustrative agreements (opendata/demo_data/). Idempotent: running it again changes
nothing."""

import time

from django.core.management.base import BaseCommand, CommandError

from opendata.demo import demo_load
from opendata.demo_activity import ActivityError
from opendata.importing import ImportRefused
from opendata.management.reporting import acting_registrar, write_report

UNKNOWN_USER = "There is no user “{username}”: create the account first, or leave out --as."
NOT_A_REGISTRAR = "“{username}” is not a registrar: only registrars load the demo data."


class Command(BaseCommand):
    help = (
        "Load the demo jurisdictions, organisations, positions, people, appointments and "
        "agreements from opendata/demo_data/ through the importer, then replays the demo's "
        "activity (reports, reviews, approvals, signatures, a succession: "
        "opendata/demo_data/activity/) through the services. Creates what is missing and "
        "leaves existing rows alone (use --refresh to bring them back to the demo data); "
        "activity already replayed is skipped. History is attributed to the registry's system "
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
        by = acting_registrar(username, unknown=UNKNOWN_USER, not_a_registrar=NOT_A_REGISTRAR)
        started = time.monotonic()
        try:
            report = demo_load(by=by, refresh=refresh)
        except ImportRefused as refused:
            raise CommandError("\n".join(str(issue) for issue in refused.issues)) from None
        except ActivityError as error:
            raise CommandError(str(error)) from None
        elapsed = time.monotonic() - started
        if not verbosity:
            return
        self.stdout.write(f"Demo data loaded as “{by.get_username()}” in {elapsed:.1f} s.")
        write_report(self, report, present="already present")
        activity = report.activity
        if activity.imported.created:
            self.stdout.write(f"Demo activity rows imported: {activity.imported.created}.")
        if activity.replayed:
            self.stdout.write("Demo activity replayed through the services:")
            for step in activity.replayed:
                self.stdout.write(f"  - {step}")
        if activity.already_done:
            self.stdout.write(f"Demo activity: {activity.already_done} steps already done.")
