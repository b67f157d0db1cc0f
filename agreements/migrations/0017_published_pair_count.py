"""The read model's stored jurisdiction pair counts (PublishedPairCount), filled from the
jurisdiction facet rows already written."""

from django.db import migrations, models


def fill(apps, schema_editor):
    # The real function, as 0016: the read model is derived data and this is its one writer.
    from agreements.published_read_model import pair_counts_rebuild

    pair_counts_rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0016_published_read_model"),
    ]

    operations = [
        migrations.CreateModel(
            name="PublishedPairCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("first", models.CharField(max_length=120)),
                ("second", models.CharField(max_length=120)),
                ("agreements", models.IntegerField(default=0)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("first", "second"), name="rm_pair_count_unique")
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
