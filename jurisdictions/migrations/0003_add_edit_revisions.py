# The optimistic edit check (issue 9, finding 3): a save counter on organisations, positions
# and appointments, so a form opened before someone else's save is refused.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("jurisdictions", "0002_add_organization_roles"),
    ]

    operations = [
        migrations.AddField(
            model_name="appointment",
            name="edit_revision",
            field=models.PositiveBigIntegerField(
                default=0,
                editable=False,
                help_text="Counts the saves of this record; an edit form opened before the latest save is refused.",
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="edit_revision",
            field=models.PositiveBigIntegerField(
                default=0,
                editable=False,
                help_text="Counts the saves of this record; an edit form opened before the latest save is refused.",
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="edit_revision",
            field=models.PositiveBigIntegerField(
                default=0,
                editable=False,
                help_text="Counts the saves of this record; an edit form opened before the latest save is refused.",
            ),
        ),
    ]
