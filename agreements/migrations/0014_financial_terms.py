from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("agreements", "0013_version_signatures")]

    operations = []
