"""Reports: what a responsible party says it did about an obligation for one period."""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

PERIOD_ENDS_BEFORE_START = _("A reporting period cannot end before it starts.")


def private_storage():
    """Where report attachments live: settings.STORAGES["private"], outside MEDIA_ROOT and never
    served by a URL; agreements.views.reports hands them out to people who may see them."""
    return storages["private"]


def attachment_path(report: "Report", filename: str) -> str:
    """A name that never reuses what the uploader typed (only the checked ".pdf" extension)."""
    return (
        f"reports/{report.responsibility_id}/{report.due_date.isoformat()}-{uuid.uuid4().hex}.pdf"
    )


class Report(models.Model):
    """A submission against one due date of a responsibility, e.g. "Q1 2024 service-standard
    report for clause 4.2: partially met, 87% of cards issued within 10 business days"."""

    class Status(models.TextChoices):
        MET = "met", _("Met")
        PARTIALLY_MET = "partially_met", _("Partially met")
        NOT_MET = "not_met", _("Not met")

    class Decision(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned")

    responsibility = models.ForeignKey(
        "agreements.Responsibility",
        # PROTECT: reports are the accountability record; end an obligation through its status
        # or an amendment rather than deleting a responsibility that was reported on.
        on_delete=models.PROTECT,
        related_name="reports",
        help_text=_("The obligation reported on."),
    )
    due_date = models.DateField(
        help_text=_("The due date this report answers (one of the obligation's due dates).")
    )
    period_start = models.DateField(help_text=_("First day of the period reported on."))
    period_end = models.DateField(help_text=_("Last day of the period reported on."))
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        help_text=_("Whether the obligation was met for the period."),
    )
    evidence = models.TextField(
        help_text=_(
            "What was done and how it was measured, e.g. figures against the service standard, "
            "or a reference to the published report."
        )
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # PROTECT: who vouched for a report stays on record; users are deactivated, not deleted.
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Who submitted the report."),
    )
    submitted_at = models.DateTimeField(
        default=timezone.now, help_text=_("When the report was submitted.")
    )
    attachment = models.FileField(
        storage=private_storage,
        upload_to=attachment_path,
        max_length=200,
        blank=True,
        help_text=_(
            "Optional supporting document, PDF only. Kept outside the public site and downloaded "
            "only by people who may see the agreement."
        ),
    )
    decision = models.CharField(
        max_length=10,
        choices=Decision.choices,
        default=Decision.PENDING,
        help_text=_(
            "The accountable organisation's review: a report counts once accepted; a returned "
            "report is corrected and submitted again."
        ),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # PROTECT: who accepted or returned a report stays on record; users are deactivated.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Who accepted or returned the report."),
    )
    decided_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the report was accepted or returned.")
    )
    decision_comment = models.TextField(
        blank=True,
        help_text=_("Why the report was returned, or a note on its acceptance."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["responsibility", "due_date"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            # One report per due date: a returned report is corrected and resubmitted in place,
            # its earlier submissions and decisions kept in its history.
            models.UniqueConstraint(
                fields=["responsibility", "due_date"], name="one_report_per_due_date"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="report_period_ends_after_start",
                violation_error_message=PERIOD_ENDS_BEFORE_START,
            ),
        ]

    def __str__(self):
        return f"{self.responsibility} — {self.due_date.isoformat()}: {self.get_status_display()}"
