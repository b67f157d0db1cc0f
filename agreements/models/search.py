"""The public search index: one row per agreement the public may read, holding the text of its
current published version. Written only by `agreements.search` (see that package's docstring);
everything here is derived data that `manage.py search_reindex` rebuilds from the versions.

Each database adds its own full-text structure over this table in migration 0007:
- SQLite: two FTS5 virtual tables whose content is this table (external content), one over
  every text column and one over the titles, kept in sync by triggers on this table.
- PostgreSQL: generated `tsvector` columns on this table with GIN indexes.
Django's SQLite schema editor rebuilds a table to alter it, which drops its triggers: a later
migration that alters this model must recreate them (copy them from migration 0007).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AgreementSearchEntry(models.Model):
    """What the public search finds for one agreement, e.g. SNB-2021-004 as signed in version 2:
    titles, summaries, parties and obligations in English and French."""

    agreement = models.OneToOneField(
        "agreements.Agreement",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
        help_text=_("The agreement this entry lets the public find."),
    )
    version = models.ForeignKey(
        "agreements.AgreementVersion",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The published version the text below was taken from."),
    )
    reference = models.CharField(
        max_length=40,
        db_index=True,
        help_text=_("The agreement's reference number, e.g. SNB-2021-004."),
    )
    title_en = models.TextField(blank=True, help_text=_("Title in English."))
    title_fr = models.TextField(blank=True, help_text=_("Title in French."))
    summary_en = models.TextField(
        blank=True,
        help_text=_("Summary in English, with the agreement's type and service areas."),
    )
    summary_fr = models.TextField(
        blank=True,
        help_text=_("Summary in French, with the agreement's type and service areas."),
    )
    parties_en = models.TextField(
        blank=True,
        help_text=_(
            "In English: the parties' names and acronyms, their governments and the governing body."
        ),
    )
    parties_fr = models.TextField(
        blank=True,
        help_text=_(
            "In French: the parties' names and acronyms, their governments and the governing body."
        ),
    )
    responsibilities_en = models.TextField(
        blank=True,
        help_text=_("In English: each obligation's text, service standard and accountable office."),
    )
    responsibilities_fr = models.TextField(
        blank=True,
        help_text=_("In French: each obligation's text, service standard and accountable office."),
    )
    updated_at = models.DateTimeField(
        default=timezone.now, help_text=_("When this entry was last rebuilt.")
    )

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return self.reference
