"""Reports are reviewed: accepted or returned by the accountable organisation, with an optional
PDF attachment kept in private storage."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import agreements.models.reports


def accept_earlier_reports(apps, schema_editor):
    """Reports recorded before reviews existed counted as soon as they were submitted: keep them
    counting (accepted), so no obligation turns overdue because of this migration."""
    Report = apps.get_model("agreements", "Report")
    Report.objects.update(decision="accepted")


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0010_meeting_frequency_choices"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalreport",
            name="attachment",
            field=models.TextField(
                blank=True,
                help_text="Optional supporting document, PDF only. Kept outside the public site and downloaded only by people who may see the agreement.",
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="historicalreport",
            name="decided_at",
            field=models.DateTimeField(
                blank=True, help_text="When the report was accepted or returned.", null=True
            ),
        ),
        migrations.AddField(
            model_name="historicalreport",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Who accepted or returned the report.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalreport",
            name="decision",
            field=models.CharField(
                choices=[
                    ("pending", "Awaiting review"),
                    ("accepted", "Accepted"),
                    ("returned", "Returned"),
                ],
                default="pending",
                help_text="The accountable organisation's review: a report counts once accepted; a returned report is corrected and submitted again.",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="historicalreport",
            name="decision_comment",
            field=models.TextField(
                blank=True, help_text="Why the report was returned, or a note on its acceptance."
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="attachment",
            field=models.FileField(
                blank=True,
                help_text="Optional supporting document, PDF only. Kept outside the public site and downloaded only by people who may see the agreement.",
                max_length=200,
                storage=agreements.models.reports.private_storage,
                upload_to=agreements.models.reports.attachment_path,
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="decided_at",
            field=models.DateTimeField(
                blank=True, help_text="When the report was accepted or returned.", null=True
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                help_text="Who accepted or returned the report.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="decision",
            field=models.CharField(
                choices=[
                    ("pending", "Awaiting review"),
                    ("accepted", "Accepted"),
                    ("returned", "Returned"),
                ],
                default="pending",
                help_text="The accountable organisation's review: a report counts once accepted; a returned report is corrected and submitted again.",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="decision_comment",
            field=models.TextField(
                blank=True, help_text="Why the report was returned, or a note on its acceptance."
            ),
        ),
        migrations.RunPython(accept_earlier_reports, migrations.RunPython.noop),
    ]
