"""Downloading a signed version's PDF.

The public may download the versions `AgreementVersion.objects.published()` lists (the one rule
for what the public sees); staff may also download any version of an agreement they may view
(`permissions.user_can`). Anything else is a 404, the same as a version that does not exist.
A version whose PDF was not stored yet is rendered and stored on this first request.
A PDF is served only if it matches the SHA-256 recorded when its version was signed; otherwise
the download is withheld (503) and the staff are alerted (agreements.services.pdfs).
"""

import base64
import logging

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from agreements import permissions
from agreements.models import AgreementVersion, AgreementVersionPDF
from agreements.services.pdfs import (
    PDFNotAsSigned,
    version_pdf_expected_sha256,
    version_pdf_get_or_create,
    version_pdf_intact,
    version_pdf_report_tampered,
)

logger = logging.getLogger(__name__)

# Published PDFs never change, but an agreement can be restricted later: shared caches must
# revalidate every time (cheap: the ETag is the PDF's SHA-256, so the answer is usually a 304).
PUBLIC_MAX_AGE = 0
PDF_WITHHELD = _(
    "This PDF is withheld: the stored file does not match the SHA-256 fingerprint recorded when "
    "this version was signed. The registry's staff have been alerted; please try again later."
)


def downloadable_version(user, *, reference: str, number: int) -> tuple[AgreementVersion, bool]:
    """The version `user` may download and whether it is public. Raises Http404 otherwise."""
    found = AgreementVersion.objects.select_related("agreement").filter(
        agreement__reference=reference, number=number
    )
    # The public rule applied to this one row (not `pk__in=published()`, which made the database
    # list every published version first: 86 ms at 10,000 agreements).
    version = found.published().first()
    if version is not None:
        return version, True
    if user.is_authenticated:
        version = found.first()
        if version is not None and permissions.user_can(user, "view", version.agreement):
            return version, False
    raise Http404


def pdf_filename(version: AgreementVersion, language: str) -> str:
    """ "SNB-2021-004-v2-fr.pdf": references may contain slashes, which filenames cannot."""
    reference = version.agreement.reference.replace("/", "-")
    return f"{reference}-v{version.number}-{language}.pdf"


def _pdf_headers(response: HttpResponse, pdf: AgreementVersionPDF, *, public: bool) -> None:
    digest = bytes.fromhex(pdf.sha256)
    response["ETag"] = f'"{pdf.sha256}"'
    response["X-Content-SHA256"] = pdf.sha256
    # RFC 9530: the digest of the representation, for clients that verify downloads.
    response["Repr-Digest"] = f"sha-256=:{base64.b64encode(digest).decode()}:"
    response["Content-Language"] = pdf.language
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE, must_revalidate=True)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])


def _withheld() -> HttpResponse:
    response = HttpResponse(str(PDF_WITHHELD), status=503, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def version_pdf(request: HttpRequest, reference: str, number: str, language: str) -> HttpResponse:
    version, public = downloadable_version(request.user, reference=reference, number=int(number))
    expected = version_pdf_expected_sha256(version=version, language=language)
    stored = (
        AgreementVersionPDF.objects.without_content()
        .filter(version=version, language=language)
        .first()
    )
    if stored is not None:
        if stored.sha256 != expected:
            # Not even a 304: a forged fingerprint must never be confirmed as current.
            version_pdf_report_tampered(pdf=stored)
            return _withheld()
        not_modified = get_conditional_response(request, etag=f'"{expected}"')
        if not_modified is not None:
            _pdf_headers(not_modified, stored, public=public)
            return not_modified
        pdf = AgreementVersionPDF.objects.get(pk=stored.pk)
    else:
        try:
            pdf, _created = version_pdf_get_or_create(version=version, language=language)
        except PDFNotAsSigned:
            logger.exception("The PDF of %s cannot be produced as signed", version)
            return _withheld()
    if not version_pdf_intact(pdf=pdf, expected=expected):
        return _withheld()
    response = HttpResponse(bytes(pdf.content), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=pdf_filename(version, language)
    )
    response["Content-Length"] = str(pdf.size)
    _pdf_headers(response, pdf, public=public)
    return response
