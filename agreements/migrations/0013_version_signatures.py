"""Signatures per party, per version (docs/decisions/0016).

Adds the additional signatories of a party (working copy), the signatures recorded on each
signed version, and the registrar's flag for a multilateral agreement in force for the parties
that signed. Every existing version gets its signatures as rows, read from its snapshot: each
signing party's signatory position, who held it then and its signature date. Snapshots are left
as they are (versions are immutable); readers fall back to their one signatory per party.
"""

import datetime

import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def _holder_names(signatory):
    return ", ".join(holder["name"] for holder in (signatory or {}).get("holders", []))


def signatures_from_versions(apps, schema_editor):
    """One Signature per signing party with a signature date, on every existing version, as its
    snapshot recorded it (the same reading as agreements.services.signatures)."""
    AgreementVersion = apps.get_model("agreements", "AgreementVersion")
    Party = apps.get_model("agreements", "Party")
    Signature = apps.get_model("agreements", "Signature")
    Organization = apps.get_model("jurisdictions", "Organization")
    Position = apps.get_model("jurisdictions", "Position")
    party_ids = set(Party.objects.values_list("pk", flat=True))
    organization_ids = set(Organization.objects.values_list("pk", flat=True))
    position_ids = set(Position.objects.values_list("pk", flat=True))
    rows = []
    for version in AgreementVersion.objects.order_by("pk").iterator():
        index = 0
        for party in version.snapshot.get("parties", []):
            if "signatures" in party:
                items = party["signatures"]
            elif party.get("signs", True) and party.get("signed_date"):
                items = [{"signatory": party.get("signatory"), "signed_date": party["signed_date"]}]
            else:
                items = []
            organization_id = (party.get("organization") or {}).get("id")
            if organization_id not in organization_ids:
                continue
            for item in items:
                signatory = item.get("signatory") or {}
                rows.append(
                    Signature(
                        version_id=version.pk,
                        party_id=party.get("id") if party.get("id") in party_ids else None,
                        organization_id=organization_id,
                        position_id=(
                            signatory.get("id") if signatory.get("id") in position_ids else None
                        ),
                        holder_name=_holder_names(signatory)[:300],
                        signed_date=datetime.date.fromisoformat(item["signed_date"]),
                        sort_order=index,
                        recorded_by_id=version.created_by_id,
                        recorded_at=version.created_at,
                    )
                )
                index += 1
    Signature.objects.bulk_create(rows, batch_size=500)
    # Bulk writes skip simple-history: write each row's "created" entry here.
    HistoricalSignature = apps.get_model("agreements", "HistoricalSignature")
    now = django.utils.timezone.now()
    HistoricalSignature.objects.bulk_create(
        [
            HistoricalSignature(
                id=row.pk,
                version_id=row.version_id,
                party_id=row.party_id,
                organization_id=row.organization_id,
                position_id=row.position_id,
                holder_name=row.holder_name,
                signed_date=row.signed_date,
                later=row.later,
                sort_order=row.sort_order,
                recorded_at=row.recorded_at,
                recorded_by_id=row.recorded_by_id,
                history_date=now,
                history_type="+",
                history_user_id=row.recorded_by_id,
                history_change_reason="migrated from the version's snapshot",
            )
            for row in rows
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0012_party_approvals"),
        ("jurisdictions", "0004_add_position_natural_key"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="agreement",
            name="in_force_for_signatories_only",
            field=models.BooleanField(
                default=False,
                help_text="For an agreement with three or more signing parties: it may come into force once at least two have signed, for those parties only; the others may sign later.",
                verbose_name="in force for the parties that signed",
            ),
        ),
        migrations.AddField(
            model_name="historicalagreement",
            name="in_force_for_signatories_only",
            field=models.BooleanField(
                default=False,
                help_text="For an agreement with three or more signing parties: it may come into force once at least two have signed, for those parties only; the others may sign later.",
                verbose_name="in force for the parties that signed",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalSignatory",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.PositiveIntegerField(default=0, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
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
                    "party",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="agreements.party",
                    ),
                ),
                (
                    "position",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Another office that signs for this party, on the party's signature date, e.g. a second minister.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="jurisdictions.position",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical additional signatory",
                "verbose_name_plural": "historical additional signatories",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalSignature",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "holder_name",
                    models.CharField(
                        blank=True,
                        help_text="Who held the office on the signature date, as recorded at signing.",
                        max_length=300,
                    ),
                ),
                ("signed_date", models.DateField(help_text="The day this signatory signed.")),
                (
                    "later",
                    models.BooleanField(
                        default=False,
                        help_text="Given after the version was recorded: a party that signed an agreement already in force for the parties that had signed.",
                    ),
                ),
                ("sort_order", models.PositiveIntegerField(default=0)),
                (
                    "recorded_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now,
                        help_text="When the registry recorded the signature.",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
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
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The organisation the signature was given for.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="jurisdictions.organization",
                    ),
                ),
                (
                    "party",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The party signing, while it takes part in the agreement.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="agreements.party",
                    ),
                ),
                (
                    "position",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The office that signed; empty only where the signed record named none.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="jurisdictions.position",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Who recorded the signature.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The signed version this signature is on.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="agreements.agreementversion",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical signature",
                "verbose_name_plural": "historical signatures",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Signatory",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.PositiveIntegerField(default=0, editable=False)),
                (
                    "party",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="additional_signatories",
                        to="agreements.party",
                    ),
                ),
                (
                    "position",
                    models.ForeignKey(
                        help_text="Another office that signs for this party, on the party's signature date, e.g. a second minister.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="co_signed_parties",
                        to="jurisdictions.position",
                    ),
                ),
            ],
            options={
                "verbose_name": "additional signatory",
                "verbose_name_plural": "additional signatories",
                "ordering": ["sort_order", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("party", "position"), name="one_additional_signatory_per_position"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Signature",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "holder_name",
                    models.CharField(
                        blank=True,
                        help_text="Who held the office on the signature date, as recorded at signing.",
                        max_length=300,
                    ),
                ),
                ("signed_date", models.DateField(help_text="The day this signatory signed.")),
                (
                    "later",
                    models.BooleanField(
                        default=False,
                        help_text="Given after the version was recorded: a party that signed an agreement already in force for the parties that had signed.",
                    ),
                ),
                ("sort_order", models.PositiveIntegerField(default=0)),
                (
                    "recorded_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now,
                        help_text="When the registry recorded the signature.",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        help_text="The organisation the signature was given for.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="signatures",
                        to="jurisdictions.organization",
                    ),
                ),
                (
                    "party",
                    models.ForeignKey(
                        blank=True,
                        help_text="The party signing, while it takes part in the agreement.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="signatures",
                        to="agreements.party",
                    ),
                ),
                (
                    "position",
                    models.ForeignKey(
                        blank=True,
                        help_text="The office that signed; empty only where the signed record named none.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="signatures",
                        to="jurisdictions.position",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        help_text="Who recorded the signature.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        help_text="The signed version this signature is on.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="signatures",
                        to="agreements.agreementversion",
                    ),
                ),
            ],
            options={
                "verbose_name": "signature",
                "verbose_name_plural": "signatures",
                "ordering": ["version", "sort_order", "pk"],
                "indexes": [
                    models.Index(
                        fields=["version", "organization"], name="agreements__version_558ce5_idx"
                    )
                ],
            },
        ),
        migrations.RunPython(signatures_from_versions, migrations.RunPython.noop),
    ]
