"""Expire agreements whose expiry date has passed. Safe to run any number of times a day."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from agreements.services.lifecycle import agreements_expire_due


class Command(BaseCommand):
    help = (
        "Move agreements in force whose expiry date has passed to expired, attributed to the "
        "registry's system account. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Treat this ISO date as today (default: the local date).",
        )

    def handle(self, *args, today=None, verbosity=1, **options):
        run = agreements_expire_due(today=today)
        if verbosity:
            for agreement in run.expired:
                self.stdout.write(f"Expired {agreement.reference} (expiry {agreement.expiry_date})")
            self.stdout.write(f"{len(run.expired)} agreement(s) expired.")
        for agreement, reason in run.failed:
            self.stderr.write(f"Could not expire {agreement.reference}: {reason}")
        if run.failed:
            raise CommandError(f"{len(run.failed)} agreement(s) could not be expired.")
