"""The PDF of each signed version, in each language, stored once and never changed.

A version's PDF is rendered deterministically from its snapshot (the agreements/pdf/ package) and stored
with its SHA-256, which the registry publishes so anyone can verify a copy. Once stored, the
bytes are the record: a later change of layout or library must not alter a PDF already
published, so rows are written once. `save()` refuses existing rows, `delete()` always refuses,
the queryset refuses `update()`, `bulk_update()` and `delete()`, and the database refuses UPDATE
and DELETE with triggers (migrations 0006 and 0008). A row is still only as good as the SHA-256
recorded on its version when it was signed: it is served and called authentic only if it matches
(agreements.services.pdfs).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .versions import VersionImmutable

PDF_IMMUTABLE = _("A stored agreement PDF is part of the signed record and can never be changed.")
PDF_NOT_DELETABLE = _(
    "A stored agreement PDF is part of the signed record and can never be deleted."
)


class AgreementVersionPDFQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise VersionImmutable(str(PDF_IMMUTABLE))

    def bulk_update(self, objs, fields, batch_size=None):
        raise VersionImmutable(str(PDF_IMMUTABLE))

    def delete(self):
        raise VersionImmutable(str(PDF_NOT_DELETABLE))

    delete.queryset_only = True

    def without_content(self):
        """The rows without their bytes, for listings, headers and hash look-ups."""
        return self.defer("content")


class AgreementVersionPDF(models.Model):
    """The printable agreement of one version in one language, e.g. the French PDF of
    SNB-2021-004 version 2, with its SHA-256 fingerprint."""

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        FRENCH = "fr", _("French")

    version = models.ForeignKey(
        "agreements.AgreementVersion",
        # PROTECT: versions are never deleted, and their PDFs are part of the same record.
        on_delete=models.PROTECT,
        related_name="pdfs",
        help_text=_("The signed version this PDF prints."),
    )
    language = models.CharField(
        max_length=2,
        choices=Language.choices,
        help_text=_("The language of the PDF's labels and, where it exists, of its text."),
    )
    content = models.BinaryField(
        help_text=_("The PDF file itself, exactly as published."),
    )
    sha256 = models.CharField(
        max_length=64,
        unique=True,
        help_text=_("SHA-256 of the PDF file, in hexadecimal: the fingerprint used to verify it."),
    )
    size = models.PositiveIntegerField(help_text=_("Size of the PDF file in bytes."))
    generator = models.CharField(
        max_length=100,
        help_text=_("The software that produced the file, e.g. “reportlab 5.1.0, layout 1”."),
    )
    created_at = models.DateTimeField(
        default=timezone.now, help_text=_("When the registry produced and stored this PDF.")
    )

    objects = AgreementVersionPDFQuerySet.as_manager()

    class Meta:
        ordering = ["version", "language"]
        verbose_name = _("agreement PDF")
        verbose_name_plural = _("agreement PDFs")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "language"], name="one_pdf_per_version_language"
            ),
        ]

    def __str__(self):
        return f"{self.version} ({self.language}) {self.sha256[:12]}…"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise VersionImmutable(str(PDF_IMMUTABLE))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise VersionImmutable(str(PDF_NOT_DELETABLE))
