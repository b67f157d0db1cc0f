"""Check a whole file against itself and the registry before anything is written, collecting every
problem with its path: keys listed twice, references to rows that neither the file nor the
registry holds, dates in the wrong order, obligations owned or signed by a position outside the
party's organisation, and every field rule of the models (lengths, formats, identifiers).

Rows of the registry that the file refers to without listing them (an organisation by slug, a
jurisdiction by slug or Open Civic Data id, an agreement by reference, a service area by slug)
are read here, a few queries in all, and handed to the writer through the run's maps.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from agreements.models import Agreement, DeliveryChannel, Party, ServiceArea
from agreements.models import Responsibility as ResponsibilityModel
from agreements.models.agreement import RELATION_TO_ITSELF
from agreements.models.versions import snapshot_digest
from agreements.recurrence import Recurrence
from jurisdictions.models import Jurisdiction, Organization, Person, Position

from . import schema
from .errors import (
    DUPLICATE,
    ENDS_BEFORE_START,
    EXPIRY_NOT_AFTER_EFFECTIVE,
    NOT_A_PARTY,
    OWNER_OUTSIDE_PARTY,
    SIGNATORY_OUTSIDE_PARTY,
    SIGNED_WITHOUT_EFFECTIVE,
    SNAPSHOT_DIGEST_DIFFERS,
    SNAPSHOT_OF_ANOTHER,
    UNKNOWN_REFERENCE,
    Issues,
    field_path,
)
from .rows import Run
from .signing import SIGNED_STATES

RECURRENCE_NEEDS_ANCHOR = ResponsibilityModel._meta.constraints[0].violation_error_message


def check(data: schema.ImportData, run: Run) -> None:
    """Raise ImportRefused listing every problem in `data`; otherwise fill `run`'s maps with the
    registry's rows the file refers to."""
    issues = Issues()
    _check_duplicates(data, issues)
    load_known(data, run)
    parents = _organization_parents(data, run)
    positions = {**run.known_positions, **{p.handle: p for p in data.positions}}
    _check_reference_data(data, run, issues, positions)
    known = Known(
        organizations=set(run.organizations) | {r.slug for r in data.organizations},
        service_areas=set(run.service_areas) | {r.slug for r in data.service_areas},
        channels=set(run.channels) | {r.slug for r in data.delivery_channels},
        agreements=set(run.agreements) | {r.reference for r in data.agreements} | run.pending,
        governance_bodies={r.handle for r in data.governance_bodies},
        positions=positions,
        parents=parents,
    )
    for agreement in data.agreements:
        _check_agreement(agreement, known, issues)
    _check_amendments(data, known, issues)
    _check_versions(data, known, issues)
    _check_fields(data, issues)
    issues.raise_if_any()


@dataclass(frozen=True)
class Known:
    """What the file may refer to: keys of the file's rows and of the registry's rows it names."""

    organizations: set[str]
    service_areas: set[str]
    channels: set[str]
    agreements: set[str]
    governance_bodies: set[str]
    positions: dict[str, schema.PositionData]
    parents: dict[str, str | None]


def _duplicates(rows, key, label, issues: Issues) -> None:
    first: dict = {}
    for row in rows:
        value = key(row)
        if value in first:
            issues.add(row.path, DUPLICATE, key=label(value), first=first[value])
        else:
            first[value] = row.path


def _check_duplicates(data: schema.ImportData, issues: Issues) -> None:
    same = str
    _duplicates(data.jurisdictions, lambda r: r.slug, same, issues)
    _duplicates(
        [r for r in data.jurisdictions if r.ocd_division_id],
        lambda r: r.ocd_division_id,
        same,
        issues,
    )
    _duplicates(data.organizations, lambda r: r.slug, same, issues)
    _duplicates(data.people, lambda r: r.handle, same, issues)
    # Rows numbered by the registry that exported them may share a name (two people).
    unnumbered = [r for r in data.people if r.id is None]
    _duplicates(unnumbered, lambda r: (r.given_name, r.family_name), " ".join, issues)
    _duplicates([r for r in data.people if r.id is not None], lambda r: r.id, str, issues)
    _duplicates(data.positions, lambda r: r.handle, same, issues)
    _duplicates(data.positions, lambda r: (r.organization, r.title_en), " / ".join, issues)
    _duplicates(data.service_areas, lambda r: r.slug, same, issues)
    _duplicates(data.delivery_channels, lambda r: r.slug, same, issues)
    _duplicates(data.governance_bodies, lambda r: r.handle, same, issues)
    _duplicates(data.agreements, lambda r: r.reference, same, issues)
    _duplicates(data.amendments, lambda r: (r.agreement, str(r.number)), " #".join, issues)
    _duplicates(data.versions, lambda r: (r.agreement, str(r.number)), " v".join, issues)
    for agreement in data.agreements:
        _duplicates(agreement.parties, lambda r: r.organization, same, issues)
        _duplicates(agreement.responsibilities, lambda r: r.clause, same, issues)


def load_known(data: schema.ImportData, run: Run) -> None:
    """The registry's rows that the file names without listing them (for rows checked
    already, e.g. by the first pass of `import_folder`)."""
    in_file = {r.slug for r in data.jurisdictions} | {
        r.ocd_division_id for r in data.jurisdictions if r.ocd_division_id
    }
    wanted = {r.parent for r in data.jurisdictions if r.parent} | {
        r.jurisdiction for r in data.organizations
    }
    wanted -= in_file
    for row in Jurisdiction.objects.filter(slug__in=wanted) | Jurisdiction.objects.filter(
        ocd_division_id__in=wanted
    ):
        run.jurisdictions[row.slug] = row
        if row.ocd_division_id:
            run.jurisdictions[row.ocd_division_id] = row
    organizations = {r.organization for r in data.positions} | {
        r.parent for r in data.organizations if r.parent
    }
    for agreement in (*data.agreements, *data.amendments):
        organizations |= {party.organization for party in agreement.parties}
    organizations -= {r.slug for r in data.organizations}
    for row in Organization.objects.filter(slug__in=organizations):
        run.organizations[row.slug] = row
    areas = {s for a in data.agreements for s in a.service_areas}
    areas -= {r.slug for r in data.service_areas}
    run.service_areas.update({r.slug: r for r in ServiceArea.objects.filter(slug__in=areas)})
    channels = {s for a in data.agreements for s in a.channels}
    channels -= {r.slug for r in data.delivery_channels}
    run.channels.update({r.slug: r for r in DeliveryChannel.objects.filter(slug__in=channels)})
    references = (
        {r.target for a in data.agreements for r in a.relations}
        | {r.agreement for r in data.amendments}
        | {r.agreement for r in data.versions}
    )
    references -= {r.reference for r in data.agreements}
    run.agreements.update(
        {a.reference: a for a in Agreement.objects.filter(reference__in=references)}
    )


def _organization_parents(data: schema.ImportData, run: Run) -> dict[str, str | None]:
    """Organisation slug → its parent's slug, for the file's and the registry's organisations
    (with every registry organisation above them)."""
    parents = {row.slug: row.parent for row in data.organizations}
    ids = {row.pk for row in run.organizations.values()}
    ancestors = Organization.objects.with_ancestor_ids(ids) if ids else set()
    for slug, parent_slug in Organization.objects.filter(pk__in=ancestors).values_list(
        "slug", "parent__slug"
    ):
        parents.setdefault(slug, parent_slug)
    return parents


def _lineage(slug: str, parents: dict[str, str | None]) -> list[str]:
    chain = []
    while slug is not None and slug not in chain:
        chain.append(slug)
        slug = parents.get(slug)
    return chain


def _known(issues, path, value, known, kind) -> bool:
    if value is None or value in known:
        return True
    issues.add(path, UNKNOWN_REFERENCE[kind], key=value)
    return False


def _check_reference_data(data, run: Run, issues: Issues, positions: dict) -> None:
    jurisdictions = set(run.jurisdictions)
    for row in data.jurisdictions:
        _known(issues, row.path, row.parent, jurisdictions, "jurisdiction")
        jurisdictions.add(row.slug)
        if row.ocd_division_id:
            jurisdictions.add(row.ocd_division_id)
    organizations = set(run.organizations)
    for row in data.organizations:
        _known(issues, row.path, row.jurisdiction, jurisdictions, "jurisdiction")
        _known(issues, row.path, row.parent, organizations, "organisation")
        organizations.add(row.slug)
    people = {row.handle for row in data.people}
    for row in data.positions:
        _known(issues, row.path, row.organization, organizations, "organisation")
        for holder in row.holders:
            _known(issues, holder.path, holder.person, people, "person")
            if holder.end is not None and holder.end < holder.start:
                issues.add(holder.path, ENDS_BEFORE_START, end=holder.end, start=holder.start)
    for row in data.governance_bodies:
        for handle in (row.chair, *row.members):
            _known(issues, row.path, handle, positions, "position")


def _check_parties(parties, known: Known, issues: Issues) -> None:
    positions = known.positions
    for party in parties:
        if not _known(issues, party.path, party.organization, known.organizations, "organisation"):
            continue
        if not _known(issues, party.path, party.signatory, positions, "position"):
            continue
        if party.signatory and positions[party.signatory].organization not in _lineage(
            party.organization, known.parents
        ):
            issues.add(
                party.path,
                SIGNATORY_OUTSIDE_PARTY,
                position=party.signatory,
                organization=party.organization,
            )


def _check_responsibilities(items, party_slugs, known: Known, issues: Issues) -> None:
    positions = known.positions
    for item in items:
        if item.party not in party_slugs:
            issues.add(item.path, NOT_A_PARTY, key=item.party)
            continue
        if not _known(issues, item.path, item.owner, positions, "position"):
            continue
        if item.owner is not None and positions[item.owner].organization not in _lineage(
            item.party, known.parents
        ):
            issues.add(item.path, OWNER_OUTSIDE_PARTY, position=item.owner, organization=item.party)
        if (item.recurrence == Recurrence.NONE) != (item.anchor is None):
            issues.add(item.path, RECURRENCE_NEEDS_ANCHOR)


def _check_agreement(agreement, known: Known, issues: Issues) -> None:
    path = agreement.path
    _check_parties(agreement.parties, known, issues)
    party_slugs = {party.organization for party in agreement.parties}
    _check_responsibilities(agreement.responsibilities, party_slugs, known, issues)
    if agreement.expiry and agreement.effective and agreement.expiry <= agreement.effective:
        issues.add(
            path,
            EXPIRY_NOT_AFTER_EFFECTIVE,
            expiry=agreement.expiry,
            effective=agreement.effective,
        )
    if agreement.state in SIGNED_STATES and agreement.effective is None:
        issues.add(path, SIGNED_WITHOUT_EFFECTIVE, state=agreement.state)
    for slug in agreement.service_areas:
        _known(issues, path, slug, known.service_areas, "service area")
    for slug in agreement.channels:
        _known(issues, path, slug, known.channels, "delivery channel")
    _known(issues, path, agreement.governing_body, known.governance_bodies, "governance body")
    for relation in agreement.relations:
        _known(issues, relation.path, relation.target, known.agreements, "agreement")


def _check_amendments(data, known: Known, issues: Issues) -> None:
    in_file = {a.reference: {p.organization for p in a.parties} for a in data.agreements}
    stored = Party.objects.filter(
        agreement__reference__in=[
            a.agreement for a in data.amendments if a.agreement not in in_file
        ]
    ).values_list("agreement__reference", "organization__slug")
    for reference, slug in stored:
        in_file.setdefault(reference, set()).add(slug)
    for amendment in data.amendments:
        if not _known(issues, amendment.path, amendment.agreement, known.agreements, "agreement"):
            continue
        _check_parties(amendment.parties, known, issues)
        party_slugs = in_file.get(amendment.agreement, set())
        in_file[amendment.agreement] = party_slugs | {p.organization for p in amendment.parties}
        _check_responsibilities(
            amendment.responsibilities, in_file[amendment.agreement], known, issues
        )


def _check_versions(data, known: Known, issues: Issues) -> None:
    """Each version belongs to a known agreement, its snapshot says so, and the snapshot is the
    one its SHA-256 was computed over (unchanged since it was signed)."""
    for version in data.versions:
        if not _known(issues, version.path, version.agreement, known.agreements, "agreement"):
            continue
        snapshot = version.snapshot
        reference = (snapshot.get("agreement") or {}).get("reference")
        number = (snapshot.get("version") or {}).get("number")
        if (reference, number) != (version.agreement, version.number):
            issues.add(version.path, SNAPSHOT_OF_ANOTHER, number=number, reference=reference)
            continue
        digest = snapshot_digest(snapshot)
        if digest != version.snapshot_sha256:
            issues.add(
                version.path, SNAPSHOT_DIGEST_DIFFERS, digest=digest, given=version.snapshot_sha256
            )


def _clean_fields(instance, path: str, issues: Issues, *, clean: bool = False) -> None:
    """The row's field rules; with `clean`, also the model's clean() (for models whose clean()
    needs no related rows, e.g. a jurisdiction's identifiers checked against official lists)."""
    related = [f.name for f in instance._meta.concrete_fields if f.is_relation]
    try:
        instance.clean_fields(exclude=related)
        if clean:
            instance.clean()
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                issues.add(field_path(path, name), message)


def _check_fields(data: schema.ImportData, issues: Issues) -> None:
    """The models' own field rules (lengths, formats, identifier validators), row by row."""
    for row in data.jurisdictions:
        instance = Jurisdiction(
            slug=row.slug,
            name_en=row.name_en,
            name_fr=row.name_fr,
            level=row.level,
            ocd_division_id=row.ocd_division_id or None,
            iso_code=row.iso_code or None,
        )
        _clean_fields(instance, row.path, issues, clean=True)
    for row in data.organizations:
        instance = Organization(
            slug=row.slug,
            name_en=row.name_en,
            name_fr=row.name_fr,
            acronym_en=row.acronym_en,
            acronym_fr=row.acronym_fr,
            kind=row.kind,
            website=row.website,
        )
        _clean_fields(instance, row.path, issues)
    for row in data.people:
        instance = Person(
            given_name=row.given_name, family_name=row.family_name, honorific=row.honorific
        )
        _clean_fields(instance, row.path, issues)
    for row in data.positions:
        instance = Position(title_en=row.title_en, title_fr=row.title_fr)
        _clean_fields(instance, row.path, issues)
    for row in data.agreements:
        _check_agreement_fields(row, issues)


def _check_agreement_fields(row: schema.AgreementData, issues: Issues) -> None:
    instance = Agreement(
        reference=row.reference,
        title_en=row.title_en,
        title_fr=row.title_fr,
        summary_en=row.summary_en,
        summary_fr=row.summary_fr,
        agreement_type=row.agreement_type,
        state=row.state,
        visibility=row.visibility,
        notice_period_days=row.notice_period_days,
        renewal_terms_en=row.renewal_terms_en,
        renewal_terms_fr=row.renewal_terms_fr,
    )
    _clean_fields(instance, row.path, issues)
    for relation in row.relations:
        if relation.target == row.reference:
            issues.add(relation.path, RELATION_TO_ITSELF)
    for item in row.responsibilities:
        responsibility = ResponsibilityModel(
            clause=item.clause,
            text_en=item.text_en,
            text_fr=item.text_fr,
            kind=item.kind,
            recurrence=item.recurrence,
            service_standard_en=item.standard_en,
            service_standard_fr=item.standard_fr,
            status=item.status,
        )
        _clean_fields(responsibility, item.path, issues)
