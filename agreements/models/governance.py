from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.bilingual import BilingualMixin


class GovernanceBody(BilingualMixin, models.Model):
    """A joint committee or board that oversees agreements, with member positions from several
    organisations, e.g. the "SNB–Municipal Services Joint Management Committee"."""

    class MeetingFrequency(models.TextChoices):
        WEEKLY = "weekly", _("Every week")
        MONTHLY = "monthly", _("Every month")
        EVERY_TWO_MONTHS = "every_two_months", _("Every two months")
        QUARTERLY = "quarterly", _("Every quarter")
        THREE_TIMES_A_YEAR = "three_times_a_year", _("Three times a year")
        TWICE_A_YEAR = "twice_a_year", _("Twice a year")
        YEARLY = "yearly", _("Every year")
        AS_NEEDED = "as_needed", _("As needed")

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
    # A choice rather than free text, so the public pages and PDFs say it in either language.
    meeting_frequency = models.CharField(
        _("meeting frequency"),
        # 100, as when it was free text: the history keeps the phrases entered then.
        max_length=100,
        choices=MeetingFrequency.choices,
        blank=True,
        help_text=_("How often the body meets."),
    )
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("governance body")
        verbose_name_plural = _("governance bodies")

    def __str__(self):
        return self.localized("name")
