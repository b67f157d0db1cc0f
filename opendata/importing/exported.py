"""The registry's own export (`manage.py export_registry DIR`) read back as an import document.

The export writes one JSON array per resource in the API's shapes (jurisdictions, organizations,
posts, people, memberships, agreements) and `versions.json`, every published version as signed.
`document_from_export` turns those arrays into the document the importer reads
(docs/import-formats.md): posts and people get the handles "post:<id>" and "person:<id>", the
memberships become the posts' holders, an agreement's working copy is its latest version's
snapshot (with its state and end date from agreements.json), and its versions are recorded as
they are. Rows keep the numbers the exporting registry gave them (`id`, taken when free), so
that the snapshots, which name rows by number, read the same in the registry importing them.
"""

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import EXPORT_FILE_NEEDS, NOT_AN_EXPORT_ROW, Issues

# Export files read only with another one: memberships become the posts' holders, agreements
# are built from their latest version.
NEEDS = {"memberships": "posts", "agreements": "versions"}

# The export's JSON files (their names without .json), in the order they are read.
EXPORT_FILES = (
    "jurisdictions",
    "organizations",
    "people",
    "posts",
    "memberships",
    "agreements",
    "versions",
)


def is_export_file(name: str, document: Any) -> bool:
    """Whether `document` (read from a file called `name`) is one of the export's arrays."""
    return isinstance(document, list) and Path(name).stem in EXPORT_FILES


def _post(number: int | None) -> str | None:
    return None if number is None else f"post:{number}"


def _parents_first(rows: list[dict], key: str = "id", parent: str = "parent_id") -> list[dict]:
    """Rows ordered so that each row's parent comes before it (the export sorts by slug)."""
    by_key = {row.get(key): row for row in rows}
    ordered, placed = [], set()

    def place(row, seen=()):
        if row.get(key) in placed or row.get(key) in seen:
            return
        above = by_key.get(row.get(parent))
        if above is not None:
            place(above, (*seen, row.get(key)))
        placed.add(row.get(key))
        ordered.append(row)

    for row in rows:
        place(row)
    return ordered


class ExportNumbers:
    """The exporting registry's numbers of jurisdictions and organisations, read from the
    snapshots (the export names them by slug): {slug: number}. The snapshots name them by
    number, so the imported rows keep them. A folder is imported a batch at a time, and its
    reference data with the first batch: the numbers are read from every version first
    (`importing.import_folder`), or an organisation named only by a later batch's snapshots
    would get another number. Malformed rows are skipped here; their batch reports them."""

    def __init__(self, versions: Iterable, posts: list[dict]):
        self.jurisdictions: dict[str, int] = {}
        self.organizations: dict[str, int] = {}
        post_organization = {
            post.get("id"): post.get("organization_id") for post in posts if isinstance(post, dict)
        }
        for version in versions:
            snapshot = version.get("snapshot") if isinstance(version, dict) else None
            if not isinstance(snapshot, dict):
                continue
            try:
                self._read(snapshot, post_organization)
            except (KeyError, TypeError, AttributeError):
                continue

    def _read(self, snapshot: dict, post_organization: dict) -> None:
        for party in snapshot.get("parties", []):
            organization = party["organization"]
            self.organizations.setdefault(organization["slug"], organization["id"])
            jurisdiction = organization["jurisdiction"]
            self.jurisdictions.setdefault(jurisdiction["slug"], jurisdiction["id"])
        for post in _snapshot_posts(snapshot):
            slug = post_organization.get(post["id"])
            if slug is not None:
                self.organizations.setdefault(slug, post["organization"]["id"])


def _snapshot_posts(snapshot: dict) -> list[dict]:
    posts = [item.get("owner") for item in snapshot.get("responsibilities", [])]
    posts += [party.get("signatory") for party in snapshot.get("parties", [])]
    body = snapshot.get("agreement", {}).get("governing_body") or {}
    posts += [body.get("chair"), *body.get("members", [])]
    return [post for post in posts if post]


def _rows(name: str, items: list, convert, issues: Issues) -> list[dict]:
    rows = []
    for position, item in enumerate(items):
        try:
            rows.append(convert(item))
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            issues.add(f"{name}.json:$[{position}]", NOT_AN_EXPORT_ROW, error=repr(error))
    return rows


def document_from_export(arrays: dict[str, list], *, numbers: ExportNumbers | None = None) -> dict:
    """The import document of the export's arrays ({file name without .json: array}); any
    subset of the files may be given. Raises ImportRefused for rows not in the export's shape.
    `numbers`: read from the whole export (a folder imported in batches); by default from
    `arrays`."""
    issues = Issues()
    for name, needs in NEEDS.items():
        if arrays.get(name) and needs not in arrays:
            issues.add(
                f"{name}.json:$", EXPORT_FILE_NEEDS, name=f"{name}.json", needs=f"{needs}.json"
            )
    issues.raise_if_any()
    versions = arrays.get("versions", [])
    posts = arrays.get("posts", [])
    if numbers is None:
        numbers = ExportNumbers(versions, posts) if versions else ExportNumbers([], [])
    document: dict[str, list] = {}

    def jurisdiction(row):
        return {
            "slug": row["id"],
            "name_en": row["name"]["en"],
            "name_fr": row["name"]["fr"],
            "level": row["classification"]["code"],
            "parent": row["parent_id"],
            "ocd_division_id": row["ocd_division_id"] or "",
            "iso_code": row["iso_3166_2"] or "",
            "id": numbers.jurisdictions.get(row["id"]),
        }

    def organization(row):
        return {
            "slug": row["id"],
            "jurisdiction": row["jurisdiction_id"],
            "name_en": row["name"]["en"],
            "name_fr": row["name"]["fr"],
            "acronym_en": row["acronym"]["en"],
            "acronym_fr": row["acronym"]["fr"],
            "kind": row["classification"]["code"],
            "parent": row["parent_id"],
            "website": row["website"] or "",
            "id": numbers.organizations.get(row["id"]),
        }

    def person(row):
        return {
            "handle": f"person:{row['id']}",
            "given_name": row["given_name"],
            "family_name": row["family_name"],
            "honorific": row["honorific_prefix"] or "",
            "id": row["id"],
        }

    holders: dict[Any, list[dict]] = {}
    for membership in _rows(
        "memberships",
        arrays.get("memberships", []),
        lambda row: {
            "post": row["post_id"],
            "person": f"person:{row['person_id']}",
            "start": row["start_date"],
            "end": row["end_date"],
            "acting": row["acting"],
            "id": row["id"],
        },
        issues,
    ):
        holders.setdefault(membership.pop("post"), []).append(membership)

    def post(row):
        held = sorted(holders.get(row["id"], []), key=lambda h: (h["start"] or "", h["id"]))
        return {
            "handle": _post(row["id"]),
            "organization": row["organization_id"],
            "title_en": row["label"]["en"],
            "title_fr": row["label"]["fr"],
            "single_holder": row["single_holder"],
            "holders": held,
            "id": row["id"],
        }

    if "jurisdictions" in arrays:
        rows = _parents_first([r for r in arrays["jurisdictions"] if isinstance(r, dict)])
        document["jurisdictions"] = _rows("jurisdictions", rows, jurisdiction, issues)
    if "organizations" in arrays:
        rows = _parents_first([r for r in arrays["organizations"] if isinstance(r, dict)])
        document["organizations"] = _rows("organizations", rows, organization, issues)
    if "people" in arrays:
        document["people"] = _rows("people", arrays["people"], person, issues)
    if "posts" in arrays:
        document["positions"] = _rows("posts", posts, post, issues)
    if "agreements" in arrays:
        _agreements(arrays["agreements"], versions, document, issues)
    if versions:
        document["versions"] = _rows("versions", versions, _version, issues)
    issues.raise_if_any()
    return document


def _version(row: dict) -> dict:
    return {
        "agreement": row["agreement_reference"],
        "number": row["number"],
        "kind": row["kind"],
        "effective": row["effective_date"],
        "expiry": row["expiry_date"],
        "recorded_at": row["recorded_at"],
        "change_summary": row["change_summary"],
        "snapshot": row["snapshot"],
        "snapshot_sha256": row["snapshot_sha256"],
        "pdf_sha256_en": row["pdf_sha256"]["en"] or "",
        "pdf_sha256_fr": row["pdf_sha256"]["fr"] or "",
        # Signatures given after the version was recorded (exports before them have none).
        "later_signatures": row.get("later_signatures", []),
    }


def _agreements(details: list, versions: list, document: dict, issues: Issues) -> None:
    """Agreements whose working copy is their latest exported version's snapshot, with the
    service areas, delivery channels and governing bodies the snapshots name."""
    latest: dict[str, dict] = {}
    for version in versions:
        if not isinstance(version, dict):
            continue
        reference = version.get("agreement_reference")
        if reference not in latest or version.get("number", 0) > latest[reference]["number"]:
            latest[reference] = version
    areas: dict[str, dict] = {}
    channels: dict[str, dict] = {}
    bodies: dict[str, dict] = {}

    def agreement(detail):
        snapshot = latest[detail["reference"]]["snapshot"]
        terms = snapshot["agreement"]
        for area in terms["service_areas"]:
            areas.setdefault(area["slug"], _named(area))
        for channel in terms["delivery_channels"]:
            channels.setdefault(channel["slug"], _named(channel))
        body = terms.get("governing_body")
        if body:
            handle = f"body:{body['name']['en']}"
            bodies.setdefault(handle, _body(handle, body))
        return _agreement(detail, latest[detail["reference"]], handle if body else None)

    rows = _rows("agreements", details, agreement, issues)
    document["service_areas"] = list(areas.values())
    document["delivery_channels"] = list(channels.values())
    document["governance_bodies"] = list(bodies.values())
    document["agreements"] = rows


def _named(item: dict) -> dict:
    return {"slug": item["slug"], "name_en": item["name"]["en"], "name_fr": item["name"]["fr"]}


def _body(handle: str, body: dict) -> dict:
    frequency = body.get("meeting_frequency")
    return {
        "handle": handle,
        "name_en": body["name"]["en"],
        "name_fr": body["name"]["fr"],
        "mandate_en": body["mandate"]["en"],
        "mandate_fr": body["mandate"]["fr"],
        "chair": _post((body.get("chair") or {}).get("id")),
        "members": [_post(member["id"]) for member in body.get("members", [])],
        "meeting_frequency": frequency["code"] if frequency else "",
    }


def _agreement(detail: dict, version: dict, body: str | None) -> dict:
    snapshot = version["snapshot"]
    terms = snapshot["agreement"]
    # A party that signed the latest version after it was recorded signed on that day.
    signed_later: dict[str, str] = {}
    for signature in version.get("later_signatures", []):
        signed_later.setdefault(signature["organization"], signature["signed"])
    parties = sorted(snapshot["parties"], key=lambda p: (p.get("sort_order", 0), p["id"]))
    party_slugs = {party["id"]: party["organization"]["slug"] for party in parties}
    organization_slugs = {
        party["organization"]["id"]: party["organization"]["slug"] for party in parties
    }
    items = sorted(snapshot["responsibilities"], key=lambda r: (r.get("sort_order", 0), r["id"]))
    row = {
        "reference": detail["reference"],
        "agreement_type": terms["type"]["code"],
        "state": detail["state"]["code"],
        "visibility": terms["visibility"]["code"],
        "title_en": terms["title"]["en"],
        "title_fr": terms["title"]["fr"],
        "summary_en": terms["summary"]["en"],
        "summary_fr": terms["summary"]["fr"],
        "signed": terms["signed_date"],
        "effective": terms["effective_date"],
        "expiry": terms["expiry_date"],
        "next_review": terms["next_review_date"],
        "ended_on": detail.get("ended_on"),
        "renewal_terms_en": terms["renewal_terms"]["en"],
        "renewal_terms_fr": terms["renewal_terms"]["fr"],
        "service_areas": [area["slug"] for area in terms["service_areas"]],
        "channels": [channel["slug"] for channel in terms["delivery_channels"]],
        "governing_body": body,
        # Relations to agreements the public may read (those the export holds).
        "relations": [
            {"kind": relation["kind"]["code"], "target": relation["reference"]}
            for relation in detail["relations"]
        ],
        "parties": [
            {
                "organization": party["organization"]["slug"],
                "role": party["role"]["code"],
                "signatory": _post((party.get("signatory") or {}).get("id")),
                "signed": party["signed_date"] or signed_later.get(party["organization"]["slug"]),
            }
            for party in parties
        ],
        "responsibilities": [
            {
                "clause": item["clause"],
                "party": party_slugs.get(item["responsible_party"].get("party_id"))
                or organization_slugs.get(item["responsible_party"].get("organization_id")),
                "owner": _post((item.get("owner") or {}).get("id")),
                "kind": item["kind"]["code"],
                "text_en": item["text"]["en"],
                "text_fr": item["text"]["fr"],
                "standard_en": item["service_standard"]["en"],
                "standard_fr": item["service_standard"]["fr"],
                "due": item["due_date"],
                "recurrence": item["recurrence"]["code"],
                "anchor": item["recurrence_anchor"],
                "status": item["status"]["code"],
            }
            for item in items
        ],
    }
    if terms.get("notice_period_days") is not None:
        row["notice_period_days"] = terms["notice_period_days"]
    return row
