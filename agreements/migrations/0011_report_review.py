from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("agreements", "0010_meeting_frequency_choices")]

    operations = []
