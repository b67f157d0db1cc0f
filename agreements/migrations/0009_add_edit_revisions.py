# The optimistic edit check (issue 9, finding 3): a save counter on agreements and
# responsibilities, so a form opened before someone else's save is refused.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("agreements", "0008_protect_stored_pdfs")]

    operations = [
        migrations.AddField(
            model_name="agreement",
            name="edit_revision",
            field=models.PositiveBigIntegerField(
                default=0,
                editable=False,
                help_text=(
                    "Counts the saves of this record; an edit form opened before the latest save "
                    "is refused."
                ),
            ),
        ),
        migrations.AddField(
            model_name="responsibility",
            name="edit_revision",
            field=models.PositiveBigIntegerField(
                default=0,
                editable=False,
                help_text=(
                    "Counts the saves of this record; an edit form opened before the latest save "
                    "is refused."
                ),
            ),
        ),
    ]
