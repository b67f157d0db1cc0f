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
