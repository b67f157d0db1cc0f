from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self):
        # Wagtail's log entries about agreements follow the agreements' permissions.
        from agreements import log_entries
        from registry.csv_safety import install_wagtail_export_guard

        log_entries.install()
        # Wagtail's admin CSV exports neutralise formula cells like every CSV we write.
        install_wagtail_export_guard()

        # jurisdictions never imports agreements (docs/decisions/0015-import-direction.md):
        # what a change to an organisation means for agreements is decided here.
        from agreements.receivers import organization_changed_received
        from agreements.views.history import history_names_install
        from jurisdictions.signals import organization_changed

        organization_changed.connect(
            organization_changed_received, dispatch_uid="agreements_organization_changed"
        )
        # Change histories name an agreement the reader may not see neutrally.
        history_names_install()
