"""Signed versions of agreements: the legal record, frozen when signed and never changed.

Immutability holds by every path: `save()` refuses existing rows, `delete()` always refuses, the
queryset refuses `update()`, `bulk_update()` and `delete()`, and the database refuses UPDATE and
DELETE with a trigger (migration 0005). Versions have no simple-history table: they are never
edited, and who created each one, when, is on the row itself. A version also records the SHA-256
of its PDF in each language, rendered when it is signed, so that a stored PDF can always be
checked against the signed record (agreements.services.pdfs).
"""

import datetime
import hashlib
import json

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

VERSION_IMMUTABLE = _("Agreement versions are the signed record and can never be changed.")
VERSION_NOT_DELETABLE = _("Agreement versions are the signed record and can never be deleted.")


# The column holding the SHA-256 recorded at signing for the PDF in each language.
PDF_SHA256_FIELDS = {"en": "pdf_sha256_en", "fr": "pdf_sha256_fr"}


class VersionImmutable(Exception):
    """Raised when code tries to change or delete an AgreementVersion."""


def canonical_json(data) -> bytes:
    """The one serialisation the SHA-256 is computed over: sorted keys, no spaces, UTF-8."""
    return json.dumps(
        data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def snapshot_digest(snapshot: dict) -> str:
    return hashlib.sha256(canonical_json(snapshot)).hexdigest()


class AgreementVersionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise VersionImmutable(str(VERSION_IMMUTABLE))

    def bulk_update(self, objs, fields, batch_size=None):
        raise VersionImmutable(str(VERSION_IMMUTABLE))

    def delete(self):
        raise VersionImmutable(str(VERSION_NOT_DELETABLE))

    delete.queryset_only = True

    def in_force_on(self, day: datetime.date):
        """For each agreement, the version that applied on `day`, if any.

        A version applies from its effective date until the next version takes effect, and no
        longer than its own expiry date or the day the agreement ended (terminated, superseded).
        """
        later = self.model.objects.filter(
            agreement=OuterRef("agreement"),
            effective_date__gt=OuterRef("effective_date"),
            effective_date__lte=day,
        )
        return (
            self.filter(effective_date__lte=day)
            .filter(Q(expiry_date__isnull=True) | Q(expiry_date__gte=day))
            .filter(Q(agreement__ended_on__isnull=True) | Q(agreement__ended_on__gte=day))
            .exclude(Exists(later))
        )

    def published(self, *, on: datetime.date | None = None):
        """What the public may read: versions of public agreements that have taken effect.

        Restricted agreements and versions whose effective date is still ahead are excluded.
        """
        from .agreement import Agreement

        day = on or timezone.localdate()
        return self.filter(
            agreement__visibility=Agreement.Visibility.PUBLIC, effective_date__lte=day
        )


class AgreementVersion(models.Model):
    """One signed state of an agreement, e.g. "SNB-2021-004, version 2 (amendment 1), in effect
    from 1 April 2023": the full content as data, with the SHA-256 of that data."""

    class Kind(models.TextChoices):
        ORIGINAL = "original", _("Original agreement")
        AMENDMENT = "amendment", _("Amendment")

    agreement = models.ForeignKey(
        "agreements.Agreement",
        # PROTECT: an agreement with signed versions is a legal record and is never hard-deleted.
        on_delete=models.PROTECT,
        related_name="versions",
        help_text=_("The agreement this version belongs to."),
    )
    number = models.PositiveIntegerField(
        help_text=_("1 for the agreement as first signed, then one more for each amendment.")
    )
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        help_text=_("Whether this version is the original signature or an amendment."),
    )
    amendment = models.OneToOneField(
        "agreements.Amendment",
        # PROTECT: the amendment that produced a version is part of its legal record.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="version",
        help_text=_("The signed amendment that produced this version (none for the original)."),
    )
    effective_date = models.DateField(
        db_index=True, help_text=_("The day this version started to apply.")
    )
    expiry_date = models.DateField(
        null=True,
        blank=True,
        help_text=_("The agreement's expiry date as signed in this version; empty if open-ended."),
    )
    created_at = models.DateTimeField(
        default=timezone.now, help_text=_("When the registry recorded this version.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # PROTECT: the person who recorded a legal version stays identifiable; deactivate, never delete.
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Who recorded the signature or amendment."),
    )
    change_summary = models.JSONField(
        default=dict,
        blank=True,
        help_text=_(
            "What changed from the previous version: responsibilities added, removed or reworded, "
            "owners changed, parties joined or left, dates and terms changed."
        ),
    )
    snapshot = models.JSONField(
        help_text=_(
            "The complete signed content: agreement, parties, responsibilities, accountable "
            "positions and who held them on the effective date."
        )
    )
    snapshot_sha256 = models.CharField(
        max_length=64,
        help_text=_("SHA-256 of the snapshot's canonical JSON, so anyone can verify it."),
    )
    # Empty (NULL) only for versions written in bulk without their PDFs (benchmark data): the
    # columns are nullable so that SQLite adds them without rebuilding the table and its triggers.
    pdf_sha256_en = models.CharField(
        max_length=64,
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "SHA-256 of the English PDF, recorded when the version was signed: a stored PDF is "
            "served and called authentic only if it matches."
        ),
    )
    pdf_sha256_fr = models.CharField(
        max_length=64,
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "SHA-256 of the French PDF, recorded when the version was signed: a stored PDF is "
            "served and called authentic only if it matches."
        ),
    )

    objects = AgreementVersionQuerySet.as_manager()

    class Meta:
        ordering = ["agreement", "number"]
        get_latest_by = "number"
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="unique_version_number"),
            models.UniqueConstraint(
                fields=["agreement", "effective_date"], name="unique_version_effective_date"
            ),
            models.CheckConstraint(
                condition=Q(kind="original", amendment__isnull=True)
                | Q(kind="amendment", amendment__isnull=False),
                name="version_kind_matches_amendment",
            ),
        ]

    def __str__(self):
        return f"{self.agreement.reference} v{self.number} ({self.effective_date.isoformat()})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise VersionImmutable(str(VERSION_IMMUTABLE))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise VersionImmutable(str(VERSION_NOT_DELETABLE))

    def recorded_pdf_sha256(self, language: str) -> str | None:
        """The SHA-256 of this version's PDF in `language` as recorded when it was signed, or
        None when none was recorded (or for another language)."""
        field = PDF_SHA256_FIELDS.get(language)
        return getattr(self, field) if field else None

    def verify(self) -> bool:
        """True when the stored snapshot still hashes to the stored SHA-256."""
        return snapshot_digest(self.snapshot) == self.snapshot_sha256
