from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey

from agreements.recurrence import Recurrence, next_due
from registry.audit import ClusterHistoricalRecords
from registry.bilingual import BilingualMixin
from registry.concurrency import REVISION_FIELD, EditRevisionModel, ParentRevisionMixin

PARTY_OF_OTHER_AGREEMENT = _("The responsible party must be a party to this agreement.")
RECURRENCE_NEEDS_ANCHOR = _("A recurring obligation needs its first due date (the anchor).")
ONE_OFF_HAS_ANCHOR = _("Only a recurring obligation has an anchor; use the due date instead.")
OWNER_OUTSIDE_PARTY = _(
    "The accountable position must belong to the responsible party's organisation or one of its "
    "parent organisations."
)


class Responsibility(BilingualMixin, ParentRevisionMixin, EditRevisionModel):
    """One obligation in an agreement, e.g. clause 4.2: "SNB issues Medicare cards at every service
    centre within 10 business days", owned by SNB's Vice-President, Service Delivery."""

    # Edited inline on its agreement too: a change makes the agreement's open forms stale.
    revision_parent = "agreement"

    class Kind(models.TextChoices):
        SERVICE_DELIVERY = "service_delivery", _("Service delivery")
        REPORTING = "reporting", _("Reporting")
        FUNDING = "funding", _("Funding")
        DATA_SHARING = "data_sharing", _("Data sharing")
        GOVERNANCE = "governance", _("Governance")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        COMPLETED = "completed", _("Completed")

    agreement = ParentalKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="responsibilities"
    )
    clause = models.CharField(
        max_length=30,
        blank=True,
        help_text=_("Clause reference in the agreement text, e.g. “4.2”."),
    )
    text_en = models.TextField(
        _("obligation (English)"), help_text=_("What must be done, in English.")
    )
    text_fr = models.TextField(
        _("obligation (French)"), blank=True, help_text=_("What must be done, in French.")
    )
    responsible_party = models.ForeignKey(
        "agreements.Party",
        # PROTECT: a party cannot leave while obligations are still assigned to it.
        on_delete=models.PROTECT,
        related_name="responsibilities",
        help_text=_("The party that must carry out the obligation."),
    )
    accountability_owner = models.ForeignKey(
        "jurisdictions.Position",
        # PROTECT: positions accountable for obligations are retired, never deleted.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_responsibilities",
        help_text=_(
            "The office accountable for the obligation (a position, so it survives staff changes)."
        ),
    )
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        default=Kind.SERVICE_DELIVERY,
        help_text=_("What sort of obligation."),
    )
    due_date = models.DateField(
        null=True, blank=True, help_text=_("When a one-off obligation is due.")
    )
    recurrence = models.CharField(
        max_length=20,
        choices=Recurrence.choices,
        default=Recurrence.NONE,
        help_text=_(
            "How often the obligation falls due. “Once” uses the due date; the others repeat "
            "from the anchor."
        ),
    )
    recurrence_anchor = models.DateField(
        null=True,
        blank=True,
        help_text=_(
            "First due date of a recurring obligation; later ones fall at the same interval, "
            "e.g. 31 March for quarterly reports due at each quarter's end. A month's last day "
            "means the last day of every month."
        ),
    )
    service_standard_en = models.CharField(
        _("service standard (English)"),
        max_length=300,
        blank=True,
        help_text=_("The measurable standard or indicator, e.g. “90% within 10 business days”."),
    )
    service_standard_fr = models.CharField(
        _("service standard (French)"),
        max_length=300,
        blank=True,
        help_text=_("The standard in French."),
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.ACTIVE,
        help_text=_("Whether the obligation currently applies."),
    )
    sort_order = models.PositiveIntegerField(default=0, editable=False)
    history = ClusterHistoricalRecords(excluded_fields=[REVISION_FIELD])

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recurrence="none", recurrence_anchor__isnull=True)
                | (~models.Q(recurrence="none") & models.Q(recurrence_anchor__isnull=False)),
                name="responsibility_anchor_matches_recurrence",
                violation_error_message=RECURRENCE_NEEDS_ANCHOR,
            ),
        ]

    def __str__(self):
        prefix = f"{self.clause} " if self.clause else ""
        return f"{prefix}{self.localized('text')[:80]}"

    def next_due(self, *, after):
        """The first due date strictly after `after`, or None when nothing more falls due."""
        return next_due(
            recurrence=self.recurrence,
            anchor=self.recurrence_anchor,
            due_date=self.due_date,
            after=after,
        )

    def clean(self):
        errors = {}
        party = self.responsible_party if self.responsible_party_id else None
        if party is not None and self.agreement_id and party.agreement_id != self.agreement_id:
            errors["responsible_party"] = PARTY_OF_OTHER_AGREEMENT
        if (
            party is not None
            and self.accountability_owner_id
            and self.accountability_owner.organization_id not in party.organization.lineage_ids()
        ):
            errors["accountability_owner"] = OWNER_OUTSIDE_PARTY
        if self.recurrence != Recurrence.NONE and self.recurrence_anchor is None:
            errors["recurrence_anchor"] = RECURRENCE_NEEDS_ANCHOR
        if self.recurrence == Recurrence.NONE and self.recurrence_anchor is not None:
            errors["recurrence_anchor"] = ONE_OFF_HAS_ANCHOR
        if errors:
            raise ValidationError(errors)
