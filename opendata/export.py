"""Bulk export of the public registry: JSON in the API's shapes, and CSV, one file per resource.

What is exported is exactly what the public API serves: the current published version of every
published agreement (`cms.published.current_versions()`), every jurisdiction and organisation,
and the posts, people and memberships that a current published version names
(`opendata.api.queries`). Drafts, restricted agreements, versions not yet in effect and working
copies never reach a file.

versions.json carries each published version's signed content (`shapes.signed_version`), so
that `import_agreements DIR` of the export into an empty registry records the same versions:
the same API answers and the same PDFs, byte for byte (docs/import-formats.md).

Streamed: rows are read in chunks (`.iterator()`, and agreements a chunk at a time with their
published versions) and written as they are read, so memory stays flat whatever the registry's
size. Every CSV cell goes through `registry.csv_safety` (formula neutralisation).
The columns of every file are described in `docs/data-dictionary.md`, copied next to them.
"""

import datetime
import json
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from agreements.models import AgreementVersion, Signature
from cms import published
from jurisdictions.models import Jurisdiction, Organization
from opendata import shapes
from opendata.api import queries
from registry.csv_safety import safe_writer

CHUNK_SIZE = 200
DATA_DICTIONARY = Path(settings.BASE_DIR) / "docs" / "data-dictionary.md"

Row = dict[str, Any]


def _text(value: Any, language: str) -> str:
    """One language of a bilingual `{"en": ..., "fr": ...}` value (or the value itself)."""
    if isinstance(value, dict):
        return value.get(language) or ""
    return "" if value is None else str(value)


def _code(value: Any) -> str:
    """The code of a `{"code": ..., "label": ...}` choice (or the value itself)."""
    if isinstance(value, dict):
        return value.get("code") or ""
    return "" if value is None else str(value)


def _joined(values: Iterable[Any]) -> str:
    return "; ".join(str(value) for value in values)


# --- CSV columns: (header, value from the JSON shape) ---------------------------------------------

Columns = tuple[tuple[str, Callable[[Row], Any]], ...]

JURISDICTION_COLUMNS: Columns = (
    ("id", lambda r: r["id"]),
    ("name_en", lambda r: _text(r["name"], "en")),
    ("name_fr", lambda r: _text(r["name"], "fr")),
    ("classification", lambda r: _code(r["classification"])),
    ("ocd_division_id", lambda r: r["ocd_division_id"]),
    ("iso_3166_2", lambda r: r["iso_3166_2"]),
    ("parent_id", lambda r: r["parent_id"]),
)
ORGANIZATION_COLUMNS: Columns = (
    ("id", lambda r: r["id"]),
    ("name_en", lambda r: _text(r["name"], "en")),
    ("name_fr", lambda r: _text(r["name"], "fr")),
    ("acronym_en", lambda r: _text(r["acronym"], "en")),
    ("acronym_fr", lambda r: _text(r["acronym"], "fr")),
    ("classification", lambda r: _code(r["classification"])),
    ("jurisdiction_id", lambda r: r["jurisdiction_id"]),
    ("parent_id", lambda r: r["parent_id"]),
    ("website", lambda r: r["website"]),
)
POST_COLUMNS: Columns = (
    ("id", lambda r: r["id"]),
    ("label_en", lambda r: _text(r["label"], "en")),
    ("label_fr", lambda r: _text(r["label"], "fr")),
    ("organization_id", lambda r: r["organization_id"]),
    ("single_holder", lambda r: r["single_holder"]),
)
PERSON_COLUMNS: Columns = (
    ("id", lambda r: r["id"]),
    ("name", lambda r: r["name"]),
    ("given_name", lambda r: r["given_name"]),
    ("family_name", lambda r: r["family_name"]),
    ("honorific_prefix", lambda r: r["honorific_prefix"]),
)
MEMBERSHIP_COLUMNS: Columns = (
    ("id", lambda r: r["id"]),
    ("person_id", lambda r: r["person_id"]),
    ("post_id", lambda r: r["post_id"]),
    ("organization_id", lambda r: r["organization_id"]),
    ("start_date", lambda r: r["start_date"]),
    ("end_date", lambda r: r["end_date"]),
    ("acting", lambda r: r["acting"]),
)
AGREEMENT_COLUMNS: Columns = (
    ("reference", lambda r: r["reference"]),
    ("title_en", lambda r: _text(r["title"], "en")),
    ("title_fr", lambda r: _text(r["title"], "fr")),
    ("summary_en", lambda r: _text(r["summary"], "en")),
    ("summary_fr", lambda r: _text(r["summary"], "fr")),
    ("type", lambda r: _code(r["type"])),
    ("state", lambda r: _code(r["state"])),
    ("version", lambda r: r["version"]),
    ("effective_date", lambda r: r["effective_date"]),
    ("expiry_date", lambda r: r["expiry_date"]),
    ("signed_date", lambda r: r["signed_date"]),
    ("next_review_date", lambda r: r["next_review_date"]),
    ("signed_count", lambda r: r["signature_status"]["signed_count"]),
    ("signing_count", lambda r: r["signature_status"]["signing_count"]),
    (
        "in_force_for_signatories_only",
        lambda r: r["signature_status"]["in_force_for_signatories_only"],
    ),
    ("service_areas", lambda r: _joined(r["service_areas"])),
    ("delivery_channels", lambda r: _joined(r["delivery_channels"])),
    ("url", lambda r: r["url"]),
)
# Child rows carry their agreement's reference as `agreement_reference`.
PARTY_COLUMNS: Columns = (
    ("agreement_reference", lambda r: r["agreement_reference"]),
    ("role", lambda r: _code(r["role"])),
    ("organization_id", lambda r: r["organization"]["id"]),
    ("jurisdiction_id", lambda r: r["jurisdiction"]["id"]),
    ("ocd_division_id", lambda r: r["jurisdiction"]["ocd_division_id"]),
    ("signs", lambda r: r["signs"]),
    ("signed_date", lambda r: r["signed_date"]),
    ("signatory_post_id", lambda r: (r["signatory"] or {}).get("id")),
    ("standing_en", lambda r: _text(r["standing"], "en")),
    ("standing_fr", lambda r: _text(r["standing"], "fr")),
    ("owner_jurisdiction_ids", lambda r: _joined(owner["id"] for owner in r["owners"])),
    (
        "signatures",
        lambda r: _joined(
            f"{(s['signatory'] or {}).get('id', '')}@{s['signed_date']}" for s in r["signatures"]
        ),
    ),
)
# Each signature of each party on the version exported (a party may sign several times).
SIGNATURE_COLUMNS: Columns = (
    ("agreement_reference", lambda r: r["agreement_reference"]),
    ("organization_id", lambda r: r["organization_id"]),
    ("signatory_post_id", lambda r: (r["signatory"] or {}).get("id")),
    ("signatory_label_en", lambda r: _text((r["signatory"] or {}).get("label"), "en")),
    ("signatory_label_fr", lambda r: _text((r["signatory"] or {}).get("label"), "fr")),
    ("holders", lambda r: _joined(h["name"] for h in (r["signatory"] or {}).get("holders", []))),
    ("signed_date", lambda r: r["signed_date"]),
    ("later", lambda r: r["later"]),
)
FINANCIAL_COMMITMENT_COLUMNS: Columns = (
    ("agreement_reference", lambda r: r["agreement_reference"]),
    ("funder_organization_id", lambda r: r["funder"]["organization_id"]),
    ("recipient_organization_id", lambda r: r["recipient"]["organization_id"]),
    ("amount", lambda r: r["amount"]),
    ("currency", lambda r: r["currency"]),
    ("period", lambda r: _code(r["period"])),
    ("start_year", lambda r: r["start_year"]),
    ("end_year", lambda r: r["end_year"]),
    ("description_en", lambda r: _text(r["description"], "en")),
    ("description_fr", lambda r: _text(r["description"], "fr")),
)
RESPONSIBILITY_COLUMNS: Columns = (
    ("agreement_reference", lambda r: r["agreement_reference"]),
    ("clause", lambda r: r["clause"]),
    ("text_en", lambda r: _text(r["text"], "en")),
    ("text_fr", lambda r: _text(r["text"], "fr")),
    ("kind", lambda r: _code(r["kind"])),
    ("status", lambda r: _code(r["status"])),
    ("due_date", lambda r: r["due_date"]),
    ("responsible_organization_id", lambda r: r["responsible_organization_id"]),
    ("accountable_post_id", lambda r: (r["accountable_post"] or {}).get("id")),
    (
        "accountable_post_label_en",
        lambda r: _text((r["accountable_post"] or {}).get("label"), "en"),
    ),
    (
        "accountable_post_label_fr",
        lambda r: _text((r["accountable_post"] or {}).get("label"), "fr"),
    ),
    ("holders_on", lambda r: (r["accountable_post"] or {}).get("holders_on")),
    (
        "holders",
        lambda r: _joined(h["name"] for h in (r["accountable_post"] or {}).get("holders", [])),
    ),
)


def _document(row: Row, language: str, key: str) -> Any:
    for document in row["documents"]:
        if document["language"] == language:
            return document[key]
    return None


VERSION_COLUMNS: Columns = (
    ("agreement_reference", lambda r: r["agreement_reference"]),
    ("number", lambda r: r["number"]),
    ("kind", lambda r: _code(r["kind"])),
    ("effective_date", lambda r: r["effective_date"]),
    ("expiry_date", lambda r: r["expiry_date"]),
    ("snapshot_sha256", lambda r: r["snapshot_sha256"]),
    ("pdf_en_url", lambda r: _document(r, "en", "url")),
    ("pdf_en_sha256", lambda r: _document(r, "en", "sha256")),
    ("pdf_fr_url", lambda r: _document(r, "fr", "url")),
    ("pdf_fr_sha256", lambda r: _document(r, "fr", "sha256")),
    ("url", lambda r: r["url"]),
)


def _cell(value: Any) -> Any:
    """None as an empty cell, booleans as `true` / `false` (as in the JSON files)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class _CsvFile:
    def __init__(self, stack: ExitStack, path: Path, columns: Columns):
        self.columns, self.count = columns, 0
        handle = stack.enter_context(path.open("w", encoding="utf-8", newline=""))
        self.writer = safe_writer(handle)
        self.writer.writerow(header for header, _ in columns)

    def write(self, row: Row) -> None:
        self.writer.writerow(_cell(value(row)) for _, value in self.columns)
        self.count += 1


class _JsonArray:
    """A JSON array written one element at a time."""

    def __init__(self, stack: ExitStack, path: Path):
        self.handle = stack.enter_context(path.open("w", encoding="utf-8"))
        self.count = 0
        self.handle.write("[")
        stack.callback(self.handle.write, "\n]\n")

    def write(self, item: Row) -> None:
        self.handle.write(",\n" if self.count else "\n")
        self.handle.write(json.dumps(item, ensure_ascii=False, sort_keys=True))
        self.count += 1


def _write_resource(directory: Path, name: str, columns: Columns, items: Iterator[Row]) -> int:
    with ExitStack() as stack:
        as_json = _JsonArray(stack, directory / f"{name}.json")
        as_csv = _CsvFile(stack, directory / f"{name}.csv", columns)
        for item in items:
            as_json.write(item)
            as_csv.write(item)
    return as_csv.count


Detail = tuple[Row, list[AgreementVersion], dict[int, list[Signature]]]


def _agreement_details(*, today: datetime.date) -> Iterator[Detail]:
    """`shapes.agreement_detail()` of every current published version, with the agreement's
    published versions (oldest first) and the signatures given on them after they were recorded
    ({version id: rows}), a chunk at a time."""
    current = (
        published.current_versions(on=today)
        .select_related("agreement")
        .order_by("agreement__reference")
    )
    chunk: list[AgreementVersion] = []
    for version in current.iterator(chunk_size=CHUNK_SIZE):
        chunk.append(version)
        if len(chunk) == CHUNK_SIZE:
            yield from _details_of(chunk, today=today)
            chunk = []
    if chunk:
        yield from _details_of(chunk, today=today)


def _details_of(chunk: list[AgreementVersion], *, today: datetime.date) -> Iterator[Detail]:
    """The chunk's details in four queries at most: their published versions, the PDFs, the
    relations the public may read and the posts' organisations (`shapes.detail_prefetch`); two
    more when a version may have signatures given after it was recorded."""
    versions: dict[int, list[AgreementVersion]] = defaultdict(list)
    every = list(
        AgreementVersion.objects.published(on=today)
        .filter(agreement_id__in=[v.agreement_id for v in chunk])
        .select_related("agreement")
        .order_by("agreement_id", "number")
    )
    for version in every:
        versions[version.agreement_id].append(version)
    prefetched = shapes.detail_prefetch(chunk, every, today=today)
    for version in chunk:
        detail = shapes.agreement_detail(
            version,
            versions=versions[version.agreement_id],
            today=today,
            prefetched=prefetched,
        )
        yield detail, versions[version.agreement_id], prefetched.later


def _write_agreements(directory: Path, *, today: datetime.date) -> dict[str, int]:
    with ExitStack() as stack:
        as_json = _JsonArray(stack, directory / "agreements.json")
        signed = _JsonArray(stack, directory / "versions.json")
        files = {
            name: _CsvFile(stack, directory / f"{name}.csv", columns)
            for name, columns in (
                ("agreements", AGREEMENT_COLUMNS),
                ("parties", PARTY_COLUMNS),
                ("responsibilities", RESPONSIBILITY_COLUMNS),
                ("versions", VERSION_COLUMNS),
                ("signatures", SIGNATURE_COLUMNS),
                ("financial_commitments", FINANCIAL_COMMITMENT_COLUMNS),
            )
        }
        for detail, versions, later in _agreement_details(today=today):
            as_json.write(detail)
            for version in versions:
                signed.write(shapes.signed_version(version, later.get(version.pk, [])))
            files["agreements"].write(detail)
            reference = {"agreement_reference": detail["reference"]}
            for name in ("parties", "responsibilities", "versions", "financial_commitments"):
                for child in detail[name]:
                    files[name].write({**child, **reference})
            for party in detail["parties"]:
                organization = {"organization_id": party["organization"]["id"]}
                for signature in party["signatures"]:
                    files["signatures"].write({**signature, **organization, **reference})
    return {name: file.count for name, file in files.items()}


def export_registry(*, directory: Path, today: datetime.date | None = None) -> dict[str, int]:
    """Write the public registry into `directory` (created if missing); return rows per file.

    Files: agreements.json (the API's agreement detail, parties, responsibilities and versions
    inside), versions.json (every published version as signed: its snapshot, change summary,
    fingerprints and the signatures given on it later, what `import_agreements` records again),
    jurisdictions, organizations, posts, people and memberships as .json and .csv,
    agreements, parties, responsibilities, versions, signatures and financial_commitments as
    .csv, and data-dictionary.md.
    Existing files of those names are replaced.
    """
    today = today or timezone.localdate()
    directory.mkdir(parents=True, exist_ok=True)
    counts = _write_agreements(directory, today=today)
    positions = queries.public_positions(today=today)
    resources = (
        (
            "jurisdictions",
            JURISDICTION_COLUMNS,
            Jurisdiction.objects.select_related("parent").order_by("slug"),
            shapes.jurisdiction,
        ),
        (
            "organizations",
            ORGANIZATION_COLUMNS,
            Organization.objects.select_related("jurisdiction", "parent").order_by("slug"),
            shapes.organization,
        ),
        (
            "posts",
            POST_COLUMNS,
            positions.select_related("organization").order_by("pk"),
            shapes.post,
        ),
        (
            "people",
            PERSON_COLUMNS,
            queries.public_people(positions=positions).order_by("pk"),
            shapes.person,
        ),
        (
            "memberships",
            MEMBERSHIP_COLUMNS,
            queries.public_memberships(positions=positions)
            .select_related("position__organization")
            .order_by("pk"),
            shapes.membership,
        ),
    )
    for name, columns, queryset, shape in resources:
        rows = (shape(item) for item in queryset.iterator(chunk_size=CHUNK_SIZE))
        counts[name] = _write_resource(directory, name, columns, rows)
    shutil.copyfile(DATA_DICTIONARY, directory / "data-dictionary.md")
    return counts
