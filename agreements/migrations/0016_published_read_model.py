"""The read model of the published registry (agreements.models.read_model), filled from the
versions already recorded."""

import django.db.models.deletion
from django.db import migrations, models


def rebuild(apps, schema_editor):
    # The real function, not a historical model: the read model is derived data and this is its
    # one writer. It reads named columns only, so later columns on other models do not matter.
    from agreements.published_read_model import read_model_rebuild

    read_model_rebuild(pair_counts=False)  # their table comes in 0017, which fills it


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0015_parity_exemption"),
    ]

    operations = [
        migrations.CreateModel(
            name="PublishedAgreement",
            fields=[
                (
                    "agreement",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="agreements.agreement",
                    ),
                ),
                ("public", models.BooleanField(default=False)),
                ("reference", models.CharField(max_length=40)),
                ("title_en_key", models.CharField(blank=True, max_length=300)),
                ("title_fr_key", models.CharField(blank=True, max_length=300)),
                ("agreement_type", models.CharField(blank=True, max_length=30)),
                ("state", models.CharField(blank=True, max_length=20)),
                ("first_in_force", models.DateField(null=True)),
                ("last_effective", models.DateField(null=True)),
                ("due_on", models.DateField(null=True)),
                ("refreshed_on", models.DateField()),
                (
                    "version",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="agreements.agreementversion",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="PublishedFacet",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("facet", models.CharField(max_length=20)),
                ("value", models.CharField(max_length=120)),
                (
                    "agreement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="facets",
                        to="agreements.publishedagreement",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="PublishedFacetCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("facet", models.CharField(max_length=20)),
                ("value", models.CharField(max_length=120)),
                ("agreements", models.IntegerField(default=0)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("facet", "value"), name="rm_facet_count_unique")
                ],
            },
        ),
        migrations.AddIndex(
            model_name="publishedagreement",
            index=models.Index(
                condition=models.Q(("public", True)),
                fields=["title_en_key", "reference"],
                name="rm_title_en",
            ),
        ),
        migrations.AddIndex(
            model_name="publishedagreement",
            index=models.Index(
                condition=models.Q(("public", True)),
                fields=["title_fr_key", "reference"],
                name="rm_title_fr",
            ),
        ),
        migrations.AddIndex(
            model_name="publishedagreement",
            index=models.Index(
                condition=models.Q(("public", True)), fields=["reference"], name="rm_reference"
            ),
        ),
        migrations.AddIndex(
            model_name="publishedagreement",
            index=models.Index(
                condition=models.Q(("public", True)),
                fields=["first_in_force", "reference"],
                name="rm_first",
            ),
        ),
        migrations.AddIndex(
            model_name="publishedagreement",
            index=models.Index(
                condition=models.Q(("public", True)),
                fields=["last_effective", "reference"],
                name="rm_last",
            ),
        ),
        migrations.AddIndex(
            model_name="publishedagreement",
            index=models.Index(fields=["due_on"], name="rm_due"),
        ),
        migrations.AddIndex(
            model_name="publishedfacet",
            index=models.Index(fields=["facet", "value", "agreement"], name="rm_facet_value"),
        ),
        migrations.AddConstraint(
            model_name="publishedfacet",
            constraint=models.UniqueConstraint(
                fields=("agreement", "facet", "value"), name="rm_facet_unique"
            ),
        ),
        migrations.RunPython(rebuild, migrations.RunPython.noop),
    ]
