import django.core.validators
import django.db.models.deletion
import modelcluster.fields
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import agreements.models.financial
import registry.bilingual
import registry.concurrency


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0013_version_signatures"),
        ("jurisdictions", "0005_organization_succession"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalFinancialCommitment",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(
                        decimal_places=2,
                        help_text="The sum, in the currency below, e.g. 12500000.00.",
                        max_digits=16,
                        validators=[django.core.validators.MinValueValidator(0)],
                    ),
                ),
                (
                    "currency",
                    models.CharField(
                        default="CAD",
                        help_text="ISO 4217 currency code, e.g. CAD, AUD, EUR.",
                        max_length=3,
                        validators=[agreements.models.financial.validate_currency],
                    ),
                ),
                (
                    "period",
                    models.CharField(
                        choices=[
                            ("one_off", "One-off"),
                            ("per_year", "Per year"),
                            ("total", "Total over the term"),
                        ],
                        default="total",
                        help_text="Whether the sum is paid once, every year, or in total over the term.",
                        max_length=10,
                    ),
                ),
                (
                    "start_year",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="First (fiscal) year the sum applies to, e.g. 2024.",
                        null=True,
                    ),
                ),
                (
                    "end_year",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Last (fiscal) year the sum applies to, e.g. 2028.",
                        null=True,
                    ),
                ),
                (
                    "description_en",
                    models.CharField(
                        blank=True,
                        help_text="What the money is for, e.g. “Capital funding for wastewater treatment”.",
                        max_length=300,
                        verbose_name="description (English)",
                    ),
                ),
                (
                    "description_fr",
                    models.CharField(
                        blank=True,
                        help_text="The description in French.",
                        max_length=300,
                        verbose_name="description (French)",
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
                    "agreement",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="agreements.agreement",
                    ),
                ),
                (
                    "funder",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The party that pays (its organisation).",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="jurisdictions.organization",
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
                    "recipient",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The party that receives the money (its organisation).",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="jurisdictions.organization",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical financial commitment",
                "verbose_name_plural": "historical financial commitments",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="FinancialCommitment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(
                        decimal_places=2,
                        help_text="The sum, in the currency below, e.g. 12500000.00.",
                        max_digits=16,
                        validators=[django.core.validators.MinValueValidator(0)],
                    ),
                ),
                (
                    "currency",
                    models.CharField(
                        default="CAD",
                        help_text="ISO 4217 currency code, e.g. CAD, AUD, EUR.",
                        max_length=3,
                        validators=[agreements.models.financial.validate_currency],
                    ),
                ),
                (
                    "period",
                    models.CharField(
                        choices=[
                            ("one_off", "One-off"),
                            ("per_year", "Per year"),
                            ("total", "Total over the term"),
                        ],
                        default="total",
                        help_text="Whether the sum is paid once, every year, or in total over the term.",
                        max_length=10,
                    ),
                ),
                (
                    "start_year",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="First (fiscal) year the sum applies to, e.g. 2024.",
                        null=True,
                    ),
                ),
                (
                    "end_year",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Last (fiscal) year the sum applies to, e.g. 2028.",
                        null=True,
                    ),
                ),
                (
                    "description_en",
                    models.CharField(
                        blank=True,
                        help_text="What the money is for, e.g. “Capital funding for wastewater treatment”.",
                        max_length=300,
                        verbose_name="description (English)",
                    ),
                ),
                (
                    "description_fr",
                    models.CharField(
                        blank=True,
                        help_text="The description in French.",
                        max_length=300,
                        verbose_name="description (French)",
                    ),
                ),
                ("sort_order", models.PositiveIntegerField(default=0, editable=False)),
                (
                    "agreement",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="financial_commitments",
                        to="agreements.agreement",
                    ),
                ),
                (
                    "funder",
                    models.ForeignKey(
                        help_text="The party that pays (its organisation).",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="funding_commitments",
                        to="jurisdictions.organization",
                    ),
                ),
                (
                    "recipient",
                    models.ForeignKey(
                        help_text="The party that receives the money (its organisation).",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="received_commitments",
                        to="jurisdictions.organization",
                    ),
                ),
            ],
            options={
                "verbose_name": "financial commitment",
                "verbose_name_plural": "financial commitments",
                "ordering": ["sort_order", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("amount__gte", 0)),
                        name="financial_commitment_amount_not_negative",
                    )
                ],
            },
            bases=(
                registry.bilingual.BilingualMixin,
                registry.concurrency.ParentRevisionMixin,
                models.Model,
            ),
        ),
    ]
