"""The registry's published data as plain, JSON-ready dicts: the shapes of the public API.

One function per resource, shaped after Popolo (organization, post, person, membership) with
Open Civic Data division ids and ISO 3166-2 codes on jurisdictions. The API, the bulk export and
the importer all use these functions, so the three always agree.

Identifiers outsiders can join on: a jurisdiction or an organisation is named by its slug, an
agreement by its reference number, a post (position) and a person by their number in the
registry. Bilingual text is `{"en": ..., "fr": ...}`; a choice is `{"code": ..., "label": {"en":
..., "fr": ...}}`; dates are ISO strings.

Agreements are read from a published version's snapshot (the signed record), never from the
working copy. Callers pass published versions only (`cms.published.current_versions()`,
`AgreementVersion.objects.published()`); these functions do not decide what is public.

Query cost, for callers that shape many rows:
- `jurisdiction(j)` reads `j.parent`: select_related("parent").
- `organization(o)` reads `o.jurisdiction` and `o.parent`: select_related both.
- `post(p)` reads `p.organization`; `membership(a)` reads `a.position.organization`.
- `agreement_summary(version)` reads `version.agreement`: select_related("agreement").
- `agreement_detail(version, on=...)` runs a fixed number of queries (see its docstring);
  `detail_prefetch()` reads those for many agreements at once (the bulk export).
- Signatures given after a version was recorded (`opendata.signatures`) are read only for
  versions whose snapshot shows a party that had not signed yet.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone, translation

from agreements.models import Agreement, AgreementVersion, Signature
from agreements.selectors import accountable_holders
from agreements.services.signatures import snapshot_party_signatures
from agreements.snapshots import bilingual_choice, bilingual_texts
from cms.documents import VersionDocument, version_documents
from jurisdictions.models import Appointment, Jurisdiction, Organization, Person, Position
from jurisdictions.standing import LANGUAGES, standing
from opendata.signatures import (
    later_signature,
    later_signature_record,
    later_signatures,
    signing_status,
)

API_PREFIX = "/api/v1"


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def agreement_url(reference: str) -> str:
    """The API address of an agreement (its current published version)."""
    return f"{API_PREFIX}/agreements/{reference}"


def version_url(reference: str, number: int) -> str:
    return f"{API_PREFIX}/agreements/{reference}/versions/{number}"


# --- Reference data (Popolo) ---------------------------------------------------------------------


def jurisdiction(j: Jurisdiction) -> dict[str, Any]:
    """A government, e.g. New Brunswick: `id` is its slug; `parent` the parent's slug."""
    return {
        "id": j.slug,
        "name": bilingual_texts(j, "name"),
        "classification": bilingual_choice(Jurisdiction.Level, j.level),
        "ocd_division_id": j.ocd_division_id or None,
        "iso_3166_2": j.iso_code or None,
        "parent_id": j.parent.slug if j.parent_id else None,
    }


def organization(o: Organization) -> dict[str, Any]:
    """A body inside a jurisdiction (Popolo organization): `id` is its slug."""
    return {
        "id": o.slug,
        "name": bilingual_texts(o, "name"),
        "acronym": bilingual_texts(o, "acronym"),
        "classification": bilingual_choice(Organization.Kind, o.kind),
        "jurisdiction_id": o.jurisdiction.slug,
        "parent_id": o.parent.slug if o.parent_id else None,
        "website": o.website or None,
    }


def post(p: Position) -> dict[str, Any]:
    """An office inside an organisation (Popolo post), which carries accountability."""
    return {
        "id": p.pk,
        "label": bilingual_texts(p, "title"),
        "organization_id": p.organization.slug,
        "single_holder": p.single_holder,
    }


def person(p: Person) -> dict[str, Any]:
    """Someone who holds or held a post. Contact details are staff-only and never shaped."""
    return {
        "id": p.pk,
        "name": str(p),
        "given_name": p.given_name,
        "family_name": p.family_name,
        "honorific_prefix": p.honorific or None,
    }


def membership(a: Appointment) -> dict[str, Any]:
    """A person holding a post from a date to a date (Popolo membership)."""
    return {
        "id": a.pk,
        "person_id": a.person_id,
        "post_id": a.position_id,
        "organization_id": a.position.organization.slug,
        "start_date": _iso(a.start_date),
        "end_date": _iso(a.end_date),
        "acting": a.acting,
    }


# --- Agreements ----------------------------------------------------------------------------------


def _snapshot_parties(snapshot: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted(snapshot["parties"], key=lambda p: (p.get("sort_order", 0), p["id"]))


def agreement_summary(version: AgreementVersion) -> dict[str, Any]:
    """One agreement as a list shows it, read from `version` (its current published version)."""
    snapshot = version.snapshot
    terms = snapshot["agreement"]
    reference = version.agreement.reference
    return {
        "reference": reference,
        "title": terms["title"],
        "summary": terms["summary"],
        "type": terms["type"],
        "state": bilingual_choice(Agreement.State, version.agreement.state),
        "version": version.number,
        "effective_date": _iso(version.effective_date),
        "expiry_date": _iso(version.expiry_date),
        "service_areas": [area["slug"] for area in terms["service_areas"]],
        "parties": [
            {
                "role": party["role"]["code"],
                "organization_id": party["organization"]["slug"],
                "jurisdiction_id": party["organization"]["jurisdiction"]["slug"],
            }
            for party in _snapshot_parties(snapshot)
        ],
        "url": agreement_url(reference),
    }


def _holder(raw: dict[str, Any]) -> dict[str, Any]:
    return {"person_id": raw["person_id"], "name": raw["name"], "acting": raw["acting"]}


def _post_in_snapshot(raw: dict[str, Any] | None, slugs: dict[int, str], holders=None):
    """A position as frozen in a snapshot, with its holders (the snapshot's unless given)."""
    if raw is None:
        return None
    return {
        "id": raw["id"],
        "label": raw["title"],
        "organization_id": slugs.get(raw["organization"]["id"]),
        "organization_name": raw["organization"]["name"],
        "holders_on": raw["holders_on"],
        "holders": holders if holders is not None else [_holder(h) for h in raw["holders"]],
    }


def _published_versions(agreement_id: int, *, today: datetime.date) -> list[AgreementVersion]:
    return list(
        AgreementVersion.objects.published(on=today)
        .filter(agreement_id=agreement_id)
        .select_related("agreement")
        .order_by("number")
    )


def _readable_references(references: set[str], *, today: datetime.date) -> set[str]:
    if not references:
        return set()
    return set(
        Agreement.objects.published(on=today)
        .filter(reference__in=references)
        .values_list("reference", flat=True)
    )


def _party_slugs(snapshot: dict[str, Any]) -> dict[int, str]:
    return {p["organization"]["id"]: p["organization"]["slug"] for p in snapshot["parties"]}


def _posts_organization_ids(snapshot: dict[str, Any]) -> set[int]:
    """The organisations of the snapshot's posts (accountable, signatory, governing body)."""
    posts = [r["owner"] for r in snapshot["responsibilities"]]
    posts += [p["signatory"] for p in snapshot["parties"]]
    posts += [s.get("signatory") for p in snapshot["parties"] for s in p.get("signatures", [])]
    body = snapshot["agreement"].get("governing_body")
    if body:
        posts += [body.get("chair"), *body.get("members", [])]
    return {raw["organization"]["id"] for raw in posts if raw}


def _organization_slugs(
    snapshot: dict[str, Any], known: dict[int, str] | None = None
) -> dict[int, str]:
    """{organisation id: slug} for every organisation the snapshot names (parties' from the
    snapshot itself; accountable and signatory positions' from `known` when given, else from
    one query)."""
    slugs = _party_slugs(snapshot)
    missing = _posts_organization_ids(snapshot) - slugs.keys()
    if missing and known is not None:
        slugs.update({pk: known[pk] for pk in missing if pk in known})
    elif missing:
        slugs.update(Organization.objects.filter(pk__in=missing).values_list("pk", "slug"))
    return slugs


@dataclass(frozen=True)
class DetailPrefetch:
    """What `agreement_detail` would otherwise read per agreement, read once for many: the
    versions' PDFs, the readable relations' references, the posts' organisation slugs and the
    signatures given after the versions were recorded ({version id: rows})."""

    documents: dict[int, list[VersionDocument]]
    readable: set[str]
    organization_slugs: dict[int, str]
    later: dict[int, list[Signature]]


def detail_prefetch(
    current: list[AgreementVersion],
    versions: list[AgreementVersion],
    *,
    today: datetime.date,
) -> DetailPrefetch:
    """Read for `current` (versions to shape) and `versions` (all their published versions)
    what `agreement_detail` needs: three queries at most, whatever their number, and two more
    when a version may have signatures given after it was recorded."""
    references: set[str] = set()
    organization_ids: set[int] = set()
    for version in current:
        terms = version.snapshot["agreement"]
        references |= {relation["reference"] for relation in terms.get("relations", [])}
        organization_ids |= (
            _posts_organization_ids(version.snapshot) - _party_slugs(version.snapshot).keys()
        )
    slugs: dict[int, str] = {}
    if organization_ids:
        slugs = dict(Organization.objects.filter(pk__in=organization_ids).values_list("pk", "slug"))
    with translation.override("en"):  # the PDF's language is in its address, not the page's
        documents = version_documents(versions)
    return DetailPrefetch(
        documents=documents,
        readable=_readable_references(references, today=today),
        organization_slugs=slugs,
        later=later_signatures(versions),
    )


def agreement_detail(
    version: AgreementVersion,
    on: datetime.date | None = None,
    *,
    versions: list[AgreementVersion] | None = None,
    today: datetime.date | None = None,
    prefetched: DetailPrefetch | None = None,
) -> dict[str, Any]:
    """Everything the public agreement page shows for `version`, as data.

    Accountable posts list who held them on `on`; without `on`, who held them on the version's
    effective date, as frozen in the snapshot. Relations to agreements the public may not read
    are left out. Each party's signatures are those the version recorded, then those given
    after it was recorded (`later`), and `signature_status` counts them as the page does.
    `versions` is the agreement's published versions, oldest first (read when not given).
    Queries: published versions (unless given), PDFs, readable relations (when there are
    relations), organisations not among the parties (when any), holders (when `on` differs from
    the effective date), later signatures and their holders (when a party had not signed the
    version). `prefetched` (see `detail_prefetch`) replaces the PDFs, relations, organisations
    and later signatures queries.
    """
    today = today or timezone.localdate()
    snapshot = version.snapshot
    terms = snapshot["agreement"]
    if versions is None:
        versions = _published_versions(version.agreement_id, today=today)
    slugs = _organization_slugs(
        snapshot, prefetched.organization_slugs if prefetched is not None else None
    )
    holders_on = on or version.effective_date
    held: dict[int, list[dict[str, Any]]] | None = None
    if on is not None and on != version.effective_date:
        held = {
            item.responsibility_id: [
                {"person_id": h.person_id, "name": h.name, "acting": h.acting} for h in item.holders
            ]
            for item in accountable_holders(version, on=on)
        }
    parties = _snapshot_parties(snapshot)
    party_org = {party["id"]: party["organization"]["slug"] for party in parties}
    body = terms.get("governing_body")
    if prefetched is not None:
        readable, documents = prefetched.readable, prefetched.documents
        later = prefetched.later.get(version.pk, [])
    else:
        later = later_signatures([version]).get(version.pk, [])
        references = {relation["reference"] for relation in terms.get("relations", [])}
        readable = _readable_references(references, today=today)
        with translation.override("en"):  # the PDF's language is in its address
            documents = version_documents(versions)

    def responsibility(item: dict[str, Any]) -> dict[str, Any]:
        responsible = item["responsible_party"]
        post_data = _post_in_snapshot(
            item["owner"], slugs, held.get(item["id"], []) if held is not None else None
        )
        if post_data is not None:
            post_data["holders_on"] = _iso(holders_on)
        return {
            "clause": item["clause"],
            "text": item["text"],
            "kind": item["kind"],
            "status": item["status"],
            "due_date": item["due_date"],
            "recurrence": item["recurrence"],
            "service_standard": item["service_standard"],
            "responsible_organization_id": party_org.get(responsible.get("party_id"))
            or slugs.get(responsible.get("organization_id")),
            "accountable_post": post_data,
        }

    return {
        **agreement_summary(version),
        "version_kind": version.kind,
        "ended_on": _iso(version.agreement.ended_on),
        "signed_date": terms["signed_date"],
        "next_review_date": terms["next_review_date"],
        "notice_period_days": terms["notice_period_days"],
        "renewal_terms": terms["renewal_terms"],
        "delivery_channels": [channel["slug"] for channel in terms["delivery_channels"]],
        "governing_body": (
            {
                "name": body["name"],
                "mandate": body["mandate"],
                "chair": _post_in_snapshot(body.get("chair"), slugs),
                "members": [_post_in_snapshot(m, slugs) for m in body.get("members", [])],
            }
            if body
            else None
        ),
        "holders_on": _iso(holders_on),
        "signature_status": signing_status(snapshot, later),
        "parties": [
            {
                "role": party["role"],
                "signs": party["signs"],
                "signed_date": party["signed_date"],
                "organization": {
                    "id": party["organization"]["slug"],
                    "name": party["organization"]["name"],
                    "acronym": party["organization"]["acronym"],
                    "classification": party["organization"]["kind"],
                },
                "jurisdiction": {
                    "id": party["organization"]["jurisdiction"]["slug"],
                    "name": party["organization"]["jurisdiction"]["name"],
                    "classification": party["organization"]["jurisdiction"]["level"],
                    "ocd_division_id": party["organization"]["jurisdiction"]["ocd_division_id"],
                    "iso_3166_2": party["organization"]["jurisdiction"]["iso_code"],
                },
                "signatory": _post_in_snapshot(party["signatory"], slugs),
                "standing": {
                    language: standing(party["organization"], language) for language in LANGUAGES
                },
                "owners": [
                    {"id": owner["slug"], "name": owner["name"]}
                    for owner in party["organization"].get("owners", [])
                ],
                "signatures": [
                    {
                        "signatory": _post_in_snapshot(item.get("signatory"), slugs),
                        "signed_date": item["signed_date"],
                        "later": False,
                    }
                    for item in snapshot_party_signatures(party)
                ]
                + [
                    later_signature(row)
                    for row in later
                    if row.organization.slug == party["organization"]["slug"]
                ],
            }
            for party in parties
        ],
        "financial_commitments": [
            _financial_commitment(item, slugs)
            for item in sorted(
                snapshot.get("financial_commitments", []),
                key=lambda item: (item.get("sort_order", 0), item["id"]),
            )
        ],
        "responsibilities": [
            responsibility(item)
            for item in sorted(
                snapshot["responsibilities"], key=lambda r: (r.get("sort_order", 0), r["id"])
            )
        ],
        "relations": [
            {
                "kind": relation["kind"],
                "reference": relation["reference"],
                "title": relation["title"],
                "url": agreement_url(relation["reference"]),
            }
            for relation in terms.get("relations", [])
            if relation["reference"] in readable
        ],
        "versions": [
            {
                "number": item.number,
                "kind": item.kind,
                "effective_date": _iso(item.effective_date),
                "expiry_date": _iso(item.expiry_date),
                "change_summary": item.change_summary or {},
                "snapshot_sha256": item.snapshot_sha256,
                "documents": [
                    {"language": doc.language, "url": doc.url, "sha256": doc.sha256 or None}
                    for doc in documents.get(item.pk, [])
                ],
                "url": version_url(version.agreement.reference, item.number),
            }
            for item in versions
        ],
    }


def _financial_commitment(item: dict[str, Any], slugs: dict[int, str]) -> dict[str, Any]:
    """A sum one party commits to another, as the version froze it (the amount a string, exactly
    as entered)."""

    def side(raw: dict[str, Any]) -> dict[str, Any]:
        return {
            "organization_id": slugs.get(raw["organization_id"]),
            "name": raw["name"],
            "acronym": raw["acronym"],
        }

    return {
        "funder": side(item["funder"]),
        "recipient": side(item["recipient"]),
        "amount": item["amount"],
        "currency": item["currency"],
        "period": item["period"],
        "start_year": item["start_year"],
        "end_year": item["end_year"],
        "description": item["description"],
    }


def signed_version(version: AgreementVersion, later: Sequence[Signature] = ()) -> dict[str, Any]:
    """A published version as signed, for the bulk export: everything its API answers and its
    PDFs are built from (the snapshot, the change summary, the dates), with its fingerprints,
    and the signatures given on it after it was recorded (`later`, its rows from
    `opendata.signatures.later_signatures`), so that another registry can record it again
    exactly (`import_agreements`)."""
    return {
        "agreement_reference": version.agreement.reference,
        "number": version.number,
        "kind": version.kind,
        "effective_date": _iso(version.effective_date),
        "expiry_date": _iso(version.expiry_date),
        "recorded_at": version.created_at.isoformat(),
        "change_summary": version.change_summary or {},
        "snapshot": version.snapshot,
        "snapshot_sha256": version.snapshot_sha256,
        "pdf_sha256": {
            "en": version.recorded_pdf_sha256("en") or None,
            "fr": version.recorded_pdf_sha256("fr") or None,
        },
        "later_signatures": [later_signature_record(row) for row in later],
    }
