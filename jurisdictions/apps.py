from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class JurisdictionsConfig(AppConfig):
    name = "jurisdictions"
    verbose_name = _("Jurisdictions")

    def ready(self):
        from registry.admin_history import HistoryNames, history_names_register

        from .models import Position
        from .roles import roles_sync_after_migrate
        from .security_events import security_events_connect

        # A position is named with its organisation: change histories load both at once.
        history_names_register(Position, HistoryNames(select_related=("organization",)))

        # Setup, not domain flow: every deployment's `migrate` leaves the Registrars group and
        # each organisation's role groups in place, as Django does for permissions.
        post_migrate.connect(
            roles_sync_after_migrate, sender=self, dispatch_uid="jurisdictions_roles_sync"
        )
        # The security log (registry/security_log.py): sign-ins, failures, sign-outs and group
        # membership changes. Log lines only; no data changes.
        security_events_connect()
