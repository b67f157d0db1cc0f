"""Downloading a signed version's PDF.

The public may download the versions `AgreementVersion.objects.published()` lists (the one rule
for what the public sees); staff may also download any version of an agreement they may view
(`permissions.user_can`). Anything else is a 404, the same as a version that does not exist.
A version whose PDF was not stored yet is rendered and stored on this first request.
"""

import base64

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from agreements import permissions
from agreements.models import AgreementVersion, AgreementVersionPDF
from agreements.services.pdfs import version_pdf_get_or_create

# Published PDFs never change, but an agreement can be restricted later: shared caches must
# revalidate every time (cheap: the ETag is the PDF's SHA-256, so the answer is usually a 304).
PUBLIC_MAX_AGE = 0


def downloadable_version(user, *, reference: str, number: int) -> tuple[AgreementVersion, bool]:
    """The version `user` may download and whether it is public. Raises Http404 otherwise."""
    found = AgreementVersion.objects.select_related("agreement").filter(
        agreement__reference=reference, number=number
    )
    version = found.filter(pk__in=AgreementVersion.objects.published().values("pk")).first()
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


@require_safe
def version_pdf(request: HttpRequest, reference: str, number: str, language: str) -> HttpResponse:
    version, public = downloadable_version(request.user, reference=reference, number=int(number))
    stored = (
        AgreementVersionPDF.objects.without_content()
        .filter(version=version, language=language)
        .first()
    )
    if stored is not None:
        not_modified = get_conditional_response(request, etag=f'"{stored.sha256}"')
        if not_modified is not None:
            _pdf_headers(not_modified, stored, public=public)
            return not_modified
        pdf = AgreementVersionPDF.objects.get(pk=stored.pk)
    else:
        pdf, _created = version_pdf_get_or_create(version=version, language=language)
    response = HttpResponse(bytes(pdf.content), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=pdf_filename(version, language)
    )
    response["Content-Length"] = str(pdf.size)
    _pdf_headers(response, pdf, public=public)
    return response
