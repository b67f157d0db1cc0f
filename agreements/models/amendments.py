"""Amendments: the only way an agreement in force changes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.bilingual import BilingualMixin


class AmendmentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=Amendment.OPEN_STATES)

    def editing(self):
        """Amendments whose agreement's working copy may be edited right now."""
        return self.filter(state__in=Amendment.EDITING_STATES)


class Amendment(BilingualMixin, models.Model):
    """A change to an agreement in force, negotiated and signed like the agreement itself, e.g.
    "Amendment 1 to SNB-2021-004: adds passport-photo services at rural centres".

    While an amendment is open, staff edit the agreement's working copy (its parties and
    responsibilities); the signed versions stay untouched. Signing the amendment records the next
    `AgreementVersion`. Withdrawing it puts the working copy back as last signed.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        NEGOTIATION = "negotiation", _("In negotiation")
        REVIEW = "review", _("Under review")
        APPROVED = "approved", _("Approved")
        SIGNED = "signed", _("Signed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATES = (State.DRAFT, State.NEGOTIATION, State.REVIEW, State.APPROVED)
    # What is reviewed and approved is what gets signed, so edits stop at review.
    EDITING_STATES = (State.DRAFT, State.NEGOTIATION)

    agreement = models.ForeignKey(
        "agreements.Agreement",
        # PROTECT: amendments belong to agreements in force, which are never hard-deleted.
        on_delete=models.PROTECT,
        related_name="amendments",
        help_text=_("The agreement being amended."),
    )
    number = models.PositiveIntegerField(
        help_text=_("1 for the agreement's first amendment, 2 for the second, and so on.")
    )
    title_en = models.CharField(
        _("title (English)"),
        max_length=300,
        help_text=_("What the amendment does, e.g. “Adds passport-photo services”."),
    )
    title_fr = models.CharField(
        _("title (French)"), max_length=300, blank=True, help_text=_("The title in French.")
    )
    purpose_en = models.TextField(
        _("purpose (English)"),
        blank=True,
        help_text=_("Why the parties are amending the agreement, in plain language."),
    )
    purpose_fr = models.TextField(
        _("purpose (French)"), blank=True, help_text=_("The purpose in French.")
    )
    state = models.CharField(
        max_length=20,
        choices=State.choices,
        default=State.DRAFT,
        db_index=True,
        help_text=_("Where the amendment is in its lifecycle. Changed by transitions only."),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # PROTECT: who opened an amendment stays on record; users are deactivated, not deleted.
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Who opened the amendment."),
    )
    opened_at = models.DateTimeField(
        default=timezone.now, help_text=_("When the amendment was opened.")
    )
    signed_date = models.DateField(
        null=True, blank=True, help_text=_("The date the last party signed the amendment.")
    )
    effective_date = models.DateField(
        null=True,
        blank=True,
        help_text=_(
            "The date the amendment takes effect. Before signature, the planned date (used to "
            "check that accountable positions are filled)."
        ),
    )
    parity_exemption_reason = models.TextField(
        _("why one language may be missing"),
        blank=True,
        help_text=_(
            "Recorded by a registrar: why this amendment may be signed with content of the "
            "agreement filled in one language only. Empty: every bilingual field must be filled "
            "in both languages or in neither."
        ),
    )
    history = HistoricalRecords()

    objects = AmendmentQuerySet.as_manager()

    class Meta:
        ordering = ["agreement", "number"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="unique_amendment_number"),
            models.UniqueConstraint(
                fields=["agreement"],
                condition=Q(state__in=["draft", "negotiation", "review", "approved"]),
                name="one_open_amendment_per_agreement",
            ),
        ]

    def __str__(self):
        return f"{self.agreement.reference} amendment {self.number}: {self.localized('title')}"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES
