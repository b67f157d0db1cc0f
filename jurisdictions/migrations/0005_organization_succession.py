from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("jurisdictions", "0004_add_position_natural_key")]

    operations = []
