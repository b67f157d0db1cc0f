import django.db.models.deletion
import simple_history.models
from django.db import migrations, models


class Migration(migrations.Migration):
    """The owners of an organisation (an intermunicipal body's municipalities) get history:
    simple-history's record of the many-to-many rows with each historical organisation."""

    dependencies = [
        ("jurisdictions", "0005_organization_succession"),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalOrganization_owners",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="jurisdictions.historicalorganization",
                    ),
                ),
                (
                    "jurisdiction",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="jurisdictions.jurisdiction",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="jurisdictions.organization",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalOrganization_owners",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
