"""What the workspace remembers: the reminders already sent (so a second run sends nothing twice)
and each user's secret calendar-feed address (stored hashed)."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SentReminder(models.Model):
    """One reminder e-mailed to one person about one item, e.g. "the 7-day reminder of clause
    4.2 of NB-2021-004 due on 31 March 2026, sent to the SNB liaison officer on 24 March".

    Written by `workspace.reminders` in the same transaction that sends the e-mail; the unique
    constraint makes a second run (or a second machine) skip what was already sent.
    """

    class Kind(models.TextChoices):
        DUE_30 = "due_30", _("Due in 30 days")
        DUE_7 = "due_7", _("Due in 7 days")
        DUE_1 = "due_1", _("Due tomorrow or today")
        OVERDUE = "overdue", _("Overdue (weekly)")
        NOTICE_30 = "notice_30", _("Notice date in 30 days")
        NOTICE_7 = "notice_7", _("Notice date in 7 days")
        NOTICE_1 = "notice_1", _("Notice date tomorrow or today")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sent_reminders",
        help_text=_("Who received the reminder."),
    )
    kind = models.CharField(
        max_length=20, choices=Kind.choices, help_text=_("Which reminder this was.")
    )
    object_key = models.CharField(
        max_length=100,
        help_text=_(
            "The item reminded of: “responsibility:<id>” for an obligation, “agreement:<id>” "
            "for a notice date."
        ),
    )
    occurrence_date = models.DateField(
        help_text=_("The due date or notice date the reminder was about.")
    )
    window_start = models.DateField(
        help_text=_(
            "The first day of the period the reminder covers: for a due or notice reminder the "
            "day its stage opens (30, 7 or 1 days before), for an overdue one the Monday of "
            "its week. One reminder per period."
        )
    )
    sent_at = models.DateTimeField(default=timezone.now, help_text=_("When it was sent."))

    class Meta:
        ordering = ["-sent_at", "pk"]
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "object_key", "occurrence_date", "window_start"],
                name="one_reminder_per_recipient_item_and_period",
            ),
        ]

    def __str__(self):
        return (
            f"{self.kind} {self.object_key} {self.occurrence_date.isoformat()} → {self.recipient}"
        )


def calendar_token_hash(token: str) -> str:
    """The SHA-256 of a calendar token: what is stored, so a copy of the database gives no feed
    address. Tokens are long random strings, so an unsalted hash is enough."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class CalendarToken(models.Model):
    """A user's secret calendar-feed address, e.g. /calendar/<token>.ics, subscribed to from
    Outlook. Only its hash is kept; the address is shown once, when made. Resetting replaces the
    hash, so the old address stops working at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_token",
        help_text=_("Whose agreements the feed shows."),
    )
    token_hash = models.CharField(
        max_length=64, unique=True, help_text=_("SHA-256 of the secret token (hex).")
    )
    created_at = models.DateTimeField(
        default=timezone.now, help_text=_("When the current address was made.")
    )

    class Meta:
        verbose_name = _("calendar feed address")
        verbose_name_plural = _("calendar feed addresses")

    def __str__(self):
        return f"calendar feed of {self.user}"
