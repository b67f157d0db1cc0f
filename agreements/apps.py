from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self):
        # Wagtail's log entries about agreements follow the agreements' permissions.
        from agreements import log_entries

        log_entries.install()
