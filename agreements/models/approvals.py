"""Approval per signing party, and the steps each jurisdiction requires before its parties
approve.

Intergovernmental agreements are approved by each government under its own rules: an agreement
(or an amendment) under review reaches "approved" only when every signing party has approved it
in the current review round. A round starts with each submission for review, so a return to
negotiation and a new submission ask every party again.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from simple_history.models import HistoricalRecords

from registry.audit import ClusterHistoricalRecords
from registry.bilingual import BilingualMixin


def organization_kinds():
    """The kinds of organisation a gate may be limited to (a callable, so that new kinds need no
    migration here)."""
    from jurisdictions.models import Organization

    return Organization.Kind.choices


class ApprovalGate(ClusterableModel):
    """What a jurisdiction's parties must complete before they approve an agreement, e.g. Québec:
    an Order in Council under Act M-30, with its number and date; or, for Québec municipal
    bodies, a ministerial authorisation.

    A gate applies to the parties whose organisation belongs to its jurisdiction and, unless
    switched off, to those of the jurisdictions under it (a province's gate covers its
    municipalities). It may be limited to one kind of organisation.
    """

    jurisdiction = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        # CASCADE: a gate means nothing without its government.
        on_delete=models.CASCADE,
        related_name="approval_gates",
        help_text=_("The government whose parties must complete these steps."),
    )
    organization_kind = models.CharField(
        _("kind of organisation"),
        max_length=30,
        blank=True,
        choices=organization_kinds,
        help_text=_(
            "Only parties of this kind (e.g. municipal governments). Empty: every kind of party."
        ),
    )
    applies_to_children = models.BooleanField(
        _("applies to the jurisdictions under it"),
        default=True,
        help_text=_(
            "Also require these steps from parties of the jurisdictions inside this one "
            "(e.g. a province's municipalities)."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["jurisdiction__name_en", "organization_kind", "pk"]
        verbose_name = _("approval gate")
        verbose_name_plural = _("approval gates")

    def __str__(self):
        if self.organization_kind:
            return f"{self.jurisdiction} ({self.get_organization_kind_display()})"
        return str(self.jurisdiction)


class ApprovalStep(BilingualMixin, models.Model):
    """One item of a gate's checklist, e.g. "Order in Council" (number and date required) or
    "Treasury Board authority"."""

    gate = ParentalKey(ApprovalGate, on_delete=models.CASCADE, related_name="steps")
    label_en = models.CharField(
        _("label (English)"),
        max_length=200,
        help_text=_("What must be obtained, e.g. “Order in Council”."),
    )
    label_fr = models.CharField(
        _("label (French)"),
        max_length=200,
        blank=True,
        help_text=_("The label in French, e.g. « Décret »."),
    )
    reference_required = models.BooleanField(
        default=True,
        help_text=_("The party must give the step's reference number (e.g. the decree number)."),
    )
    date_required = models.BooleanField(
        default=True, help_text=_("The party must give the date the step was completed.")
    )
    sort_order = models.PositiveIntegerField(default=0, editable=False)
    history = ClusterHistoricalRecords()

    sort_order_field = "sort_order"  # the admin's inline panel orders steps by it

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("approval step")
        verbose_name_plural = _("approval steps")

    def __str__(self):
        return self.localized("label")


class PartyApprovalQuerySet(models.QuerySet):
    def of_subject(self, agreement, amendment=None):
        """Decisions on the agreement itself, or on one of its amendments."""
        if amendment is None:
            return self.filter(agreement=agreement, amendment__isnull=True)
        return self.filter(amendment=amendment)


class PartyApproval(models.Model):
    """One signing party's decision on an agreement (or amendment) under review, e.g. "Government
    of Québec approved on 3 May 2024 (Order in Council 412-2024 of 24 April 2024)", or
    "Service New Brunswick returned it: clause 4.2 needs the French text".

    Written by agreements.services.approvals only; never changed afterwards.
    """

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned to negotiation")

    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.CASCADE,
        related_name="party_approvals",
        help_text=_("The agreement decided on (or whose amendment was)."),
    )
    amendment = models.ForeignKey(
        "agreements.Amendment",
        # PROTECT: amendments are never deleted (they are withdrawn), so neither are decisions.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="party_approvals",
        help_text=_("Set when the decision was on an amendment, not the agreement."),
    )
    party = models.ForeignKey(
        "agreements.Party",
        # SET_NULL: a party removed in a later negotiation keeps its past decisions on record
        # (the organisation says whose they were).
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approvals",
        help_text=_("The signing party this decision is for."),
    )
    organization = models.ForeignKey(
        "jurisdictions.Organization",
        # PROTECT: the record must keep naming the organisation that decided.
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The party's organisation at the time of the decision."),
    )
    round = models.PositiveIntegerField(
        help_text=_(
            "Which submission for review this decision answers: 1 for the first, 2 after a "
            "return and a new submission, and so on."
        )
    )
    decision = models.CharField(
        max_length=20, choices=Decision.choices, help_text=_("Approved, or returned.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # PROTECT: the record must keep naming who decided; users are deactivated, not deleted.
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Who recorded the decision for the party."),
    )
    decided_at = models.DateTimeField(
        default=timezone.now, help_text=_("When the decision was recorded.")
    )
    comment = models.TextField(
        blank=True, help_text=_("Why, in the decider's words; required for a return.")
    )

    objects = PartyApprovalQuerySet.as_manager()

    class Meta:
        ordering = ["agreement", "decided_at", "pk"]
        verbose_name = _("party approval")
        verbose_name_plural = _("party approvals")
        constraints = [
            models.UniqueConstraint(
                fields=["party", "round"],
                condition=Q(amendment__isnull=True),
                name="one_decision_per_party_and_round",
            ),
            models.UniqueConstraint(
                fields=["party", "amendment", "round"],
                condition=Q(amendment__isnull=False),
                name="one_amendment_decision_per_party_and_round",
            ),
        ]

    def __str__(self):
        return f"{self.organization}: {self.get_decision_display()} (round {self.round})"


class PartyApprovalStep(BilingualMixin, models.Model):
    """A gate step as completed for one party's approval, e.g. "Order in Council 412-2024 of
    24 April 2024". The label is copied so the record reads the same if the gate changes."""

    approval = models.ForeignKey(PartyApproval, on_delete=models.CASCADE, related_name="steps")
    step = models.ForeignKey(
        ApprovalStep,
        # SET_NULL: a step a registrar later removes stays on the approvals that completed it.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The gate step completed."),
    )
    label_en = models.CharField(_("label (English)"), max_length=200)
    label_fr = models.CharField(_("label (French)"), max_length=200, blank=True)
    reference = models.CharField(
        max_length=100, blank=True, help_text=_("The reference number, e.g. “412-2024”.")
    )
    date = models.DateField(null=True, blank=True, help_text=_("When the step was completed."))

    class Meta:
        ordering = ["approval", "pk"]
        verbose_name = _("completed approval step")
        verbose_name_plural = _("completed approval steps")

    def __str__(self):
        return self.localized("label")


# --- reads the lifecycle guards and the services share -----------------------------------------


def review_round(agreement, amendment=None) -> int:
    """The current review round of the agreement (or amendment): how many times it was
    submitted for review. 0 for one put under review without a logged submission."""
    from .transitions import AgreementTransition

    entries = AgreementTransition.objects.filter(agreement=agreement, to_state="review")
    if amendment is None:
        entries = entries.filter(amendment__isnull=True)
    else:
        entries = entries.filter(amendment=amendment)
    return entries.count()


def signing_parties(agreement) -> list:
    """The agreement's parties that sign (every role but observer), in their order."""
    parties = agreement.parties.select_related("organization__jurisdiction")
    return [party for party in parties.order_by("sort_order", "pk") if party.signs]


def round_decisions(agreement, amendment=None, round_number=None) -> dict[int, PartyApproval]:
    """Party id → its decision in the round (default: the current one)."""
    if round_number is None:
        round_number = review_round(agreement, amendment)
    decisions = (
        PartyApproval.objects.of_subject(agreement, amendment)
        .filter(round=round_number, party__isnull=False)
        .select_related("decided_by")
    )
    return {decision.party_id: decision for decision in decisions}


def parties_not_approved(agreement, amendment=None) -> list:
    """The signing parties that have not approved in the current round."""
    decisions = round_decisions(agreement, amendment)
    return [
        party
        for party in signing_parties(agreement)
        if getattr(decisions.get(party.pk), "decision", None) != PartyApproval.Decision.APPROVED
    ]
