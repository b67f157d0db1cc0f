"""Versions signed elsewhere, recorded as they are: the `versions` of an import (a registry's
export, `versions.json`). The step of `import_write` after the amendments.

Each version's snapshot is the signed content, so it is recorded unchanged
(`version_record_snapshot`): the same snapshot SHA-256, the same change summary, the same
fingerprints of the PDFs (rendered after the import commits and stored only if they match), and
so the same API answers and the same PDFs as in the registry that exported them. A version the
registry holds already (same agreement and number) is left as it is; versions are recorded in
order, each the next number of its agreement; an amendment's version gets its signed amendment
row (number, title, purpose, dates) from its snapshot.
"""

import datetime
from collections import defaultdict
from functools import partial

from django.db import transaction
from django.db.models import Max
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementVersion, Amendment, Party, Signature
from agreements.services.pdfs import versions_pdfs_enqueue
from agreements.services.signatures import snapshot_party_signatures, version_signature_rows
from agreements.services.versions import version_record_snapshot
from jurisdictions.models import Organization, Position
from registry.audit import attribute

from .bulk import bulk_insert, history_insert
from .errors import ImportRefused, Issue
from .rows import CREATED, PRESENT, Run, resolve
from .schema import VersionData
from .signing import search_entries_prepare

VERSION_OUT_OF_SEQUENCE = _(
    "Version {number} of {reference} cannot be recorded: the registry's next version of it is "
    "{expected}. List an agreement's versions in order, from 1."
)
VERSION_DIFFERS = _(
    "Version {number} of {reference} is already recorded here with other content (snapshot "
    "SHA-256 {stored})."
)
POSITION_NUMBERED_OTHERWISE = _(
    "The version names the post {id} (“{title}”), which this registry numbers otherwise: import "
    "an export into an empty registry, with its posts."
)


def load_versions(run: Run, rows: tuple[VersionData, ...]) -> None:
    """Record every version of `rows` the registry does not hold yet, in order."""
    if not rows:
        return
    by_agreement: dict[str, list[VersionData]] = defaultdict(list)
    for data in rows:
        by_agreement[data.agreement].append(data)
    agreements = {
        reference: resolve(run.agreements, reference, "agreement", items[0].path)
        for reference, items in by_agreement.items()
    }
    ids = [agreement.pk for agreement in agreements.values()]
    stored = {
        (version.agreement_id, version.number): version.snapshot_sha256
        for version in AgreementVersion.objects.filter(agreement_id__in=ids).only(
            "agreement_id", "number", "snapshot_sha256"
        )
    }
    latest = dict(
        AgreementVersion.objects.filter(agreement_id__in=ids)
        .values("agreement_id")
        .annotate(latest=Max("number"))
        .values_list("agreement_id", "latest")
    )
    _check_positions(rows)
    # Locked, as version_record_snapshot expects (version numbers cannot collide): in one query.
    locked = {
        agreement.pk: agreement
        for agreement in Agreement.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    }
    amendments = _signed_amendments(run, agreements, by_agreement, stored)
    recorded: list[AgreementVersion] = []
    for reference, items in by_agreement.items():
        agreement = agreements[reference]
        for data in sorted(items, key=lambda row: row.number):
            found = stored.get((agreement.pk, data.number))
            if found is not None:
                if found != data.snapshot_sha256:
                    _refuse(data, VERSION_DIFFERS, reference=reference, stored=found)
                run.report.record(AgreementVersion, PRESENT)
                continue
            expected = latest.get(agreement.pk, 0) + 1
            if data.number != expected:
                _refuse(data, VERSION_OUT_OF_SEQUENCE, reference=reference, expected=expected)
            amendment = amendments.get((agreement.pk, _amendment_number(data)))
            recorded.append(_record(run, locked[agreement.pk], data, amendment))
            latest[agreement.pk] = data.number
            run.report.record(AgreementVersion, CREATED)
    if recorded:
        # Inserted together (checked above, and numbered in order: nothing reads them before).
        bulk_insert(AgreementVersion, recorded, batch_size=RECORD_BATCH)
        _signatures_record(run, recorded)
        # The search entries are written by `signing.load_search_entries`, inside the import,
        # from texts prepared now, while the snapshots are in memory.
        search_entries_prepare(run, recorded)
        # Their PDFs: one task for the batch, rendered by the worker after the commit.
        ids = [version.pk for version in recorded]
        transaction.on_commit(partial(versions_pdfs_enqueue, version_ids=ids))


def _signatures_record(run: Run, versions: list[AgreementVersion]) -> None:
    """The `Signature` rows of the recorded versions, one per signature their snapshots hold
    (as signing a version here writes them), with their history rows: a few queries for all.
    The snapshot names organisations by slug (their numbers may differ here) and parties by
    the exporting registry's numbers: each is the agreement's party of that organisation."""
    slugs = {
        party["organization"]["slug"]
        for version in versions
        for party in version.snapshot.get("parties", [])
    }
    organizations = dict(Organization.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    parties = {
        (agreement_id, organization_id): pk
        for agreement_id, organization_id, pk in Party.objects.filter(
            agreement_id__in={version.agreement_id for version in versions}
        ).values_list("agreement_id", "organization_id", "pk")
    }
    rows = []
    for version in versions:
        entries = version.snapshot.get("parties", [])
        local = {entry["id"]: organizations.get(entry["organization"]["slug"]) for entry in entries}
        version_rows = version_signature_rows(
            version=version,
            by=run.by,
            parties={
                number: parties.get((version.agreement_id, organization))
                for number, organization in local.items()
            },
        )
        for row, entry in zip(version_rows, _signing_entries(entries), strict=True):
            row.organization_id = local[entry["id"]]
            attribute(row, user=run.by, reason=run.reason)
        rows += version_rows
    bulk_insert(Signature, rows)
    history_insert(Signature, rows, by=run.by, reason=run.reason)


def _signing_entries(entries: list[dict]) -> list[dict]:
    """The snapshot's party entries, one per signature (in `version_signature_rows`' order)."""
    return [entry for entry in entries for _item in snapshot_party_signatures(entry)]


# Versions inserted per query.
RECORD_BATCH = 200


def _refuse(data: VersionData, message, **params) -> None:
    text = str(message).format(number=data.number, **params)
    raise ImportRefused([Issue(path=data.path, message=text)])


def _snapshot_posts(snapshot: dict) -> dict[int, str]:
    """{post id: English title} of every post the snapshot names."""
    posts = [item.get("owner") for item in snapshot.get("responsibilities", [])]
    posts += [party.get("signatory") for party in snapshot.get("parties", [])]
    body = snapshot.get("agreement", {}).get("governing_body") or {}
    posts += [body.get("chair"), *body.get("members", [])]
    return {post["id"]: post["title"]["en"] for post in posts if post}


def _check_positions(rows: tuple[VersionData, ...]) -> None:
    """The posts the snapshots name by number are those posts here (same English title): what
    the API and the pages read about them (who held them on a day) comes from this registry."""
    named: dict[int, tuple[str, VersionData]] = {}
    for data in rows:
        for number, title in _snapshot_posts(data.snapshot).items():
            named.setdefault(number, (title, data))
    here = dict(Position.objects.filter(pk__in=named).values_list("pk", "title_en"))
    issues = [
        Issue(
            path=data.path,
            message=str(POSITION_NUMBERED_OTHERWISE).format(id=number, title=title),
        )
        for number, (title, data) in sorted(named.items())
        if here.get(number) != title
    ]
    if issues:
        raise ImportRefused(issues)


def _record(
    run: Run, locked: Agreement, data: VersionData, amendment: Amendment | None
) -> AgreementVersion:
    recorded_at = parse_datetime(data.recorded_at) if data.recorded_at else None
    return version_record_snapshot(
        agreement=locked,
        by=run.by,
        number=data.number,
        kind=data.kind,
        effective_date=data.effective,
        expiry_date=data.expiry,
        snapshot=data.snapshot,
        change_summary=data.change_summary,
        amendment=amendment if data.kind == AgreementVersion.Kind.AMENDMENT else None,
        created_at=recorded_at,
        pdf_sha256=_pdf_fingerprints(data),
        on_commit=False,
        save=False,
    )


def _pdf_fingerprints(data: VersionData) -> dict[str, str] | None:
    """The PDFs' SHA-256 as the file gives them (an export gives both keys, empty where the
    exporting registry recorded none); None when the row gives neither: render them here."""
    keys = ("pdf_sha256_en", "pdf_sha256_fr")
    if data.given is not None and not any(key in data.given for key in keys):
        return None
    return {"en": data.pdf_sha256_en, "fr": data.pdf_sha256_fr}


def _amendment_number(data: VersionData) -> int:
    """The number of the amendment a version records (from its snapshot; else the one before
    the version's own: amendment 1 makes version 2)."""
    raw = data.snapshot.get("version", {}).get("amendment") or {}
    return raw.get("number") or data.number - 1


def _signed_amendments(
    run: Run, agreements: dict[str, Agreement], by_agreement: dict, stored: dict
) -> dict[tuple[int, int], Amendment]:
    """The signed amendments the versions to record name, {(agreement id, number): amendment}:
    those the registry holds (one query), and the others created from the versions' snapshots
    (number, title, purpose, dates) in a few queries, with their history rows."""
    wanted: dict[tuple[int, int], tuple[Agreement, VersionData]] = {}
    for reference, items in by_agreement.items():
        agreement = agreements[reference]
        for data in items:
            if data.kind != AgreementVersion.Kind.AMENDMENT:
                continue
            if (agreement.pk, data.number) in stored:
                continue
            wanted.setdefault((agreement.pk, _amendment_number(data)), (agreement, data))
    if not wanted:
        return {}
    found = {
        (amendment.agreement_id, amendment.number): amendment
        for amendment in Amendment.objects.filter(
            agreement_id__in={agreement_id for agreement_id, _number in wanted}
        )
    }
    created = [
        _amendment_from(run, agreement, data, number)
        for (agreement_id, number), (agreement, data) in wanted.items()
        if (agreement_id, number) not in found
    ]
    bulk_insert(Amendment, created)
    history_insert(Amendment, created, by=run.by, reason=run.reason)
    found.update({(amendment.agreement_id, amendment.number): amendment for amendment in created})
    return found


def _amendment_from(run: Run, agreement: Agreement, data: VersionData, number: int) -> Amendment:
    """The signed amendment a version records, from its snapshot."""
    raw = data.snapshot.get("version", {}).get("amendment") or {}
    signed = raw.get("signed_date")
    return Amendment(
        agreement=agreement,
        number=number,
        title_en=(raw.get("title") or {}).get("en") or f"Amendment {number}",
        title_fr=(raw.get("title") or {}).get("fr") or "",
        purpose_en=(raw.get("purpose") or {}).get("en") or "",
        purpose_fr=(raw.get("purpose") or {}).get("fr") or "",
        state=Amendment.State.SIGNED,
        opened_by=run.by,
        signed_date=datetime.date.fromisoformat(signed) if signed else None,
        effective_date=data.effective,
    )
