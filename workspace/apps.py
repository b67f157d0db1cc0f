from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """What staff open every morning: the admin home's panels, the obligation reports, the
    accountability matrix, reminders and the personal calendar feed. Depends on agreements,
    jurisdictions and registry; nothing depends on it."""

    name = "workspace"
    verbose_name = _("Accountability workspace")
