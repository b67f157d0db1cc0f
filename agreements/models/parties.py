from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from registry.audit import ClusterHistoricalRecords
from registry.concurrency import ParentRevisionMixin

SIGNATORY_NOT_IN_ORGANIZATION = _(
    "The signatory must be a position in the party's organisation or one of its parent organisations."
)
DUPLICATE_PARTY = _("This organisation is already a party to this agreement.")


class Party(ParentRevisionMixin, ClusterableModel):
    """An organisation's part in an agreement, e.g. Service New Brunswick as delivery partner,
    signing through its President and CEO."""

    # Edited inline on its agreement: a change makes the agreement's open forms stale.
    revision_parent = "agreement"

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead party")
        PARTY = "party", _("Party")
        DELIVERY_PARTNER = "delivery_partner", _("Delivery partner")
        FUNDER = "funder", _("Funder")
        OBSERVER = "observer", _("Observer")

    # Observers take part without signing; every other role signs.
    NON_SIGNING_ROLES = frozenset({Role.OBSERVER})

    agreement = ParentalKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="parties"
    )
    organization = models.ForeignKey(
        "jurisdictions.Organization",
        # PROTECT: an organisation that is party to agreements cannot disappear from them.
        on_delete=models.PROTECT,
        related_name="parties",
        help_text=_("The organisation taking part."),
    )
    role = models.CharField(
        max_length=20,
        choices=Role.choices,
        default=Role.PARTY,
        help_text=_("Its part in the agreement."),
    )
    signatory_position = models.ForeignKey(
        "jurisdictions.Position",
        # PROTECT: a position that signed an agreement is part of its legal record.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signed_parties",
        help_text=_("The office that signs for this party, e.g. “Minister of Health”."),
    )
    signed_date = models.DateField(null=True, blank=True, help_text=_("When this party signed."))
    sort_order = models.PositiveIntegerField(default=0, editable=False)
    history = ClusterHistoricalRecords()

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organization"],
                name="one_party_per_organization",
                violation_error_message=DUPLICATE_PARTY,
            ),
        ]

    def __str__(self):
        return f"{self.organization} ({self.get_role_display()})"

    @property
    def signs(self) -> bool:
        return self.role not in self.NON_SIGNING_ROLES

    def clean(self):
        if (
            self.signatory_position_id
            and self.organization_id
            and self.signatory_position.organization_id not in self.organization.lineage_ids()
        ):
            raise ValidationError({"signatory_position": SIGNATORY_NOT_IN_ORGANIZATION})
