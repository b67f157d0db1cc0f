"""Who signs for each party, and who signed each version.

Two records, like the working copy and the signed versions themselves:

- `Signatory`: an office that signs for a party *besides* its signatory position (the party's
  first signatory stays on `Party.signatory_position` and `Party.signed_date`). Part of the
  working copy: edited on the party, copied into each version when it is signed.
- `Signature`: one signatory's signature for a party on one signed version, with the holder's
  name as it was on the signing day. Written when a version is recorded (from its snapshot) and
  when a party signs an agreement already in force (a later signature, without a new version).
  Versions never change, so a later signature lives here only, not in the version's snapshot.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from simple_history.models import HistoricalRecords

from registry.audit import ClusterHistoricalRecords

from .parties import SIGNATORY_NOT_IN_ORGANIZATION

# A multilateral agreement (this many signing parties or more) may be brought into force for the
# parties that signed, once at least PARTIAL_MINIMUM_SIGNED of them have (the registrar's flag
# `Agreement.in_force_for_signatories_only`).
MULTILATERAL_PARTIES = 3
PARTIAL_MINIMUM_SIGNED = 2


class Signatory(models.Model):
    """A further office signing for a party, e.g. New Brunswick's Minister of Environment signing
    the gas-tax agreement next to the Minister of Finance (the party's signatory position)."""

    party = ParentalKey(
        "agreements.Party", on_delete=models.CASCADE, related_name="additional_signatories"
    )
    position = models.ForeignKey(
        "jurisdictions.Position",
        # PROTECT: a position that signs an agreement is part of its record.
        on_delete=models.PROTECT,
        related_name="co_signed_parties",
        help_text=_(
            "Another office that signs for this party, on the party's signature date, e.g. a "
            "second minister."
        ),
    )
    sort_order = models.PositiveIntegerField(default=0, editable=False)
    history = ClusterHistoricalRecords()

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("additional signatory")
        verbose_name_plural = _("additional signatories")
        constraints = [
            models.UniqueConstraint(
                fields=["party", "position"], name="one_additional_signatory_per_position"
            ),
        ]

    def __str__(self):
        return str(self.position)

    def clean(self):
        if (
            self.position_id
            and self.party_id
            and self.position.organization_id not in self.party.organization.lineage_ids()
        ):
            raise ValidationError({"position": SIGNATORY_NOT_IN_ORGANIZATION})


class SignatureQuerySet(models.QuerySet):
    def for_version(self, version):
        return self.filter(version=version)

    def later(self):
        return self.filter(later=True)


class Signature(models.Model):
    """One signature on one signed version, e.g. "for the Province of New Brunswick: the Minister
    of Finance (Jane Doe), 12 May 2023, on version 3". A party has one per signatory."""

    version = models.ForeignKey(
        "agreements.AgreementVersion",
        # PROTECT: signatures belong to a signed version, which is never deleted.
        on_delete=models.PROTECT,
        related_name="signatures",
        help_text=_("The signed version this signature is on."),
    )
    party = models.ForeignKey(
        "agreements.Party",
        # SET_NULL: a party may leave the agreement under a later amendment; its signatures on
        # earlier versions stay, identified by the organisation.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signatures",
        help_text=_("The party signing, while it takes part in the agreement."),
    )
    organization = models.ForeignKey(
        "jurisdictions.Organization",
        # PROTECT: who signed a legal record stays identifiable.
        on_delete=models.PROTECT,
        related_name="signatures",
        help_text=_("The organisation the signature was given for."),
    )
    position = models.ForeignKey(
        "jurisdictions.Position",
        # PROTECT: the office that signed is part of the legal record.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signatures",
        help_text=_("The office that signed; empty only where the signed record named none."),
    )
    holder_name = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Who held the office on the signature date, as recorded at signing."),
    )
    signed_date = models.DateField(help_text=_("The day this signatory signed."))
    later = models.BooleanField(
        default=False,
        help_text=_(
            "Given after the version was recorded: a party that signed an agreement already in "
            "force for the parties that had signed."
        ),
    )
    sort_order = models.PositiveIntegerField(default=0)
    recorded_at = models.DateTimeField(
        default=timezone.now, help_text=_("When the registry recorded the signature.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # PROTECT: who recorded a signature stays identifiable; users are deactivated, not deleted.
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Who recorded the signature."),
    )
    history = HistoricalRecords()

    objects = SignatureQuerySet.as_manager()

    class Meta:
        ordering = ["version", "sort_order", "pk"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        indexes = [models.Index(fields=["version", "organization"])]

    def __str__(self):
        return f"{self.organization} — {self.position or '?'} ({self.signed_date.isoformat()})"
