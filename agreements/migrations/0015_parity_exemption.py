from django.db import migrations, models

AGREEMENT_HELP = (
    "Recorded by a registrar: why this agreement may come into force with content filled in one "
    "language only (e.g. the French text is published by the other government). Empty: every "
    "bilingual field must be filled in both languages or in neither."
)
AMENDMENT_HELP = (
    "Recorded by a registrar: why this amendment may be signed with content of the agreement "
    "filled in one language only. Empty: every bilingual field must be filled in both languages "
    "or in neither."
)


def _field(help_text):
    return models.TextField(
        blank=True, help_text=help_text, verbose_name="why one language may be missing"
    )


class Migration(migrations.Migration):
    dependencies = [("agreements", "0014_financial_terms")]

    operations = [
        migrations.AddField(
            model_name="agreement", name="parity_exemption_reason", field=_field(AGREEMENT_HELP)
        ),
        migrations.AddField(
            model_name="amendment", name="parity_exemption_reason", field=_field(AMENDMENT_HELP)
        ),
        migrations.AddField(
            model_name="historicalagreement",
            name="parity_exemption_reason",
            field=_field(AGREEMENT_HELP),
        ),
        migrations.AddField(
            model_name="historicalamendment",
            name="parity_exemption_reason",
            field=_field(AMENDMENT_HELP),
        ),
    ]
