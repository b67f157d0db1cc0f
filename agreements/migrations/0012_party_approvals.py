"""Approval per signing party (with the steps each jurisdiction's gates require).

Approvals recorded before this migration were single approvals for every party: each transition
to "approved" in the log (agreements and amendments) becomes an "approved" decision of every
signing party of the agreement at that time, attributed to the actor of that log entry, in the
review round the entry closed. Every existing agreement stays valid.
"""

import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import agreements.models.approvals
import registry.bilingual

NON_SIGNING_ROLES = {"observer"}


def signing_parties_at(parties, first_seen, moment):
    """The signing parties that existed at `moment` (a party with no history counts)."""
    return [
        party
        for party in parties
        if party.role not in NON_SIGNING_ROLES
        and (party.pk not in first_seen or first_seen[party.pk] <= moment)
    ]


def approvals_from_log(apps, schema_editor):
    AgreementTransition = apps.get_model("agreements", "AgreementTransition")
    Party = apps.get_model("agreements", "Party")
    HistoricalParty = apps.get_model("agreements", "HistoricalParty")
    PartyApproval = apps.get_model("agreements", "PartyApproval")

    approved_agreements = (
        AgreementTransition.objects.filter(to_state="approved")
        .values_list("agreement_id", flat=True)
        .distinct()
    )
    for agreement_id in approved_agreements.order_by("agreement_id"):
        parties = list(Party.objects.filter(agreement_id=agreement_id).order_by("sort_order", "pk"))
        first_seen = {}
        for party_id, moment in HistoricalParty.objects.filter(
            agreement_id=agreement_id
        ).values_list("id", "history_date"):
            if party_id not in first_seen or moment < first_seen[party_id]:
                first_seen[party_id] = moment
        rounds = {}
        entries = AgreementTransition.objects.filter(agreement_id=agreement_id).order_by("at", "pk")
        for entry in entries:
            if entry.to_state == "review":
                rounds[entry.amendment_id] = rounds.get(entry.amendment_id, 0) + 1
            if entry.to_state != "approved":
                continue
            for party in signing_parties_at(parties, first_seen, entry.at):
                PartyApproval.objects.get_or_create(
                    agreement_id=agreement_id,
                    amendment_id=entry.amendment_id,
                    party_id=party.pk,
                    round=rounds.get(entry.amendment_id, 0),
                    defaults={
                        "organization_id": party.organization_id,
                        "decision": "approved",
                        "decided_by_id": entry.actor_id,
                        "decided_at": entry.at,
                        "comment": entry.comment,
                    },
                )


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0011_report_review"),
        ("jurisdictions", "0004_add_position_natural_key"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ApprovalGate",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "organization_kind",
                    models.CharField(
                        blank=True,
                        choices=agreements.models.approvals.organization_kinds,
                        help_text=(
                            "Only parties of this kind (e.g. municipal governments). Empty: "
                            "every kind of party."
                        ),
                        max_length=30,
                        verbose_name="kind of organisation",
                    ),
                ),
                (
                    "applies_to_children",
                    models.BooleanField(
                        default=True,
                        help_text=(
                            "Also require these steps from parties of the jurisdictions inside "
                            "this one (e.g. a province's municipalities)."
                        ),
                        verbose_name="applies to the jurisdictions under it",
                    ),
                ),
                (
                    "jurisdiction",
                    models.ForeignKey(
                        help_text="The government whose parties must complete these steps.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="approval_gates",
                        to="jurisdictions.jurisdiction",
                    ),
                ),
            ],
            options={
                "verbose_name": "approval gate",
                "verbose_name_plural": "approval gates",
                "ordering": ["jurisdiction__name_en", "organization_kind", "pk"],
            },
        ),
        migrations.CreateModel(
            name="ApprovalStep",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "label_en",
                    models.CharField(
                        help_text="What must be obtained, e.g. “Order in Council”.",
                        max_length=200,
                        verbose_name="label (English)",
                    ),
                ),
                (
                    "label_fr",
                    models.CharField(
                        blank=True,
                        help_text="The label in French, e.g. « Décret ».",
                        max_length=200,
                        verbose_name="label (French)",
                    ),
                ),
                (
                    "reference_required",
                    models.BooleanField(
                        default=True,
                        help_text=(
                            "The party must give the step's reference number (e.g. the decree "
                            "number)."
                        ),
                    ),
                ),
                (
                    "date_required",
                    models.BooleanField(
                        default=True,
                        help_text="The party must give the date the step was completed.",
                    ),
                ),
                ("sort_order", models.PositiveIntegerField(default=0, editable=False)),
                (
                    "gate",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="steps",
                        to="agreements.approvalgate",
                    ),
                ),
            ],
            options={
                "verbose_name": "approval step",
                "verbose_name_plural": "approval steps",
                "ordering": ["sort_order", "pk"],
            },
            bases=(registry.bilingual.BilingualMixin, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalApprovalGate",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "organization_kind",
                    models.CharField(
                        blank=True,
                        choices=agreements.models.approvals.organization_kinds,
                        help_text=(
                            "Only parties of this kind (e.g. municipal governments). Empty: "
                            "every kind of party."
                        ),
                        max_length=30,
                        verbose_name="kind of organisation",
                    ),
                ),
                (
                    "applies_to_children",
                    models.BooleanField(
                        default=True,
                        help_text=(
                            "Also require these steps from parties of the jurisdictions inside "
                            "this one (e.g. a province's municipalities)."
                        ),
                        verbose_name="applies to the jurisdictions under it",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "jurisdiction",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The government whose parties must complete these steps.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="jurisdictions.jurisdiction",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical approval gate",
                "verbose_name_plural": "historical approval gates",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalApprovalStep",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "label_en",
                    models.CharField(
                        help_text="What must be obtained, e.g. “Order in Council”.",
                        max_length=200,
                        verbose_name="label (English)",
                    ),
                ),
                (
                    "label_fr",
                    models.CharField(
                        blank=True,
                        help_text="The label in French, e.g. « Décret ».",
                        max_length=200,
                        verbose_name="label (French)",
                    ),
                ),
                (
                    "reference_required",
                    models.BooleanField(
                        default=True,
                        help_text=(
                            "The party must give the step's reference number (e.g. the decree "
                            "number)."
                        ),
                    ),
                ),
                (
                    "date_required",
                    models.BooleanField(
                        default=True,
                        help_text="The party must give the date the step was completed.",
                    ),
                ),
                ("sort_order", models.PositiveIntegerField(default=0, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "gate",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="agreements.approvalgate",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical approval step",
                "verbose_name_plural": "historical approval steps",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="PartyApproval",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "round",
                    models.PositiveIntegerField(
                        help_text=(
                            "Which submission for review this decision answers: 1 for the "
                            "first, 2 after a return and a new submission, and so on."
                        )
                    ),
                ),
                (
                    "decision",
                    models.CharField(
                        choices=[("approved", "Approved"), ("returned", "Returned to negotiation")],
                        help_text="Approved, or returned.",
                        max_length=20,
                    ),
                ),
                (
                    "decided_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now,
                        help_text="When the decision was recorded.",
                    ),
                ),
                (
                    "comment",
                    models.TextField(
                        blank=True, help_text="Why, in the decider's words; required for a return."
                    ),
                ),
                (
                    "agreement",
                    models.ForeignKey(
                        help_text="The agreement decided on (or whose amendment was).",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="party_approvals",
                        to="agreements.agreement",
                    ),
                ),
                (
                    "amendment",
                    models.ForeignKey(
                        blank=True,
                        help_text="Set when the decision was on an amendment, not the agreement.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="party_approvals",
                        to="agreements.amendment",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        help_text="Who recorded the decision for the party.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        help_text="The party's organisation at the time of the decision.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="jurisdictions.organization",
                    ),
                ),
                (
                    "party",
                    models.ForeignKey(
                        blank=True,
                        help_text="The signing party this decision is for.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="approvals",
                        to="agreements.party",
                    ),
                ),
            ],
            options={
                "verbose_name": "party approval",
                "verbose_name_plural": "party approvals",
                "ordering": ["agreement", "decided_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="PartyApprovalStep",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("label_en", models.CharField(max_length=200, verbose_name="label (English)")),
                (
                    "label_fr",
                    models.CharField(blank=True, max_length=200, verbose_name="label (French)"),
                ),
                (
                    "reference",
                    models.CharField(
                        blank=True,
                        help_text="The reference number, e.g. “412-2024”.",
                        max_length=100,
                    ),
                ),
                (
                    "date",
                    models.DateField(
                        blank=True, help_text="When the step was completed.", null=True
                    ),
                ),
                (
                    "approval",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="steps",
                        to="agreements.partyapproval",
                    ),
                ),
                (
                    "step",
                    models.ForeignKey(
                        blank=True,
                        help_text="The gate step completed.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="agreements.approvalstep",
                    ),
                ),
            ],
            options={
                "verbose_name": "completed approval step",
                "verbose_name_plural": "completed approval steps",
                "ordering": ["approval", "pk"],
            },
            bases=(registry.bilingual.BilingualMixin, models.Model),
        ),
        migrations.AddConstraint(
            model_name="partyapproval",
            constraint=models.UniqueConstraint(
                condition=models.Q(("amendment__isnull", True)),
                fields=("party", "round"),
                name="one_decision_per_party_and_round",
            ),
        ),
        migrations.AddConstraint(
            model_name="partyapproval",
            constraint=models.UniqueConstraint(
                condition=models.Q(("amendment__isnull", False)),
                fields=("party", "amendment", "round"),
                name="one_amendment_decision_per_party_and_round",
            ),
        ),
        migrations.RunPython(approvals_from_log, migrations.RunPython.noop),
    ]
