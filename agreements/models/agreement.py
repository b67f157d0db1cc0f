from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from simple_history.models import HistoricalRecords

from registry.audit import ClusterHistoricalRecords
from registry.bilingual import BilingualMixin
from registry.concurrency import REVISION_FIELD, EditRevisionModel, ParentRevisionMixin

EXPIRY_NOT_AFTER_EFFECTIVE = _("The expiry date must be after the effective date.")
REFERENCE_FORMAT = _(
    "Use 3 to 40 capital letters, digits, dots, slashes or hyphens, starting with a letter or "
    "digit, e.g. “SNB-2021-004”."
)
RELATION_TO_ITSELF = _("An agreement cannot be related to itself.")
AGREEMENT_HAS_VERSIONS = _(
    "This agreement has signed versions, which are a legal record: it cannot be deleted."
)

validate_reference = RegexValidator(
    regex=r"^[A-Z0-9][A-Z0-9./-]{2,39}$", message=REFERENCE_FORMAT, code="invalid_reference"
)


class AgreementQuerySet(models.QuerySet):
    def in_state(self, *states):
        return self.filter(state__in=states)

    def public(self):
        return self.filter(visibility=Agreement.Visibility.PUBLIC)

    def in_force(self, *, on=None):
        qs = self.filter(state=Agreement.State.IN_FORCE)
        if on is not None:
            qs = qs.filter(Q(effective_date__isnull=True) | Q(effective_date__lte=on))
            qs = qs.filter(Q(expiry_date__isnull=True) | Q(expiry_date__gte=on))
        return qs

    def with_party(self, organization):
        return self.filter(parties__organization=organization).distinct()

    def for_jurisdiction(self, jurisdiction):
        return self.filter(parties__organization__jurisdiction=jurisdiction).distinct()

    def published(self, *, on=None):
        """Public agreements with at least one version the public may read (see
        `AgreementVersion.objects.published`): no restricted ones, none not yet in effect."""
        from .versions import AgreementVersion

        versions = AgreementVersion.objects.published(on=on).filter(agreement=models.OuterRef("pk"))
        return self.public().filter(models.Exists(versions))


class Agreement(BilingualMixin, EditRevisionModel, ClusterableModel):
    """A service agreement between public bodies, e.g. Service New Brunswick's agreement to deliver
    the Department of Health's Medicare card services through its service centres."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        NEGOTIATION = "negotiation", _("In negotiation")
        REVIEW = "review", _("Under review")
        APPROVED = "approved", _("Approved")
        IN_FORCE = "in_force", _("In force")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")
        SUPERSEDED = "superseded", _("Superseded")

    class Type(models.TextChoices):
        SERVICE_DELIVERY = "service_delivery", _("Service delivery agreement")
        MOU = "mou", _("Memorandum of understanding")
        FRAMEWORK = "framework", _("Framework agreement")
        FUNDING = "funding", _("Funding / contribution agreement")
        DATA_SHARING = "data_sharing", _("Data-sharing agreement")
        PARTNERSHIP = "partnership", _("Partnership agreement")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        RESTRICTED = "restricted", _("Restricted")

    reference = models.CharField(
        max_length=40,
        unique=True,
        validators=[validate_reference],
        help_text=_(
            "The registry's reference number, unique and human-readable, e.g. SNB-2021-004."
        ),
    )
    title_en = models.CharField(
        _("title (English)"), max_length=300, help_text=_("Title of the agreement in English.")
    )
    title_fr = models.CharField(
        _("title (French)"),
        max_length=300,
        blank=True,
        help_text=_("Title of the agreement in French."),
    )
    summary_en = models.TextField(
        _("summary (English)"),
        blank=True,
        help_text=_("A plain-language summary of purpose and scope."),
    )
    summary_fr = models.TextField(
        _("summary (French)"), blank=True, help_text=_("The summary in French.")
    )
    agreement_type = models.CharField(
        _("type"), max_length=30, choices=Type.choices, help_text=_("The kind of agreement.")
    )
    state = models.CharField(
        max_length=20,
        choices=State.choices,
        default=State.DRAFT,
        db_index=True,
        help_text=_(
            "Where the agreement is in its lifecycle. Changed by transitions, not by editing."
        ),
    )
    visibility = models.CharField(
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("Restricted agreements are never shown to the public, even once in force."),
    )
    signed_date = models.DateField(
        null=True, blank=True, help_text=_("The date the last party signed.")
    )
    effective_date = models.DateField(
        null=True, blank=True, help_text=_("The date the agreement takes effect.")
    )
    expiry_date = models.DateField(
        null=True,
        blank=True,
        help_text=_("The date the agreement ends unless renewed. Empty if open-ended."),
    )
    next_review_date = models.DateField(
        null=True, blank=True, help_text=_("When the parties will next review the agreement.")
    )
    notice_period_days = models.PositiveIntegerField(
        default=90, help_text=_("Days of notice a party must give to terminate or not renew.")
    )
    in_force_for_signatories_only = models.BooleanField(
        _("in force for the parties that signed"),
        default=False,
        help_text=_(
            "For an agreement with three or more signing parties: it may come into force once at "
            "least two have signed, for those parties only; the others may sign later."
        ),
    )
    renewal_terms_en = models.TextField(
        _("renewal terms (English)"),
        blank=True,
        help_text=_(
            "How the agreement is renewed, e.g. automatically for 3 years unless notice is given."
        ),
    )
    renewal_terms_fr = models.TextField(
        _("renewal terms (French)"), blank=True, help_text=_("Renewal terms in French.")
    )
    parity_exemption_reason = models.TextField(
        _("why one language may be missing"),
        blank=True,
        help_text=_(
            "Recorded by a registrar: why this agreement may come into force with content filled "
            "in one language only (e.g. the French text is published by the other government). "
            "Empty: every bilingual field must be filled in both languages or in neither."
        ),
    )
    service_areas = models.ManyToManyField(
        "agreements.ServiceArea",
        blank=True,
        related_name="agreements",
        help_text=_("Fields of service the agreement covers."),
    )
    delivery_channels = models.ManyToManyField(
        "agreements.DeliveryChannel",
        blank=True,
        related_name="agreements",
        help_text=_("How citizens receive the services."),
    )
    governing_body = models.ForeignKey(
        "agreements.GovernanceBody",
        # SET_NULL: dissolving a committee must not delete the agreements it oversaw.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        help_text=_("The joint committee or board that oversees the agreement."),
    )
    ended_on = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The last day the agreement applied, once it expired, was terminated or was "
            "superseded. Set by those transitions, not by editing."
        ),
    )
    end_reason = models.TextField(
        blank=True,
        editable=False,
        help_text=_("Why the agreement was terminated or superseded. Set by the transition."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(
        m2m_fields=[service_areas, delivery_channels],
        excluded_fields=["updated_at", REVISION_FIELD],
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["reference"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        # Object permissions beyond Django's view/change/delete; granted per agreement by
        # agreements/permissions.py to the parties' groups.
        permissions = [
            ("negotiate_agreement", "Can move an agreement through drafting and negotiation"),
            ("approve_agreement", "Can approve an agreement or return it to negotiation"),
            ("sign_agreement", "Can record signatures and bring an agreement into force"),
            ("report_agreement", "Can submit reports against an agreement's obligations"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expiry_date__isnull=True)
                | Q(effective_date__isnull=True)
                | Q(expiry_date__gt=models.F("effective_date")),
                name="agreement_expiry_after_effective",
                violation_error_message=EXPIRY_NOT_AFTER_EFFECTIVE,
            ),
        ]

    def __str__(self):
        return f"{self.reference} — {self.localized('title')}"

    def delete(self, *args, **kwargs):
        # Signed versions are the legal record: an agreement that has them is never erased.
        if self.pk is not None and self.versions.exists():
            raise models.ProtectedError(str(AGREEMENT_HAS_VERSIONS), set(self.versions.all()))
        return super().delete(*args, **kwargs)

    def clean_fields(self, exclude=None):
        # Normalise before the format validator runs: "snb-2021-004 " is SNB-2021-004.
        if self.reference:
            self.reference = self.reference.strip().upper()
        super().clean_fields(exclude=exclude)

    def clean(self):
        if self.expiry_date and self.effective_date and self.expiry_date <= self.effective_date:
            raise ValidationError({"expiry_date": EXPIRY_NOT_AFTER_EFFECTIVE})


class AgreementRelation(ParentRevisionMixin, models.Model):
    """How one agreement relates to another, e.g. "SNB-2024-002 amends SNB-2021-004"."""

    # Edited inline on its source agreement: a change makes that agreement's open forms stale.
    revision_parent = "source"

    class Kind(models.TextChoices):
        AMENDS = "amends", _("amends")
        SUPERSEDES = "supersedes", _("supersedes")
        RENEWS = "renews", _("renews")
        IMPLEMENTS = "implements", _("implements")

    source = ParentalKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="relations",
        help_text=_("The agreement that amends, supersedes, renews or implements."),
    )
    kind = models.CharField(
        max_length=20, choices=Kind.choices, help_text=_("How the two agreements relate.")
    )
    target = models.ForeignKey(
        Agreement,
        # PROTECT: an agreement that others amend or implement is part of their legal record.
        on_delete=models.PROTECT,
        related_name="inbound_relations",
        help_text=_("The agreement being amended, superseded, renewed or implemented."),
    )
    history = ClusterHistoricalRecords()

    class Meta:
        verbose_name = _("related agreement")
        verbose_name_plural = _("related agreements")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"], name="unique_agreement_relation"
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")),
                name="agreement_relation_not_to_itself",
                violation_error_message=RELATION_TO_ITSELF,
            ),
        ]

    def __str__(self):
        return f"{self.source.reference} {self.get_kind_display()} {self.target.reference}"

    def clean(self):
        if self.source_id and self.target_id and self.source_id == self.target_id:
            raise ValidationError({"target": RELATION_TO_ITSELF})
