"""Financial terms: what one party commits to pay another under an agreement."""

import pycountry
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey

from registry.audit import ClusterHistoricalRecords
from registry.bilingual import BilingualMixin
from registry.concurrency import ParentRevisionMixin

CURRENCY_UNKNOWN = _("Enter an ISO 4217 currency code in capitals, e.g. CAD, AUD or EUR.")
FUNDER_IS_RECIPIENT = _("The funder and the recipient must be different parties.")
COMMITMENT_PARTY_NOT_IN_AGREEMENT = _(
    "The funder and the recipient must both be parties to this agreement."
)
PERIOD_NEEDS_YEARS = _("An amount per year needs its first and last year.")
YEARS_REVERSED = _("The last year cannot be before the first year.")


def validate_currency(code: str) -> None:
    """An ISO 4217 alphabetic code, in capitals (pycountry ignores case; ISO does not)."""
    match = pycountry.currencies.get(alpha_3=code) if len(code or "") == 3 else None
    if match is None or match.alpha_3 != code:
        raise ValidationError(CURRENCY_UNKNOWN, code="invalid_currency")


class FinancialCommitment(BilingualMixin, ParentRevisionMixin, models.Model):
    """A sum one party commits to another, e.g. Canada pays New Brunswick CAD 12,500,000 per year
    from 2024 to 2028 for the Canada Community-Building Fund."""

    # Edited inline on its agreement: a change makes the agreement's open forms stale.
    revision_parent = "agreement"

    class Period(models.TextChoices):
        ONE_OFF = "one_off", _("One-off")
        PER_YEAR = "per_year", _("Per year")
        TOTAL = "total", _("Total over the term")

    agreement = ParentalKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="financial_commitments"
    )
    funder = models.ForeignKey(
        "jurisdictions.Organization",
        # PROTECT: an organisation with financial commitments stays in the record.
        on_delete=models.PROTECT,
        related_name="funding_commitments",
        help_text=_("The party that pays (its organisation)."),
    )
    recipient = models.ForeignKey(
        "jurisdictions.Organization",
        # PROTECT: as for the funder.
        on_delete=models.PROTECT,
        related_name="received_commitments",
        help_text=_("The party that receives the money (its organisation)."),
    )
    amount = models.DecimalField(
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("The sum, in the currency below, e.g. 12500000.00."),
    )
    currency = models.CharField(
        max_length=3,
        default="CAD",
        validators=[validate_currency],
        help_text=_("ISO 4217 currency code, e.g. CAD, AUD, EUR."),
    )
    period = models.CharField(
        max_length=10,
        choices=Period.choices,
        default=Period.TOTAL,
        help_text=_("Whether the sum is paid once, every year, or in total over the term."),
    )
    start_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("First (fiscal) year the sum applies to, e.g. 2024.")
    )
    end_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Last (fiscal) year the sum applies to, e.g. 2028.")
    )
    description_en = models.CharField(
        _("description (English)"),
        max_length=300,
        blank=True,
        help_text=_("What the money is for, e.g. “Capital funding for wastewater treatment”."),
    )
    description_fr = models.CharField(
        _("description (French)"),
        max_length=300,
        blank=True,
        help_text=_("The description in French."),
    )
    sort_order = models.PositiveIntegerField(default=0, editable=False)
    history = ClusterHistoricalRecords()

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("financial commitment")
        verbose_name_plural = _("financial commitments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="financial_commitment_amount_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.funder} → {self.recipient}: {self.currency} {self.amount}"

    @property
    def years(self) -> int | None:
        """How many years a per-year sum is paid for (both ends included)."""
        if self.start_year is None or self.end_year is None:
            return None
        return self.end_year - self.start_year + 1

    @property
    def total(self):
        """The whole sum over the term: a per-year amount times its years."""
        if self.period == self.Period.PER_YEAR:
            return self.amount * (self.years or 0)
        return self.amount

    def clean(self):
        errors = {}
        if self.funder_id and self.funder_id == self.recipient_id:
            errors["recipient"] = FUNDER_IS_RECIPIENT
        if self.period == self.Period.PER_YEAR and (
            self.start_year is None or self.end_year is None
        ):
            errors["start_year"] = PERIOD_NEEDS_YEARS
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = YEARS_REVERSED
        if errors:
            raise ValidationError(errors)
