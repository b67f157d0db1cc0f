"""Reference lists used to classify agreements: service areas and delivery channels."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.bilingual import BilingualMixin


class ServiceArea(BilingualMixin, models.Model):
    """A field of public service, e.g. "Vital statistics" or "Motor vehicle registration"."""

    slug = models.SlugField(
        max_length=80, unique=True, help_text=_("Short address used in public URLs and filters.")
    )
    name_en = models.CharField(
        _("name (English)"), max_length=150, help_text=_("e.g. “Vital statistics”.")
    )
    name_fr = models.CharField(
        _("name (French)"),
        max_length=150,
        blank=True,
        help_text=_("e.g. “Statistiques de l’état civil”."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")

    def __str__(self):
        return self.localized("name")


class DeliveryChannel(BilingualMixin, models.Model):
    """A way citizens reach a service: online, phone, in person, mail."""

    slug = models.SlugField(
        max_length=40, unique=True, help_text=_("Short identifier, e.g. “online”.")
    )
    name_en = models.CharField(_("name (English)"), max_length=80, help_text=_("e.g. “In person”."))
    name_fr = models.CharField(
        _("name (French)"), max_length=80, blank=True, help_text=_("e.g. “En personne”.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("delivery channel")
        verbose_name_plural = _("delivery channels")

    def __str__(self):
        return self.localized("name")
