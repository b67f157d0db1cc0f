"""Is this file an authentic agreement version? Answered from its SHA-256 for one visitor.

A fingerprint matches a version's PDF as recorded when the version was signed (which version,
which language) or a version's snapshot (its data); a stored PDF row alone proves nothing, since
the tables' owner could have forged one behind the triggers (see agreements.services.pdfs). The
answer never reveals what the visitor may not see: for the public, only versions in
`AgreementVersion.objects.published()` are searched, with the same queries whether the hash is
unknown or belongs to a restricted or unpublished version, so both answer alike. Staff also
find versions of the agreements they may view (`permissions.user_can`).
"""

import datetime
import hashlib
import re
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q
from django.utils import timezone

from agreements import permissions, selectors
from agreements.models import AgreementVersion, AgreementVersionPDF
from agreements.models.versions import PDF_SHA256_FIELDS
from agreements.services.pdfs import version_pdf_expected_sha256

SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")
CHUNK = 64 * 1024


class Standing(StrEnum):
    CURRENT = "current"  # the version in force today
    REPLACED = "replaced"  # a later version has taken effect
    ENDED = "ended"  # the agreement expired or was terminated or superseded
    UPCOMING = "upcoming"  # staff only: signed, not yet in effect


@dataclass(frozen=True)
class Match:
    """An authentic version the visitor may see, and what the fingerprint matched."""

    version: AgreementVersion
    language: str | None  # the PDF's language; None when the snapshot's hash matched
    standing: Standing
    current_number: int | None  # the version in force today, if any

    @property
    def is_current(self) -> bool:
        return self.standing is Standing.CURRENT


def sha256_of_file(uploaded) -> str:
    """The SHA-256 of an uploaded file, read in chunks (never whole into memory)."""
    digest = hashlib.sha256()
    for chunk in uploaded.chunks(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def normalise_sha256(text: str) -> str | None:
    """A pasted fingerprint as 64 lower-case hex digits ("sha256:", spaces and case ignored),
    or None when it is not one."""
    value = re.sub(r"\s+", "", text or "").lower().removeprefix("sha256:").removeprefix("sha-256:")
    return value if SHA256_PATTERN.match(value) else None


def _standing(
    version: AgreementVersion, versions, today: datetime.date
) -> tuple[Standing, int | None]:
    current = selectors.version_in_force(version.agreement, on=today)
    if current is not None and not versions.filter(pk=current.pk).exists():
        current = None
    if current is not None and current.pk == version.pk:
        return Standing.CURRENT, current.number
    if version.effective_date > today:
        return Standing.UPCOMING, current.number if current else None
    later = versions.filter(
        agreement=version.agreement_id, number__gt=version.number, effective_date__lte=today
    ).exists()
    return (Standing.REPLACED if later else Standing.ENDED), current.number if current else None


def _find(versions, sha256: str) -> tuple[AgreementVersion, str | None] | None:
    """The version among `versions` whose PDF (then whose snapshot) has this SHA-256.

    PDFs are matched against the hashes recorded on the version when it was signed, never
    against a stored row alone: a row forged behind the database's triggers proves nothing."""
    recorded = Q()
    for field in PDF_SHA256_FIELDS.values():
        recorded |= Q(**{field: sha256})
    version = versions.select_related("agreement").filter(recorded).first()
    if version is not None:
        language = next(
            language
            for language in PDF_SHA256_FIELDS
            if version.recorded_pdf_sha256(language) == sha256
        )
        return version, language
    # Versions written without recorded hashes (bulk benchmark data): their stored PDF counts
    # only if it is what rendering the version gives (deterministic; cached).
    unrecorded = Q()
    for language, field in PDF_SHA256_FIELDS.items():
        unrecorded |= Q(language=language, **{f"version__{field}__isnull": True})
    pdf = (
        AgreementVersionPDF.objects.without_content()
        .select_related("version__agreement")
        .filter(unrecorded, sha256=sha256, version__in=versions)
        .first()
    )
    if pdf is not None and sha256 == version_pdf_expected_sha256(
        version=pdf.version, language=pdf.language
    ):
        return pdf.version, pdf.language
    version = versions.select_related("agreement").filter(snapshot_sha256=sha256).first()
    return (version, None) if version is not None else None


def verification_match(*, user, sha256: str, today: datetime.date | None = None) -> Match | None:
    """The authentic version whose PDF or snapshot has this SHA-256, if `user` may see it."""
    today = today or timezone.localdate()
    published = AgreementVersion.objects.published(on=today)
    if not (user and user.is_authenticated):
        found, scope = _find(published, sha256), published
    else:
        found = _find(AgreementVersion.objects.all(), sha256)
        if found is None:
            return None
        if permissions.user_can(user, "view", found[0].agreement):
            scope = AgreementVersion.objects.all()
        elif published.filter(pk=found[0].pk).exists():
            scope = published
        else:
            return None
    if found is None:
        return None
    version, language = found
    # The standing is judged among the versions this visitor may see, so it says nothing
    # about versions the visitor may not (a later one not yet published, for instance).
    standing, current_number = _standing(
        version, scope.filter(agreement=version.agreement_id), today
    )
    return Match(version, language, standing, current_number)
