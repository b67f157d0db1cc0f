from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.bilingual import BilingualMixin


class GovernanceBody(BilingualMixin, models.Model):
    """A joint committee or board that oversees agreements, with member positions from several
    organisations, e.g. the "SNB–Municipal Services Joint Management Committee"."""

    name_en = models.CharField(
        _("name (English)"),
        max_length=250,
        help_text=_("Name of the committee or board in English."),
    )
    name_fr = models.CharField(
        _("name (French)"), max_length=250, blank=True, help_text=_("Name in French.")
    )
    mandate_en = models.TextField(
        _("mandate (English)"), blank=True, help_text=_("What the body decides or oversees.")
    )
    mandate_fr = models.TextField(
        _("mandate (French)"), blank=True, help_text=_("Mandate in French.")
    )
    chair = models.ForeignKey(
        "jurisdictions.Position",
        # SET_NULL: a retired chair position leaves the body without a chair, not without a record.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_bodies",
        help_text=_("The position that chairs the body, if any."),
    )
    members = models.ManyToManyField(
        "jurisdictions.Position",
        blank=True,
        related_name="governance_bodies",
        help_text=_("Positions that sit on the body."),
    )
    meeting_frequency = models.CharField(
        max_length=100, blank=True, help_text=_("e.g. “Quarterly”.")
    )
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("governance body")
        verbose_name_plural = _("governance bodies")

    def __str__(self):
        return self.localized("name")
