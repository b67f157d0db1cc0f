"""The four delivery channels citizens use; registrars may add more in the admin."""

from django.db import migrations

CHANNELS = [
    ("online", "Online", "En ligne"),
    ("phone", "Phone", "Téléphone"),
    ("in-person", "In person", "En personne"),
    ("mail", "Mail", "Courrier"),
]


def seed(apps, schema_editor):
    DeliveryChannel = apps.get_model("agreements", "DeliveryChannel")
    for slug, name_en, name_fr in CHANNELS:
        DeliveryChannel.objects.get_or_create(slug=slug, defaults={"name_en": name_en, "name_fr": name_fr})


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
