"""Recording signed versions. Called by the lifecycle and amendment services only, inside their
transaction, with the agreement row already locked."""

import datetime
from collections.abc import Mapping
from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from agreements.changes import empty_summary, summarise_changes
from agreements.lifecycle import latest_version
from agreements.models import Agreement, AgreementVersion, Amendment
from agreements.models.versions import PDF_SHA256_FIELDS, snapshot_digest
from agreements.search.tasks import index_agreement_enqueue
from agreements.services.pdfs import version_pdf_hashes, version_pdfs_enqueue
from agreements.services.signatures import version_signatures_record
from agreements.snapshots import build_snapshot, load_agreement


def version_record(
    *,
    agreement: Agreement,
    by: AbstractBaseUser,
    effective_date: datetime.date,
    amendment: Amendment | None = None,
    signing_days: Mapping[int, datetime.date | None] | None = None,
) -> AgreementVersion:
    """Freeze the agreement's working copy as its next version, effective on `effective_date`.

    The first version is the original; every later one is an amendment's, with a change summary
    against the version before it. `signing_days`: the day each party named signed this
    amendment (None: not yet), as `agreements.snapshots.build_snapshot` takes it. The caller
    holds the agreement's row lock, so numbers cannot collide.
    """
    previous = latest_version(agreement)
    number = previous.number + 1 if previous else 1
    kind = AgreementVersion.Kind.AMENDMENT if amendment else AgreementVersion.Kind.ORIGINAL
    loaded = load_agreement(agreement.pk)
    snapshot = build_snapshot(
        loaded,
        effective_date=effective_date,
        number=number,
        kind=kind,
        amendment=amendment,
        signing_days=signing_days,
    )
    summary = summarise_changes(previous.snapshot, snapshot) if previous else empty_summary()
    version = AgreementVersion(
        agreement=agreement,
        number=number,
        kind=kind,
        amendment=amendment,
        effective_date=effective_date,
        expiry_date=loaded.expiry_date,
        created_by=by,
        change_summary=summary,
        snapshot=snapshot,
        snapshot_sha256=snapshot_digest(snapshot),
    )
    # The PDFs' fingerprints are part of the signed record, so they are known before the row is
    # written (the row never changes); the files are stored once the version is committed (by a
    # worker in production), and only if they match.
    for language, digest in version_pdf_hashes(version=version).items():
        setattr(version, PDF_SHA256_FIELDS[language], digest)
    version.save(force_insert=True)
    version_signatures_record(version=version, by=by)
    transaction.on_commit(partial(version_pdfs_enqueue, version_id=version.pk))
    # The public search reads the current published version: refresh its entry.
    transaction.on_commit(partial(index_agreement_enqueue, agreement_id=agreement.pk))
    return version


def version_record_snapshot(
    *,
    agreement: Agreement,
    by: AbstractBaseUser,
    number: int,
    kind: str,
    effective_date: datetime.date,
    expiry_date: datetime.date | None,
    snapshot: dict,
    change_summary: dict,
    amendment: Amendment | None = None,
    created_at: datetime.datetime | None = None,
    pdf_sha256: dict[str, str] | None = None,
    on_commit: bool = True,
    save: bool = True,
) -> AgreementVersion:
    """Record a version signed elsewhere exactly as given (an import of another registry's
    export): the same snapshot, so the same SHA-256 and the same PDFs. The PDFs' fingerprints
    are `pdf_sha256` ({language: SHA-256}, the signed record's, recorded as given: a language
    without one stays empty, as it was where the version was signed) when given, else rendered
    here as `version_record` does; the PDFs are rendered once the version is committed and
    stored only if they match. Versions are recorded in order; the
    caller holds the agreement's row lock and has checked that `number` is the next one.
    Nothing is rebuilt from the working copy. With `on_commit` false the caller queues the
    PDFs and refreshes the search entry itself (a bulk import, for many versions at once); with
    `save` false it also inserts the version itself (returned unsaved, e.g. for bulk_create)."""
    version = AgreementVersion(
        agreement=agreement,
        number=number,
        kind=kind,
        amendment=amendment,
        effective_date=effective_date,
        expiry_date=expiry_date,
        created_by=by,
        change_summary=change_summary,
        snapshot=snapshot,
        snapshot_sha256=snapshot_digest(snapshot),
    )
    if created_at is not None:
        version.created_at = created_at
    if pdf_sha256 is None:
        pdf_sha256 = version_pdf_hashes(version=version)
    for language, field in PDF_SHA256_FIELDS.items():
        # Empty only when the exporting registry had none recorded (bulk benchmark data).
        setattr(version, field, pdf_sha256.get(language) or None)
    if not save:
        return version
    version.save(force_insert=True)
    if on_commit:
        transaction.on_commit(partial(version_pdfs_enqueue, version_id=version.pk))
        transaction.on_commit(partial(index_agreement_enqueue, agreement_id=agreement.pk))
    return version
