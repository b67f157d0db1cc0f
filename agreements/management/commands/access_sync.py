"""Repair access: create or rename every organisation's role groups, refresh the Registrars
group, then recompute every agreement's object permissions from its parties. Idempotent; safe to
run at any time (e.g. after loading organisations from a fixture or restoring a deleted group)."""

from django.core.management.base import BaseCommand

from agreements.services.parties import agreements_grants_sync
from jurisdictions.roles import roles_sync


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        organizations = roles_sync()
        self.stdout.write(f"Role groups checked for {organizations} organisations.")
        agreements = agreements_grants_sync()
        self.stdout.write(f"Object permissions recomputed for {agreements} agreements.")
