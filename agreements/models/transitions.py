"""The transition log: every lifecycle move of an agreement or of one of its amendments."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TRANSITION_LOG_APPEND_ONLY = _("The transition log is append-only: entries cannot be changed.")


class TransitionLogAppendOnly(Exception):
    """Raised when code tries to rewrite an entry of the transition log."""


class AgreementTransitionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TransitionLogAppendOnly(str(TRANSITION_LOG_APPEND_ONLY))

    def bulk_update(self, objs, fields, batch_size=None):
        raise TransitionLogAppendOnly(str(TRANSITION_LOG_APPEND_ONLY))

    def of_agreement_only(self):
        return self.filter(amendment__isnull=True)


class AgreementTransition(models.Model):
    """One recorded move, e.g. "review → approved, by the Deputy Minister's office on 3 May 2024:
    'Approved subject to the annual report clause'"; or a move of amendment 2 of that agreement.

    Entries are written by the lifecycle services only and never changed. They go with a draft
    agreement that is deleted (a draft has no legal effect); agreements that were ever in force
    cannot be deleted, so their log is permanent.
    """

    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.CASCADE,
        related_name="transitions",
        help_text=_("The agreement that moved, or whose amendment moved."),
    )
    amendment = models.ForeignKey(
        "agreements.Amendment",
        # PROTECT: amendments are never deleted (they are withdrawn), so neither is their log.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transitions",
        help_text=_("Set when the move was an amendment's, not the agreement's."),
    )
    from_state = models.CharField(max_length=20, help_text=_("The state before the move."))
    to_state = models.CharField(max_length=20, help_text=_("The state after the move."))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # PROTECT: the log must keep naming who acted; users are deactivated, not deleted.
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Who made the move (a system account for automatic expiry)."),
    )
    at = models.DateTimeField(default=timezone.now, help_text=_("When the move was recorded."))
    effective_date = models.DateField(
        null=True,
        blank=True,
        help_text=_(
            "The date the move takes legal effect, when it has one (entry into force, "
            "termination, supersession, expiry, an amendment's signature)."
        ),
    )
    comment = models.TextField(
        blank=True, help_text=_("Why, in the actor's words; required for a termination.")
    )

    objects = AgreementTransitionQuerySet.as_manager()

    class Meta:
        ordering = ["agreement", "at", "pk"]
        verbose_name = _("lifecycle transition")
        verbose_name_plural = _("lifecycle transitions")
        indexes = [models.Index(fields=["agreement", "at"], name="transition_agreement_at")]

    def __str__(self):
        subject = self.agreement.reference
        if self.amendment_id:
            subject = f"{subject} amendment {self.amendment.number}"
        return f"{subject}: {self.from_state} → {self.to_state}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TransitionLogAppendOnly(str(TRANSITION_LOG_APPEND_ONLY))
        super().save(*args, **kwargs)

    @property
    def from_label(self) -> str:
        return self._label(self.from_state)

    @property
    def to_label(self) -> str:
        return self._label(self.to_state)

    def _label(self, value: str) -> str:
        from .agreement import Agreement
        from .amendments import Amendment

        states = Amendment.State if self.amendment_id else Agreement.State
        return str(states(value).label) if value in states.values else value
