"""A governance body's meeting frequency becomes a choice, said in either language.

The free-text values entered so far are mapped to the choice that says the same thing. Any other
text is kept as it was (nothing is lost) and logged: it is shown as typed until a registrar picks
the choice, which the edit form then asks for.
"""

import logging

from django.db import migrations, models

logger = logging.getLogger(__name__)

# Lower-cased phrases seen in the registry (English and French), and the choice each means.
PHRASES = {
    "weekly": "weekly",
    "every week": "weekly",
    "monthly": "monthly",
    "every month": "monthly",
    "mensuelle": "monthly",
    "every two months": "every_two_months",
    "quarterly": "quarterly",
    "every quarter": "quarterly",
    "trimestrielle": "quarterly",
    "three times a year": "three_times_a_year",
    "twice a year": "twice_a_year",
    "semi-annually": "twice_a_year",
    "semiannually": "twice_a_year",
    "annually": "yearly",
    "yearly": "yearly",
    "every year": "yearly",
    "annuelle": "yearly",
    "as needed": "as_needed",
    "as required": "as_needed",
}


def phrases_to_choices(apps, schema_editor):
    GovernanceBody = apps.get_model("agreements", "GovernanceBody")
    for body in GovernanceBody.objects.exclude(meeting_frequency=""):
        phrase = body.meeting_frequency.strip().rstrip(".").lower()
        choice = PHRASES.get(phrase)
        if choice is None:
            logger.warning(
                "Governance body %s: meeting frequency %r matches no choice; kept as typed.",
                body.pk,
                body.meeting_frequency,
            )
            continue
        GovernanceBody.objects.filter(pk=body.pk).update(meeting_frequency=choice)


def choices_to_phrases(apps, schema_editor):
    GovernanceBody = apps.get_model("agreements", "GovernanceBody")
    names = {
        "weekly": "Weekly",
        "monthly": "Monthly",
        "every_two_months": "Every two months",
        "quarterly": "Quarterly",
        "three_times_a_year": "Three times a year",
        "twice_a_year": "Twice a year",
        "yearly": "Annually",
        "as_needed": "As needed",
    }
    for code, phrase in names.items():
        GovernanceBody.objects.filter(meeting_frequency=code).update(meeting_frequency=phrase)


class Migration(migrations.Migration):
    dependencies = [("agreements", "0009_add_edit_revisions")]

    operations = [
        migrations.RunPython(phrases_to_choices, choices_to_phrases),
        migrations.AlterField(
            model_name="governancebody",
            name="meeting_frequency",
            field=models.CharField(
                blank=True,
                choices=[
                    ("weekly", "Every week"),
                    ("monthly", "Every month"),
                    ("every_two_months", "Every two months"),
                    ("quarterly", "Every quarter"),
                    ("three_times_a_year", "Three times a year"),
                    ("twice_a_year", "Twice a year"),
                    ("yearly", "Every year"),
                    ("as_needed", "As needed"),
                ],
                help_text="How often the body meets.",
                max_length=100,
                verbose_name="meeting frequency",
            ),
        ),
        migrations.AlterField(
            model_name="historicalgovernancebody",
            name="meeting_frequency",
            field=models.CharField(
                blank=True,
                choices=[
                    ("weekly", "Every week"),
                    ("monthly", "Every month"),
                    ("every_two_months", "Every two months"),
                    ("quarterly", "Every quarter"),
                    ("three_times_a_year", "Three times a year"),
                    ("twice_a_year", "Twice a year"),
                    ("yearly", "Every year"),
                    ("as_needed", "As needed"),
                ],
                help_text="How often the body meets.",
                max_length=100,
                verbose_name="meeting frequency",
            ),
        ),
    ]
