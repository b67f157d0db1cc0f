from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("agreements", "0012_party_approvals")]

    operations = []
