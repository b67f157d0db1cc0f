"""The signed record of the imported agreements: their versions, their amendments, the
signatures given on versions after they were recorded, and what the public search finds. The last steps of `import_write`, after the agreements' content and
relations.

Each step finds what exists before it writes, so a second import writes nothing here either: an
agreement with a version keeps it (versions are immutable, and a refresh never rewrites them), an
amendment found by its agreement and number is not signed again, and an agreement whose search
entry holds its current published version is not indexed again.

PDFs: `version_record` records each new version's PDF fingerprints (SHA-256) and queues its PDFs
(English and French) for when the import commits; with the immediate task backend they render
right then: 54 PDFs for the demo's 27 versions, about 2 s in all (40 ms each). That is cheap
enough to keep the production path as it is, with nothing deferred, so a freshly loaded demo
serves every PDF with its SHA-256 at once.
(With the database backend a worker renders them; a PDF not rendered yet is rendered and stored
on its first download anyway.)
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from agreements.lifecycle import AgreementNotEditable, TransitionError
from agreements.models import (
    Agreement,
    AgreementSearchEntry,
    AgreementVersion,
    Amendment,
    Party,
    Responsibility,
    Signature,
)
from agreements.published_read_model import read_model_refresh
from agreements.search import current_versions
from agreements.search.documents import TEXT_FIELDS, entry_text
from agreements.search.indexing import entries_bulk_writing, holders_today
from agreements.services.amendments import (
    amendment_approve,
    amendment_open,
    amendment_sign,
    amendment_start_negotiation,
    amendment_submit_for_review,
)
from agreements.services.lifecycle import agreement_assert_editable
from agreements.services.parties import party_add
from agreements.services.versions import version_record
from jurisdictions.models import Organization, Position
from registry.page_cache import published_data_changed

from .bulk import bulk_insert
from .errors import AMENDMENT_NOT_SIGNABLE, ImportRefused, Issue
from .rows import (
    CREATED,
    PRESENT,
    UPDATED,
    Run,
    index,
    resolve,
    responsibility_values,
    save,
)
from .schema import AgreementData, AmendmentData, LaterSignatureData, VersionData

State = Agreement.State
SIGNED_STATES = frozenset({State.IN_FORCE, State.EXPIRED, State.TERMINATED, State.SUPERSEDED})
AMENDMENT_REASON = "{reason}: amendment {number}"
AMENDMENT_OUT_OF_SEQUENCE = _(
    "Amendment {number} of {reference} would be numbered {actual}: list an agreement's "
    "amendments in order, from 1, leaving out those the registry already holds."
)
LATER_NOT_A_PARTY = _(
    "“{organization}” signed version {number} of {reference} later, but it is not a party to "
    "{reference}."
)
LATER_UNKNOWN_POST = _(
    "The later signature names the post {id}, which this registry does not hold: import an "
    "export into an empty registry, with its posts."
)


def load_original_versions(run: Run, rows: tuple[AgreementData, ...]) -> None:
    """Version 1 of every imported agreement that was signed (in force or ended), effective on
    the agreement's effective date, unless the agreement has a version already.

    This is a historical import, so it calls `version_record` (the service the lifecycle uses,
    which records the PDFs' SHA-256) directly rather than `agreement_bring_into_force`: the file
    records agreements that were signed in the past and sets their states directly (some have
    ended since), while the lifecycle service checks today's rules and logs a move made today.
    What the version holds is the same either way: the snapshot is built from the working copy
    as of the effective date, naming who held each accountable position on that day and who held
    each signatory position on the day that party signed (appointments change over time).
    `checks` has made sure every agreement in a signed state has an effective date.
    """
    agreements = [run.agreements[data.reference] for data in rows]
    agreements = [a for a in agreements if a.state in SIGNED_STATES]
    versioned = set(
        AgreementVersion.objects.filter(agreement__in=agreements)
        .values_list("agreement_id", flat=True)
        .distinct()
    )
    for agreement in agreements:
        if agreement.pk in versioned:
            run.report.record(AgreementVersion, PRESENT)
            continue
        # Locked, as version_record expects: version numbers cannot collide.
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        version_record(agreement=locked, by=run.by, effective_date=locked.effective_date)
        run.report.record(AgreementVersion, CREATED)


def load_amendments(run: Run, rows: tuple[AmendmentData, ...]) -> None:
    """Sign every amendment that is not there yet, through the amendment services, in the order
    listed: open, negotiate (editing the working copy), submit for review, approve, sign. Each
    signature records the agreement's next version, with its change summary and PDF hashes.
    Amendments are found by agreement and number."""
    agreements = [resolve(run.agreements, data.agreement, "agreement", data.path) for data in rows]
    existing = index(Amendment.objects.filter(agreement__in=agreements), "agreement", "number")
    for agreement, data in zip(agreements, rows, strict=True):
        if (agreement.pk, data.number) in existing:
            outcome = PRESENT
        else:
            existing[(agreement.pk, data.number)] = _amendment_sign_or_refuse(run, agreement, data)
            outcome = CREATED
        run.report.record(Amendment, outcome)
        run.report.record(AgreementVersion, outcome)


# What the amendment services raise when an amendment cannot be signed as the file says.
AMENDMENT_ERRORS = (
    TransitionError,
    AgreementNotEditable,
    ValidationError,
    PermissionDenied,
    IntegrityError,
)


def _amendment_sign_or_refuse(run: Run, agreement: Agreement, data: AmendmentData) -> Amendment:
    """Sign the amendment; an amendment the services refuse refuses the whole import, at the
    amendment's place in the file (the import's transaction rolls everything back)."""
    try:
        return _amendment_sign(run, agreement, data)
    except AMENDMENT_ERRORS as error:
        message = AMENDMENT_NOT_SIGNABLE.format(reason=_error_text(error))
        raise ImportRefused([Issue(path=data.path, message=message)]) from error


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(str(message) for message in error.messages)
    if isinstance(error, TransitionError):
        return " ".join(error.messages)
    if isinstance(error, PermissionDenied):
        return str(_("you may not sign it."))
    if isinstance(error, IntegrityError):
        return str(_("it conflicts with what the registry holds."))
    return str(error)


def _amendment_sign(run: Run, agreement: Agreement, data: AmendmentData) -> Amendment:
    by, comment = run.by, run.reason
    amendment = amendment_open(
        agreement=agreement,
        by=by,
        title_en=data.title_en,
        title_fr=data.title_fr,
        purpose_en=data.purpose_en,
        purpose_fr=data.purpose_fr,
        # The planned date: approval checks that the accountable positions are held on it.
        effective_date=data.effective,
        comment=comment,
    )
    if amendment.number != data.number:
        message = AMENDMENT_OUT_OF_SEQUENCE.format(
            number=data.number, reference=agreement.reference, actual=amendment.number
        )
        raise ImportRefused([Issue(path=data.path, message=message)])
    amendment = amendment_start_negotiation(amendment=amendment, by=by, comment=comment)
    _working_copy_amend(run, agreement, data)
    amendment = amendment_submit_for_review(amendment=amendment, by=by, comment=comment)
    amendment = amendment_approve(amendment=amendment, by=by, comment=comment)
    amendment_sign(
        amendment=amendment,
        by=by,
        signed_date=data.signed,
        effective_date=data.effective,
        comment=comment,
    )
    return amendment


def _working_copy_amend(run: Run, agreement: Agreement, data: AmendmentData) -> None:
    """Make the amendment's edits to the working copy, as staff do in the admin while it is
    negotiated: the joining parties through `party_add` (which grants their staff groups access),
    then each responsibility added, or rewritten in place (matched by clause)."""
    agreement_assert_editable(agreement)
    for party in data.parties:
        party_add(
            agreement=agreement,
            organization=resolve(run.organizations, party.organization, "organisation", party.path),
            by=run.by,
            role=party.role,
            signatory_position=resolve(run.positions, party.signatory, "position", party.path),
        )
    parties = {
        party.organization.slug: party for party in agreement.parties.select_related("organization")
    }
    items = {item.clause: item for item in agreement.responsibilities.all()}
    reason = AMENDMENT_REASON.format(reason=run.reason, number=data.number)
    for item_data in data.responsibilities:
        item = items.get(item_data.clause)
        if item is None:
            item = Responsibility(
                agreement=agreement,
                clause=item_data.clause,
                sort_order=_sort_order_after(items.values(), item_data.clause),
            )
            items[item.clause] = item
        for name, value in responsibility_values(run, item_data, parties).items():
            setattr(item, name, value)
        save(run, item, reason=reason, path=item_data.path)


def _clause_key(clause: str) -> tuple:
    """Clause numbers in reading order: "2.10" after "2.9", "4.1(b)" after "4.1(a)"."""
    return tuple(
        (int(part), "") if part.isdigit() else (-1, part.lower())
        for part in re.findall(r"\d+|[^\W\d_]+", clause)
    )


def _sort_order_after(items, clause: str) -> int:
    """A new clause lists right after the clause before it: it takes that one's sort order, and
    rows of equal order list in the order they were created."""
    key = _clause_key(clause)
    before = [item for item in items if _clause_key(item.clause) < key]
    return max(before, key=lambda item: _clause_key(item.clause)).sort_order if before else 0


def load_search_entries(run: Run) -> None:
    """Index every imported agreement the public may read whose search entry is missing or holds an
    older version than its current published one (agreements.search): the public browser and
    search read that index, not the versions. Restricted agreements and those not signed have
    no entry. With `run.index_later` (an import written a batch at a time), the agreements are
    only added to it, for `search_entries_load` once every batch is written.

    `version_record` also refreshes the entry once the import commits; doing it here, inside the
    import, means the index is complete when `import_write` returns (even in a transaction that never
    commits, as in tests and dry runs)."""
    ids = [agreement.pk for agreement in run.agreements.values()]
    if run.index_later is not None:
        run.index_later += ids
        return
    search_entries_load(run, ids)


# Agreements whose search entries are looked up at a time.
SEARCH_LOOKUP_BATCH = 2000


def search_entries_load(run: Run, ids: list[int]) -> None:
    """The search entries and the browser's read model of the agreements `ids` (see
    `load_search_entries`): the read model first, then the entries, in bulk when they are many
    (`entries_bulk_writing`, which keeps searches waiting from then until the import commits)."""
    read_model_refresh(ids)  # the browser's read model (agreements.published_read_model)
    todo = []
    for first in range(0, len(ids), SEARCH_LOOKUP_BATCH):
        batch = ids[first : first + SEARCH_LOOKUP_BATCH]
        current = dict(
            current_versions().filter(agreement_id__in=batch).values_list("agreement_id", "pk")
        )
        entries = dict(
            AgreementSearchEntry.objects.filter(agreement_id__in=batch).values_list(
                "agreement_id", "version_id"
            )
        )
        for agreement_id in batch:
            if agreement_id not in current:
                continue
            if entries.get(agreement_id) == current[agreement_id]:
                run.report.record(AgreementSearchEntry, PRESENT)
                continue
            todo.append(current[agreement_id])
            outcome = UPDATED if agreement_id in entries else CREATED
            run.report.record(AgreementSearchEntry, outcome)
    with entries_bulk_writing(count=len(todo)):
        for start in range(0, len(todo), SEARCH_BATCH):
            _search_entries_write(todo[start : start + SEARCH_BATCH], run.entries)
    run.entries.clear()  # those of versions no longer current, if any


def search_entries_prepare(run: Run, versions: list[AgreementVersion]) -> None:
    """Keep in `run.entries` the search entry texts of those of `versions` (just recorded)
    that are their agreement's current published version (one query), for
    `search_entries_load`: it would otherwise read every snapshot back from the database (on
    PostgreSQL, about 4 s of an import of 10,000 agreements). Kept by version, so an entry is
    only ever written from its own version's snapshot, whatever happens in between."""
    by_id = {version.pk: version for version in versions}
    current = [
        by_id[pk] for pk in current_versions().filter(pk__in=by_id).values_list("pk", flat=True)
    ]
    if not current:
        return
    holders = holders_today(current)
    for version in current:
        texts = entry_text(version.snapshot, holders=holders)
        run.entries[version.pk] = (version.agreement_id, texts)


# Versions whose search entries are written at a time (their snapshots held in memory).
SEARCH_BATCH = 500


def _search_entries_write(version_ids: list[int], prepared: dict[int, tuple[int, dict]]) -> None:
    """Write (or overwrite) the search entries of these current published versions, as
    `agreements.search.index_agreement` does one at a time, in one query: from the texts
    `prepared` (taken out of it), the others from their snapshots, read here."""
    texts = {pk: prepared.pop(pk) for pk in version_ids if pk in prepared}
    missing = [pk for pk in version_ids if pk not in texts]
    if missing:
        versions = list(
            AgreementVersion.objects.filter(pk__in=missing).only("pk", "agreement_id", "snapshot")
        )
        holders = holders_today(versions)
        for version in versions:
            texts[version.pk] = (
                version.agreement_id,
                entry_text(version.snapshot, holders=holders),
            )
    now = timezone.now()
    bulk_insert(
        AgreementSearchEntry,
        [
            AgreementSearchEntry(agreement_id=agreement_id, version_id=pk, updated_at=now, **entry)
            for pk, (agreement_id, entry) in texts.items()
        ],
        update_conflicts=True,
        unique_fields=["agreement"],
        update_fields=["version", "updated_at", *TEXT_FIELDS],
    )
    # Bulk writes send no signal: the public pages' cache must forget (registry.page_cache).
    published_data_changed()


def load_later_signatures(run: Run, rows: tuple[VersionData, ...]) -> None:
    """The signatures given on the versions after they were recorded (`later_signatures`, from a
    registry's export), written as `signature_record_later` writes them: one `Signature` row
    each, marked later, on its version, for the agreement's party of that organisation, whose
    working copy records the day it signed when it had none. A signature the registry holds
    already (same version, organisation, post and day) is left as it is. Runs after
    `recording.load_versions`: every version named is recorded."""
    wanted = [(data, item) for data in rows for item in data.later_signatures]
    if not wanted:
        return
    agreements = {
        data.agreement: resolve(run.agreements, data.agreement, "agreement", data.path)
        for data, _item in wanted
    }
    ids = {agreement.pk for agreement in agreements.values()}
    versions = {
        (version.agreement_id, version.number): version
        for version in AgreementVersion.objects.filter(agreement_id__in=ids).only(
            "pk", "agreement_id", "number"
        )
    }
    organizations = dict(
        Organization.objects.filter(
            slug__in={item.organization for _data, item in wanted}
        ).values_list("slug", "pk")
    )
    parties = {
        (party.agreement_id, party.organization_id): party
        for party in Party.objects.filter(agreement_id__in=ids)
    }
    posts = set(
        Position.objects.filter(
            pk__in={item.signatory for _data, item in wanted if item.signatory is not None}
        ).values_list("pk", flat=True)
    )
    signatures = Signature.objects.filter(version__agreement_id__in=ids)
    held = set(
        signatures.filter(later=True).values_list(
            "version_id", "organization_id", "position_id", "signed_date"
        )
    )
    counts: dict[int, int] = {}
    for version_id in signatures.values_list("version_id", flat=True):
        counts[version_id] = counts.get(version_id, 0) + 1
    for data, item in wanted:
        agreement = agreements[data.agreement]
        version = versions[(agreement.pk, data.number)]
        party = parties.get((agreement.pk, organizations.get(item.organization)))
        _later_signature_check(data, item, party, posts)
        key = (version.pk, party.organization_id, item.signatory, item.signed)
        if key in held:
            run.report.record(Signature, PRESENT)
            continue
        held.add(key)
        reason = f"{run.reason}: signed version {data.number} later"
        row = Signature(
            version=version,
            party=party,
            organization_id=party.organization_id,
            position_id=item.signatory,
            holder_name=item.holder_name,
            signed_date=item.signed,
            later=True,
            sort_order=counts.get(version.pk, 0),
            recorded_by=run.by,
            recorded_at=(parse_datetime(item.recorded_at) if item.recorded_at else None)
            or timezone.now(),
        )
        save(run, row, reason=reason, path=item.path)
        counts[version.pk] = row.sort_order + 1
        run.report.record(Signature, CREATED)
        if party.signed_date is None:
            party.signed_date = item.signed
            save(run, party, reason=reason, path=item.path)


def _later_signature_check(
    data: VersionData, item: LaterSignatureData, party: Party | None, posts: set[int]
) -> None:
    """Refuse the import, at the signature's place in the file, when its organisation is not a
    party to the agreement or its post is not in this registry."""
    if party is None:
        message = LATER_NOT_A_PARTY.format(
            organization=item.organization, number=data.number, reference=data.agreement
        )
        raise ImportRefused([Issue(path=item.path, message=message)])
    if item.signatory is not None and item.signatory not in posts:
        raise ImportRefused(
            [Issue(path=item.path, message=LATER_UNKNOWN_POST.format(id=item.signatory))]
        )
