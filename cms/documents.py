"""The signed PDFs of published versions, one per language, with their SHA-256, for the
agreement page. The PDFs are stored by the agreements app (AgreementVersionPDF); a version whose
PDF is not stored yet is still linked (it is rendered on first download), without a hash."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agreements import urls as agreement_urls
from agreements.models import AgreementVersion, AgreementVersionPDF
from registry.compiled_query import CompiledQuery

# The public PDF and verification URLs live in agreements.urls, under its own namespace.
NAMESPACE = agreement_urls.app_name

LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
# The stored PDFs' hashes and sizes, compiled once (registry.compiled_query): every agreement page
# asks for them.
STORED_PDFS = CompiledQuery(
    "documents:stored-pdfs",
    lambda version_ids: (
        AgreementVersionPDF.objects.filter(version_id__in=version_ids)
        .order_by()
        .values_list("version_id", "language", "sha256", "size")
    ),
)
LABELS = {"en": _("PDF in English"), "fr": _("PDF in French")}


@dataclass(frozen=True)
class VersionDocument:
    language: str
    url: str
    sha256: str
    size: int | None
    verify_url: str

    @property
    def language_name(self) -> str:
        return LANGUAGE_NAMES[self.language]

    @property
    def label(self) -> str:
        return LABELS[self.language]


def version_documents(versions: list[AgreementVersion]) -> dict[int, list[VersionDocument]]:
    """{version id: [English PDF, French PDF]} for published versions, in one query."""
    # (hash, size) of each stored PDF: plain values, as nothing else of the rows is shown.
    stored = (
        {
            (version_id, language): (sha256, size)
            for version_id, language, sha256, size in STORED_PDFS.rows(
                version_ids=sorted(version.pk for version in versions)
            )
        }
        if versions
        else {}
    )
    verify_url = reverse(f"{NAMESPACE}:verify")
    documents: dict[int, list[VersionDocument]] = {}
    for version in versions:
        documents[version.pk] = []
        for language in LANGUAGE_NAMES:
            pdf = stored.get((version.pk, language))
            url = reverse(
                f"{NAMESPACE}:version-pdf",
                kwargs={
                    "reference": version.agreement.reference,
                    "number": version.number,
                    "language": language,
                },
            )
            documents[version.pk].append(
                VersionDocument(
                    language=language,
                    url=url,
                    # The hash recorded at signing, not a stored row's (which could be forged).
                    sha256=version.recorded_pdf_sha256(language) or (pdf[0] if pdf else ""),
                    size=pdf[1] if pdf else None,
                    verify_url=verify_url,
                )
            )
    return documents
