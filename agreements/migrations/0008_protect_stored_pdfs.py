# Placeholder reserved for the stored-PDF protection work (issue 9, finding 4); filled in later.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("agreements", "0007_add_search_index")]

    operations = []
