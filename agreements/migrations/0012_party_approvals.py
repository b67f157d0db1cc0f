from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("agreements", "0011_report_review")]

    operations = []
