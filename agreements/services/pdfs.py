"""Producing and storing the PDF of each signed version, once per language.

Rendering is deterministic (agreements/pdf.py), so two processes that render the same version at
the same time produce the same bytes: whichever stores first wins, the other reads its row.
"""

import hashlib
import logging
from importlib.metadata import version as package_version

from django.db import IntegrityError, transaction

from agreements.documents import agreement_document
from agreements.models import AgreementVersion, AgreementVersionPDF
from agreements.pdf import render_agreement_pdf

logger = logging.getLogger(__name__)

LANGUAGES = tuple(AgreementVersionPDF.Language.values)
# Bump when the PDF layout or wording changes, so stored files say which layout made them.
LAYOUT = 1
UNSUPPORTED_LANGUAGE = "PDFs exist in English and French only, not {language!r}."


def generator() -> str:
    return f"reportlab {package_version('reportlab')}, layout {LAYOUT}"


def version_pdf_get_or_create(
    *, version: AgreementVersion, language: str
) -> tuple[AgreementVersionPDF, bool]:
    """The stored PDF of `version` in `language`, rendered and stored first if missing.
    Returns (pdf, created). Safe when several processes ask at once: the unique constraint on
    (version, language) lets one insert win and the others read it. Raises ValueError for a
    language other than English or French."""
    if language not in LANGUAGES:
        raise ValueError(UNSUPPORTED_LANGUAGE.format(language=language))
    existing = AgreementVersionPDF.objects.filter(version=version, language=language).first()
    if existing is not None:
        return existing, False
    content = render_agreement_pdf(agreement_document(version), language)
    try:
        with transaction.atomic():
            pdf = AgreementVersionPDF.objects.create(
                version=version,
                language=language,
                content=content,
                sha256=hashlib.sha256(content).hexdigest(),
                size=len(content),
                generator=generator(),
            )
    except IntegrityError:
        # Another process stored it between our look-up and our insert.
        return AgreementVersionPDF.objects.get(version=version, language=language), False
    return pdf, True


def version_pdfs_render(*, version_id: int) -> dict[str, str]:
    """Make sure `version_id` has its PDF in every language. Idempotent. Returns the SHA-256 of
    each language's PDF."""
    version = AgreementVersion.objects.select_related("agreement").get(pk=version_id)
    hashes = {}
    for language in LANGUAGES:
        pdf, created = version_pdf_get_or_create(version=version, language=language)
        if created:
            logger.info("Stored %s PDF of %s: %s", language, version, pdf.sha256)
        hashes[language] = pdf.sha256
    return hashes


def version_pdfs_enqueue(*, version_id: int) -> None:
    """Queue the rendering of a new version's PDFs (agreements.tasks.render_version_pdfs).
    Call it through `transaction.on_commit`, so the worker finds the committed version."""
    from agreements.tasks import render_version_pdfs  # tasks import the services: import late

    render_version_pdfs.enqueue(version_id=version_id)
