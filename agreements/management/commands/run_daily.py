"""The registry's daily jobs, for one cron line on every machine that schedules them:

    15 0 * * *  cd /srv/registry && .venv/bin/python manage.py run_daily

Each job is idempotent, and the jobs run under one database-wide lock, so a second machine (or a
second run the same day) waits for the first and then finds nothing left to do.
"""

import datetime
from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from agreements.search.indexing import reindex_stale
from agreements.services.lifecycle import agreements_expire_due
from registry.locks import exclusive


class Command(BaseCommand):
    help = (
        "Run the daily jobs: expire agreements past their expiry date, bring the search index "
        "up to date (versions whose effective date has come become searchable), then e-mail "
        "the day's reminders (send_reminders). "
        "Idempotent, and safe when several machines run it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Treat this ISO date as today (default: the local date).",
        )

    def handle(self, *args, today=None, verbosity=1, **options):
        with exclusive("registry.run_daily"):
            expiry = agreements_expire_due(today=today)
            search = reindex_stale(today=today)
            # Reminders (workspace.reminders) live in an app that depends on this one, so the
            # command is called by name; a failure is reported after the other jobs' results.
            reminders, reminder_error = StringIO(), None
            try:
                call_command("send_reminders", today=today, stdout=reminders, stderr=self.stderr)
            except CommandError as error:
                reminder_error = error
        if verbosity:
            self.stdout.write(
                f"Expiry: {len(expiry.expired)} agreement(s) expired, "
                f"{len(expiry.failed)} could not be."
            )
            self.stdout.write(
                f"Search: {search.indexed} entr(y/ies) indexed, {search.removed} removed."
            )
            self.stdout.write(reminders.getvalue(), ending="")
        for agreement, reason in expiry.failed:
            self.stderr.write(f"Could not expire {agreement.reference}: {reason}")
        if expiry.failed:
            raise CommandError(f"{len(expiry.failed)} agreement(s) could not be expired.")
        if reminder_error is not None:
            raise reminder_error
