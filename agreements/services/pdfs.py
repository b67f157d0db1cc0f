"""Producing, storing and checking the PDF of each signed version, once per language.

Rendering is deterministic (agreements/pdf/). When a version is signed, its PDFs are rendered
once to record their SHA-256 on the version itself (`version_pdf_hashes`), which the database
never lets change; the files are stored afterwards, by a worker or on first download, and only
if they hash to what was recorded. Two processes that render the same version at the same time
produce the same bytes: whichever stores first wins, the other reads its row.

Stored rows are refused UPDATE and DELETE by the database (migrations 0006 and 0008), but the
owner of the tables could still lift those triggers and slip in a forged row. So every PDF is
checked against the recorded SHA-256 before it is served (`version_pdf_intact`), and verification
looks fingerprints up among the recorded hashes, never among the stored rows alone.
"""

import hashlib
import logging
from importlib.metadata import version as package_version

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django_tasks import task

from agreements.documents import agreement_document
from agreements.models import AgreementVersion, AgreementVersionPDF
from agreements.pdf import render_agreement_pdf

logger = logging.getLogger(__name__)

LANGUAGES = tuple(AgreementVersionPDF.Language.values)
# Bump when the PDF layout or wording changes, so stored files say which layout made them.
# 2: the agreement as a document to sign (cover with verification box and QR code, numbered
# sections, signature blocks); issue 10.
LAYOUT = 2
UNSUPPORTED_LANGUAGE = "PDFs exist in English and French only, not {language!r}."
NOT_AS_SIGNED = (
    "The {language} PDF of {version} rendered today hashes to {actual}, not to the {expected} "
    "recorded when it was signed (has the layout or reportlab changed?): it is not stored."
)
TAMPERED = (
    "The stored {language} PDF of {version} (row {pk}) does not match the SHA-256 recorded when "
    "the version was signed: it is withheld. Restore the genuine file (see README, 'Stored PDFs')."
)


class PDFNotAsSigned(Exception):
    """Raised when a PDF does not hash to the SHA-256 recorded for its version."""


def generator() -> str:
    return f"reportlab {package_version('reportlab')}, layout {LAYOUT}"


def version_pdf_hashes(*, version: AgreementVersion) -> dict[str, str]:
    """The SHA-256 of `version`'s PDF in every language, rendered now. `version` may be not saved
    yet (the signing service records the hashes on the row it is about to insert); it runs one
    query, for the history of the versions before it."""
    document = agreement_document(version)
    return {
        language: hashlib.sha256(render_agreement_pdf(document, language)).hexdigest()
        for language in LANGUAGES
    }


def version_pdf_expected_sha256(*, version: AgreementVersion, language: str) -> str:
    """The SHA-256 the PDF of `version` in `language` must have: the one recorded when it was
    signed. A version written without recorded hashes (bulk benchmark data) is rendered again
    instead, once per version, language and generator (cached: rendering is deterministic)."""
    recorded = version.recorded_pdf_sha256(language)
    if recorded:
        return recorded
    if language not in LANGUAGES:
        raise ValueError(UNSUPPORTED_LANGUAGE.format(language=language))
    key = ":".join(
        (
            "agreements:pdf-sha256",
            str(version.pk),
            version.snapshot_sha256,
            language,
            f"reportlab-{package_version('reportlab')}-layout-{LAYOUT}",
        )
    )
    digest = cache.get(key)
    if digest is None:
        content = render_agreement_pdf(agreement_document(version), language)
        digest = hashlib.sha256(content).hexdigest()
        cache.set(key, digest, timeout=None)
    return digest


def version_pdf_intact(*, pdf: AgreementVersionPDF, expected: str) -> bool:
    """True when the stored row and its bytes both carry the `expected` SHA-256. Logs an error
    (for the registry's staff) when they do not."""
    content = bytes(pdf.content)
    if pdf.sha256 == expected == hashlib.sha256(content).hexdigest():
        return True
    version_pdf_report_tampered(pdf=pdf)
    return False


def version_pdf_report_tampered(*, pdf: AgreementVersionPDF) -> None:
    """Tell the registry's staff (an error in the log) that a stored PDF is not as signed."""
    logger.error(TAMPERED.format(language=pdf.language, version=pdf.version, pk=pdf.pk))


def version_pdf_get_or_create(
    *, version: AgreementVersion, language: str
) -> tuple[AgreementVersionPDF, bool]:
    """The stored PDF of `version` in `language`, rendered and stored first if missing.
    Returns (pdf, created). Safe when several processes ask at once: the unique constraint on
    (version, language) lets one insert win and the others read it. Raises ValueError for a
    language other than English or French, and PDFNotAsSigned (storing nothing) when today's
    rendering does not hash to the SHA-256 recorded when the version was signed.

    A row found already stored is returned as it is: check it with `version_pdf_intact`."""
    if language not in LANGUAGES:
        raise ValueError(UNSUPPORTED_LANGUAGE.format(language=language))
    existing = AgreementVersionPDF.objects.filter(version=version, language=language).first()
    if existing is not None:
        return existing, False
    content = render_agreement_pdf(agreement_document(version), language)
    digest = hashlib.sha256(content).hexdigest()
    recorded = version.recorded_pdf_sha256(language)
    if recorded and digest != recorded:
        raise PDFNotAsSigned(
            NOT_AS_SIGNED.format(
                language=language, version=version, actual=digest, expected=recorded
            )
        )
    try:
        with transaction.atomic():
            pdf = AgreementVersionPDF.objects.create(
                version=version,
                language=language,
                content=content,
                sha256=digest,
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


@task()
def render_version_pdfs(version_id: int) -> dict[str, str]:
    """`version_pdfs_render` as background work. Enqueued when the version is recorded;
    idempotent, so a retry or a PDF already rendered on first request does no harm. Returns the
    SHA-256 of each PDF. (Defined beside its service so that the service can queue it without
    importing agreements.tasks, which imports the services.)"""
    return version_pdfs_render(version_id=version_id)


@task()
def render_versions_pdfs(version_ids: list[int]) -> int:
    """`render_version_pdfs` for many versions in one task: an import records thousands of
    versions, and a task row each cost it seconds. Idempotent, as the one-version task. Returns
    how many versions it rendered."""
    for version_id in version_ids:
        version_pdfs_render(version_id=version_id)
    return len(version_ids)


def versions_pdfs_enqueue(*, version_ids: list[int]) -> None:
    """Queue the rendering of many new versions' PDFs as one task (through
    `transaction.on_commit`, as `version_pdfs_enqueue`)."""
    if version_ids:
        render_versions_pdfs.enqueue(version_ids=list(version_ids))


def version_pdfs_enqueue(*, version_id: int) -> None:
    """Queue the rendering of a new version's PDFs. Call it through `transaction.on_commit`, so
    the worker finds the committed version."""
    render_version_pdfs.enqueue(version_id=version_id)
