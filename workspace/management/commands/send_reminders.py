"""`manage.py send_reminders [--today YYYY-MM-DD]`: e-mail today's reminders (workspace.reminders).
Idempotent: a second run the same day sends nothing. Also run by `manage.py run_daily`."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from workspace.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "E-mail reminders of obligations due in 30, 7 and 1 days, of overdue obligations (weekly) "
        "and of notice dates coming, to the liaison officers concerned. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Treat this ISO date as today (default: the local date).",
        )

    def handle(self, *args, today=None, verbosity=1, **options):
        run = reminders_send(today=today)
        if verbosity:
            self.stdout.write(
                f"Reminders: {run.reminders} reminder(s) sent in {run.messages} message(s)."
            )
        for failure in run.failed:
            self.stderr.write(f"Could not send reminders to {failure}")
        if run.failed:
            raise CommandError(f"{len(run.failed)} recipient(s) could not be sent reminders.")
