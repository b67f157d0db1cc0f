"""The read model's public positions (PublishedPosition): which positions each public agreement's
current published version names, filled by rebuilding the read model from the versions."""

import django.db.models.deletion
from django.db import migrations, models


def rebuild(apps, schema_editor):
    # The real function, as 0016: the read model is derived data and this is its one writer.
    from agreements.published_read_model import read_model_rebuild

    read_model_rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0017_published_pair_count"),
        ("jurisdictions", "0006_succession_admin"),
    ]

    operations = [
        migrations.CreateModel(
            name="PublishedPosition",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("accountable", models.BooleanField(default=False)),
                (
                    "agreement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="positions",
                        to="agreements.publishedagreement",
                    ),
                ),
                (
                    "position",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="jurisdictions.position",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["position", "accountable", "agreement"], name="rm_position"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("agreement", "position"), name="rm_position_unique"
                    )
                ],
            },
        ),
        migrations.AddIndex(
            model_name="publishedagreement",
            index=models.Index(
                condition=models.Q(("public", True)), fields=["agreement"], name="rm_public"
            ),
        ),
        migrations.RunPython(rebuild, migrations.RunPython.noop),
    ]
