import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("jurisdictions", "0004_add_position_natural_key"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalOrganizationParentPeriod",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "start_date",
                    models.DateField(
                        blank=True,
                        help_text="First day of the period; empty if not known.",
                        null=True,
                    ),
                ),
                ("end_date", models.DateField(help_text="Last day of the period.")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical former parent",
                "verbose_name_plural": "historical former parents",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOrganizationSuccession",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("renamed", "Renamed"),
                            ("merged_into", "Merged into"),
                            ("split_into", "Split into"),
                            ("dissolved", "Dissolved"),
                        ],
                        help_text="What happened to the organisation.",
                        max_length=20,
                    ),
                ),
                (
                    "date",
                    models.DateField(
                        help_text="The first day under the new arrangement; the predecessor ended the day before."
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
            ],
            options={
                "verbose_name": "historical organisation succession",
                "verbose_name_plural": "historical organisation successions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="OrganizationParentPeriod",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "start_date",
                    models.DateField(
                        blank=True,
                        help_text="First day of the period; empty if not known.",
                        null=True,
                    ),
                ),
                ("end_date", models.DateField(help_text="Last day of the period.")),
            ],
            options={
                "verbose_name": "former parent",
                "verbose_name_plural": "former parents",
                "ordering": ["organization", "-end_date"],
            },
        ),
        migrations.CreateModel(
            name="OrganizationSuccession",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("renamed", "Renamed"),
                            ("merged_into", "Merged into"),
                            ("split_into", "Split into"),
                            ("dissolved", "Dissolved"),
                        ],
                        help_text="What happened to the organisation.",
                        max_length=20,
                    ),
                ),
                (
                    "date",
                    models.DateField(
                        help_text="The first day under the new arrangement; the predecessor ended the day before."
                    ),
                ),
            ],
            options={
                "verbose_name": "organisation succession",
                "verbose_name_plural": "organisation successions",
                "ordering": ["-date", "pk"],
            },
        ),
        migrations.AddField(
            model_name="historicalorganization",
            name="end_date",
            field=models.DateField(
                blank=True,
                help_text="Its last day of existence (renamed, merged, split or dissolved); empty while it exists. Set by recording a succession.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalorganization",
            name="start_date",
            field=models.DateField(
                blank=True,
                help_text="The day the organisation was established, if known.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="end_date",
            field=models.DateField(
                blank=True,
                help_text="Its last day of existence (renamed, merged, split or dissolved); empty while it exists. Set by recording a succession.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="owners",
            field=models.ManyToManyField(
                blank=True,
                help_text="For an intermunicipal body: the municipalities that own it together, e.g. Moncton, Dieppe and Riverview for TransAqua.",
                related_name="owned_organizations",
                to="jurisdictions.jurisdiction",
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="start_date",
            field=models.DateField(
                blank=True,
                help_text="The day the organisation was established, if known.",
                null=True,
            ),
        ),
        migrations.AlterField(
            model_name="historicalorganization",
            name="kind",
            field=models.CharField(
                choices=[
                    ("ministry", "Ministry / department"),
                    ("agency", "Agency"),
                    ("crown_corporation", "Crown corporation"),
                    ("service_delivery", "Service-delivery organisation"),
                    ("municipal_government", "Municipal government"),
                    ("intergovernmental", "Intergovernmental body"),
                    ("private_partner", "Private-sector partner"),
                    ("non_government", "Non-government organisation"),
                    ("municipal_association", "Municipal association"),
                    ("intermunicipal", "Intermunicipal body"),
                ],
                help_text="What sort of body this is.",
                max_length=30,
            ),
        ),
        migrations.AlterField(
            model_name="organization",
            name="kind",
            field=models.CharField(
                choices=[
                    ("ministry", "Ministry / department"),
                    ("agency", "Agency"),
                    ("crown_corporation", "Crown corporation"),
                    ("service_delivery", "Service-delivery organisation"),
                    ("municipal_government", "Municipal government"),
                    ("intergovernmental", "Intergovernmental body"),
                    ("private_partner", "Private-sector partner"),
                    ("non_government", "Non-government organisation"),
                    ("municipal_association", "Municipal association"),
                    ("intermunicipal", "Intermunicipal body"),
                ],
                help_text="What sort of body this is.",
                max_length=30,
            ),
        ),
        migrations.AddConstraint(
            model_name="organization",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("end_date__isnull", True),
                    ("start_date__isnull", True),
                    ("end_date__gte", models.F("start_date")),
                    _connector="OR",
                ),
                name="organization_ends_after_start",
                violation_error_message="An organisation cannot end before it was established.",
            ),
        ),
        migrations.AddField(
            model_name="historicalorganizationparentperiod",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalorganizationparentperiod",
            name="organization",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The organisation that moved.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.organization",
            ),
        ),
        migrations.AddField(
            model_name="historicalorganizationparentperiod",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Its parent during the period; empty when it reported to no organisation.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.organization",
            ),
        ),
        migrations.AddField(
            model_name="historicalorganizationsuccession",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalorganizationsuccession",
            name="predecessor",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The organisation that ended.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.organization",
            ),
        ),
        migrations.AddField(
            model_name="historicalorganizationsuccession",
            name="successor",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The organisation that took over; empty when the organisation was dissolved.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="jurisdictions.organization",
            ),
        ),
        migrations.AddField(
            model_name="organizationparentperiod",
            name="organization",
            field=models.ForeignKey(
                help_text="The organisation that moved.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="parent_periods",
                to="jurisdictions.organization",
            ),
        ),
        migrations.AddField(
            model_name="organizationparentperiod",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                help_text="Its parent during the period; empty when it reported to no organisation.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="jurisdictions.organization",
            ),
        ),
        migrations.AddField(
            model_name="organizationsuccession",
            name="predecessor",
            field=models.ForeignKey(
                help_text="The organisation that ended.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="successions",
                to="jurisdictions.organization",
            ),
        ),
        migrations.AddField(
            model_name="organizationsuccession",
            name="successor",
            field=models.ForeignKey(
                blank=True,
                help_text="The organisation that took over; empty when the organisation was dissolved.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="predecessions",
                to="jurisdictions.organization",
            ),
        ),
        migrations.AddConstraint(
            model_name="organizationparentperiod",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("start_date__isnull", True),
                    ("end_date__gte", models.F("start_date")),
                    _connector="OR",
                ),
                name="parent_period_ends_after_start",
                violation_error_message="A period under a parent cannot end before it starts.",
            ),
        ),
        migrations.AddConstraint(
            model_name="organizationsuccession",
            constraint=models.UniqueConstraint(
                fields=("predecessor", "successor"), name="one_succession_per_successor"
            ),
        ),
        migrations.AddConstraint(
            model_name="organizationsuccession",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "dissolved"), ("successor__isnull", True)),
                    models.Q(
                        models.Q(("kind", "dissolved"), _negated=True), ("successor__isnull", False)
                    ),
                    _connector="OR",
                ),
                name="succession_successor_matches_kind",
                violation_error_message="A renamed, merged or split organisation needs its successor.",
            ),
        ),
    ]
