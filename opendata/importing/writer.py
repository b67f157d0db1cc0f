"""Write an import's rows into the database: `import_write(data, run=run)`.

Rows are found by natural keys (slugs, references, an organisation's position title, a person's
name, an agreement's clause numbers), so writing the same file again finds everything already
there and writes nothing: no new rows, no history rows. Every row goes through `full_clean()`
(field checks, the model's clean() rules, constraints) before it is saved, and every save is
attributed in history to the importing user; except new agreements with their parties and
responsibilities, inserted in bulk with their history rows (`_create_agreements`), whose rules
`checks` has checked already. Agreements' states are set as the file says (this
is a record of agreements, some signed long ago); the organisations' staff groups and the
parties' object permissions are kept in step, as the services do. Agreements in a signed state
then get their first signed version, amendments are signed through the amendment services, and
the public search index is brought up to date (`signing`).

With `run.refresh` false (as `loaddemo` runs by default) an existing row is left as it is; with
it true (as `import_agreements` runs) existing rows are brought to what the file says, recording
each change in history (only the fields whose key the file's row gives: an optional key left
out keeps the registry's value), except the content of agreements that have signed versions: those
versions are the legal record and the working copy stays what was last signed, so a signed
agreement changes only through an amendment (the report warns when the file differs). Nothing is
ever deleted.

One function per kind of row, called in dependency order by `import_write`. `checks` has already
made sure every reference resolves and every row is valid; the writer still refuses (and the
caller's transaction rolls back) if a model rule fails.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import connection

from agreements.models import (
    Agreement,
    AgreementGroupObjectPermission,
    AgreementRelation,
    AgreementVersion,
    DeliveryChannel,
    GovernanceBody,
    Party,
    Responsibility,
    ServiceArea,
)
from agreements.services.parties import agreement_grants_sync, agreements_grant_rows
from jurisdictions.models import Appointment, Jurisdiction, Organization, Person, Position
from jurisdictions.roles import (
    organization_groups_ensure,
    organizations_groups_create,
    role_model_permissions,
)
from registry.audit import acting_as
from registry.page_cache import published_data_changed

from . import recording, signing
from .bulk import Creations, appointment_clean, bulk_insert, history_insert, values_insert
from .errors import DUPLICATE, SIGNED_AGREEMENT_KEPT, ImportRefused, Issues
from .rows import (
    CREATED,
    PRESENT,
    ImportReport,
    Numbers,
    Run,
    differs,
    index,
    resolve,
    responsibility_values,
    sync,
    sync_many,
    validation_issues,
)
from .schema import AgreementData, ImportData


def _load_jurisdictions(run: Run, rows: tuple) -> None:
    existing = index(Jurisdiction.objects.filter(slug__in=[data.slug for data in rows]), "slug")
    numbers = Numbers(Jurisdiction, rows)
    creations = Creations(run, Jurisdiction)
    for data in rows:
        jurisdiction, outcome = sync(
            run,
            Jurisdiction,
            lookup={"slug": data.slug},
            existing=existing,
            values={
                "name_en": data.name_en,
                "name_fr": data.name_fr,
                "level": data.level,
                "parent": resolve(run.jurisdictions, data.parent, "jurisdiction", data.path),
                # Stored as NULL when empty (see Jurisdiction.save), so compare the same way.
                "ocd_division_id": data.ocd_division_id or None,
                "iso_code": data.iso_code or None,
            },
            path=data.path,
            given=data.given,
            new_id=numbers.take(data.id),
            creations=creations,
        )
        run.jurisdictions[data.slug] = jurisdiction
        if jurisdiction.ocd_division_id:
            run.jurisdictions[jurisdiction.ocd_division_id] = jurisdiction
        run.report.record(Jurisdiction, outcome)
    creations.flush()


def _load_organizations(run: Run, rows: tuple) -> None:
    permissions = None
    existing = index(Organization.objects.filter(slug__in=[data.slug for data in rows]), "slug")
    numbers = Numbers(Organization, rows)
    creations = Creations(run, Organization)
    created = []
    for data in rows:
        organization, outcome = sync(
            run,
            Organization,
            lookup={"slug": data.slug},
            existing=existing,
            values={
                "jurisdiction": resolve(
                    run.jurisdictions, data.jurisdiction, "jurisdiction", data.path
                ),
                "parent": resolve(run.organizations, data.parent, "organisation", data.path),
                "name_en": data.name_en,
                "name_fr": data.name_fr,
                "acronym_en": data.acronym_en,
                "acronym_fr": data.acronym_fr,
                "kind": data.kind,
                "website": data.website,
            },
            path=data.path,
            given=data.given,
            new_id=numbers.take(data.id),
            creations=creations,
        )
        if outcome == CREATED:
            created.append(organization)
        elif outcome != PRESENT:
            permissions = permissions or role_model_permissions()
            # Staff groups (liaison officers, minister's office) named after the organisation,
            # as the services give every organisation they create or rename.
            organization_groups_ensure(organization=organization, permissions=permissions)
        run.organizations[data.slug] = organization
        run.report.record(Organization, outcome)
    creations.flush()
    # The new organisations' staff groups, a few queries for all of them.
    organizations_groups_create(organizations=created, permissions=permissions)


def _load_people(run: Run, rows: tuple) -> None:
    """People by name; a row that gives its registry number (`id`, an export's) by that number,
    since two people may share a name: the row holding that number and that name, or a new row
    taking the number when it is free."""
    family_names = {data.family_name for data in rows}
    existing = index(
        Person.objects.filter(family_name__in=family_names), "given_name", "family_name"
    )
    numbered = {
        person.pk: person
        for person in Person.objects.filter(pk__in=[d.id for d in rows if d.id is not None])
    }
    by_number = {(pk,): person for pk, person in numbered.items()}
    numbers = Numbers(Person, [d for d in rows if d.id in numbered])
    creations = Creations(run, Person)
    for data in rows:
        names = {"given_name": data.given_name, "family_name": data.family_name}
        held = numbered.get(data.id)
        if data.id is not None and (
            held is None or (held.given_name, held.family_name) == tuple(names.values())
        ):
            person, outcome = sync(
                run,
                Person,
                lookup={"id": data.id},
                values={**names, "honorific": data.honorific},
                existing=by_number,
                path=data.path,
                given=data.given,
                creations=creations,
            )
            if outcome == CREATED:
                run.numbered.add(Person)
        else:
            person, outcome = sync(
                run,
                Person,
                lookup=names,
                values={"honorific": data.honorific},
                existing=existing,
                path=data.path,
                given=data.given,
                new_id=numbers.take(data.id),
                creations=creations,
            )
        run.people[data.handle] = person
        run.report.record(Person, outcome)
    creations.flush()


def _load_positions(run: Run, rows: tuple) -> None:
    existing = index(
        Position.objects.filter(organization__in=list(run.organizations.values())),
        "organization",
        "title_en",
    )
    numbers = Numbers(Position, rows)
    creations = Creations(run, Position)
    for data in rows:
        organization = resolve(run.organizations, data.organization, "organisation", data.path)
        position, outcome = sync(
            run,
            Position,
            lookup={"organization": organization, "title_en": data.title_en},
            values={"title_fr": data.title_fr, "single_holder": data.single_holder},
            existing=existing,
            path=data.path,
            given=data.given,
            new_id=numbers.take(data.id),
            creations=creations,
        )
        if outcome == CREATED:
            run.created_positions.add(data.handle)
        run.positions[data.handle] = position
        run.report.record(Position, outcome)
    creations.flush()


# The appointment fields whose file key (a position's holder) has another name.
HOLDER_KEYS = {"end_date": "end"}


def _load_appointments(run: Run, rows: tuple) -> None:
    # Holders are listed oldest first, so a single-holder position's overlap check sees each
    # predecessor's end date before its successor is appointed.
    existing = index(
        Appointment.objects.filter(position__in=list(run.positions.values())),
        "person",
        "position",
        "start_date",
    )
    numbers = Numbers(Appointment, [holder for data in rows for holder in data.holders])
    # The holders of positions this import created are checked against each other only (the
    # registry holds none of theirs) and inserted together.
    creations = Creations(run, Appointment, clean=appointment_clean)
    for data in rows:
        position = run.positions[data.handle]
        new = creations if data.handle in run.created_positions else None
        for holder in data.holders:
            _appointment, outcome = sync(
                run,
                Appointment,
                lookup={
                    "person": resolve(run.people, holder.person, "person", holder.path),
                    "position": position,
                    "start_date": holder.start,
                },
                values={"end_date": holder.end, "acting": holder.acting},
                existing=existing,
                path=holder.path,
                given=holder.given,
                keys=HOLDER_KEYS,
                new_id=numbers.take(holder.id),
                creations=new,
            )
            run.report.record(Appointment, outcome)
    creations.flush()


def _load_service_areas(run: Run, rows: tuple) -> None:
    existing = index(ServiceArea.objects.filter(slug__in=[d.slug for d in rows]), "slug")
    for data in rows:
        area, outcome = sync(
            run,
            ServiceArea,
            lookup={"slug": data.slug},
            existing=existing,
            values={"name_en": data.name_en, "name_fr": data.name_fr},
            path=data.path,
        )
        run.service_areas[data.slug] = area
        run.report.record(ServiceArea, outcome)


def _load_delivery_channels(run: Run, rows: tuple) -> None:
    slugs = [data.slug for data in rows]
    existing = index(DeliveryChannel.objects.filter(slug__in=slugs), "slug")
    for data in rows:
        channel, outcome = sync(
            run,
            DeliveryChannel,
            lookup={"slug": data.slug},
            existing=existing,
            values={"name_en": data.name_en, "name_fr": data.name_fr},
            path=data.path,
        )
        run.channels[data.slug] = channel
        run.report.record(DeliveryChannel, outcome)


def _load_governance_bodies(run: Run, rows: tuple) -> None:
    names = [data.name_en for data in rows]
    existing = index(GovernanceBody.objects.filter(name_en__in=names), "name_en")
    for data in rows:
        body, outcome = sync(
            run,
            GovernanceBody,
            lookup={"name_en": data.name_en},
            existing=existing,
            values={
                "name_fr": data.name_fr,
                "mandate_en": data.mandate_en,
                "mandate_fr": data.mandate_fr,
                "chair": resolve(run.positions, data.chair, "position", data.path),
                "meeting_frequency": data.meeting_frequency,
            },
            path=data.path,
            given=data.given,
        )
        if outcome == CREATED or data.given is None or "members" in data.given:
            members = [resolve(run.positions, h, "position", data.path) for h in data.members]
            outcome = sync_many(run, body, "members", members, outcome)
        run.governance_bodies[data.handle] = body
        run.report.record(GovernanceBody, outcome)


def _agreement_values(run: Run, data: AgreementData) -> dict:
    return {
        "title_en": data.title_en,
        "title_fr": data.title_fr,
        "summary_en": data.summary_en,
        "summary_fr": data.summary_fr,
        "agreement_type": data.agreement_type,
        # Set directly for now; the lifecycle services will take over moving states.
        "state": data.state,
        "visibility": data.visibility,
        "signed_date": data.signed,
        "effective_date": data.effective,
        "expiry_date": data.expiry,
        "next_review_date": data.next_review,
        "ended_on": data.ended_on,
        "end_reason": data.end_reason,
        "notice_period_days": data.notice_period_days,
        "renewal_terms_en": data.renewal_terms_en,
        "renewal_terms_fr": data.renewal_terms_fr,
        "governing_body": resolve(
            run.governance_bodies, data.governing_body, "governance body", data.path
        ),
    }


# The agreement fields whose file key has another name (docs/import-formats.md).
AGREEMENT_KEYS = {
    "signed_date": "signed",
    "effective_date": "effective",
    "expiry_date": "expiry",
    "next_review_date": "next_review",
}


def _given_values(values: dict, data: AgreementData, *, is_new: bool) -> dict:
    """The values to write: all of them for a new agreement; for an existing one, only those
    whose key the file's row gave (a key left out keeps the registry's value)."""
    if is_new or data.given is None:
        return values
    return {
        name: value
        for name, value in values.items()
        if AGREEMENT_KEYS.get(name, name) in data.given
    }


def _load_agreement(run: Run, data: AgreementData, existing: dict) -> tuple[Agreement, str]:
    is_new = (data.reference,) not in existing
    agreement, outcome = sync(
        run,
        Agreement,
        lookup={"reference": data.reference},
        existing=existing,
        values=_given_values(_agreement_values(run, data), data, is_new=is_new),
        path=data.path,
    )
    where = data.path
    areas = [resolve(run.service_areas, s, "service area", where) for s in data.service_areas]
    channels = [resolve(run.channels, s, "delivery channel", where) for s in data.channels]
    if is_new or data.given is None or "service_areas" in data.given:
        outcome = sync_many(run, agreement, "service_areas", areas, outcome)
    if is_new or data.given is None or "channels" in data.given:
        outcome = sync_many(run, agreement, "delivery_channels", channels, outcome)
    run.report.record(Agreement, outcome)
    return agreement, outcome


def _load_parties(
    run: Run, agreement: Agreement, data: AgreementData, agreement_outcome: str
) -> dict[str, Party]:
    parties, outcomes = {}, {agreement_outcome}
    existing = index(Party.objects.filter(agreement=agreement), "agreement", "organization")
    for order, party_data in enumerate(data.parties):
        where = party_data.path
        organization = resolve(run.organizations, party_data.organization, "organisation", where)
        party, outcome = sync(
            run,
            Party,
            lookup={"agreement": agreement, "organization": organization},
            existing=existing,
            values={
                "role": party_data.role,
                "signatory_position": resolve(
                    run.positions, party_data.signatory, "position", where
                ),
                "signed_date": party_data.signed,
                "sort_order": order,
            },
            path=where,
        )
        parties[party_data.organization] = party
        outcomes.add(outcome)
        run.report.record(Party, outcome)
    if outcomes != {PRESENT}:
        # Grants follow the parties, in the same transaction (see agreements.services.parties).
        agreement_grants_sync(agreement=agreement)
    return parties


def _load_responsibilities(
    run: Run, agreement: Agreement, data: AgreementData, parties: dict[str, Party]
) -> None:
    existing = index(Responsibility.objects.filter(agreement=agreement), "agreement", "clause")
    for order, item in enumerate(data.responsibilities):
        _responsibility, outcome = sync(
            run,
            Responsibility,
            lookup={"agreement": agreement, "clause": item.clause},
            existing=existing,
            values={**responsibility_values(run, item, parties), "sort_order": order},
            path=item.path,
        )
        run.report.record(Responsibility, outcome)


def _load_agreements(run: Run, rows: tuple) -> set[int]:
    """Create or bring up to date each agreement with its parties and responsibilities. An
    agreement the registry holds signed versions of is left as it is (its content changes only
    through an amendment), with a warning when the file says otherwise. Returns the ids of
    those agreements."""
    references = [data.reference for data in rows]
    existing = index(Agreement.objects.filter(reference__in=references), "reference")
    signed = set(
        AgreementVersion.objects.filter(agreement__in=list(existing.values()))
        .values_list("agreement_id", flat=True)
        .distinct()
    )
    kept = set()
    fresh = [data for data in rows if (data.reference,) not in existing]
    created = {data.reference for data in fresh}
    _create_agreements(run, fresh, existing)
    for done, data in enumerate(rows, start=1):
        found = existing.get((data.reference,))
        if data.reference in created:
            agreement = found
        elif found is not None and found.pk in signed:
            kept.add(found.pk)
            agreement = found
            _keep_signed(run, found, data)
        else:
            agreement, outcome = _load_agreement(run, data, existing)
            parties = _load_parties(run, agreement, data, outcome)
            _load_responsibilities(run, agreement, data, parties)
        run.agreements[data.reference] = agreement
        if run.progress is not None:
            run.progress(done, len(rows))
    return kept


def _create_agreements(run: Run, rows: list[AgreementData], existing: dict) -> None:
    """Create the agreements the registry does not hold yet, with their parties and
    responsibilities, a few queries per model whatever their number: the same rows, history
    rows (one per row, as `run.by` with the run's reason, holding the service areas and
    channels) and permission grants as `_load_agreement`, `_load_parties` and
    `_load_responsibilities` write one at a time. Validation: `checks` has checked every rule
    `full_clean` would (the agreements' and responsibilities' field rules, dates in order,
    signatories and owners inside the party's organisation, recurrence anchors, keys unique
    in the file and not in the registry); the parties' field rules are checked here."""
    if not rows:
        return
    references = [data.reference.strip().upper() for data in rows]
    _references_free(rows, references)
    agreements = [
        Agreement(reference=reference, **_agreement_values(run, data))
        for reference, data in zip(references, rows, strict=True)
    ]
    bulk_insert(Agreement, agreements)
    links = _agreement_links_create(run, rows, agreements)
    history = history_insert(Agreement, agreements, by=run.by, reason=run.reason, returning=True)
    if history:  # none while history is off (SIMPLE_HISTORY_ENABLED)
        keys = dict(zip((agreement.pk for agreement in agreements), history, strict=True))
        _agreement_links_history(keys, links)
    parties: list[Party] = []
    for agreement, data in zip(agreements, rows, strict=True):
        existing[(data.reference,)] = agreement
        run.report.record(Agreement, CREATED)
        for order, party_data in enumerate(data.parties):
            where = party_data.path
            party = Party(
                agreement=agreement,
                organization=resolve(
                    run.organizations, party_data.organization, "organisation", where
                ),
                role=party_data.role,
                signatory_position=resolve(run.positions, party_data.signatory, "position", where),
                signed_date=party_data.signed,
                sort_order=order,
            )
            _fields_check(party, where)
            parties.append(party)
    _bulk_create_with_history(run, Party, parties)
    by_agreement: dict[int, dict[str, Party]] = {}
    for party in parties:
        by_agreement.setdefault(party.agreement_id, {})[party.organization.slug] = party
        run.report.record(Party, CREATED)
    items = [
        Responsibility(
            agreement=agreement,
            clause=item.clause,
            sort_order=order,
            **responsibility_values(run, item, by_agreement.get(agreement.pk, {})),
        )
        for agreement, data in zip(agreements, rows, strict=True)
        for order, item in enumerate(data.responsibilities)
    ]
    _bulk_create_with_history(run, Responsibility, items)
    for _item in items:
        run.report.record(Responsibility, CREATED)
    # Grants follow the parties, in the same transaction (see agreements.services.parties), as
    # plain rows (COPY on PostgreSQL from COPY_FROM rows: 145,768 at 10,000 agreements): the
    # agreements were created just now, so none has a grant to conflict with.
    grant = AgreementGroupObjectPermission
    values_insert(
        grant,
        [grant._meta.get_field(name) for name in ("content_object", "group", "permission")],
        agreements_grant_rows(agreement_ids=[agreement.pk for agreement in agreements]),
    )
    # Bulk writes send no signal: the public pages' cache must forget (registry.page_cache).
    published_data_changed()


def _references_free(rows: list[AgreementData], references: list[str]) -> None:
    """The reference numbers as stored (Agreement.clean_fields writes them in capitals) are
    neither the registry's nor listed twice: refused as `full_clean` refuses them."""
    taken = set(
        Agreement.objects.filter(reference__in=references).values_list("reference", flat=True)
    )
    issues, first = Issues(), {}
    for data, reference in zip(rows, references, strict=True):
        if reference in taken:
            try:
                Agreement(reference=reference).validate_unique()
            except ValidationError as error:
                issues.items += validation_issues(error, data.path)
        elif reference in first:
            issues.add(data.path, DUPLICATE, key=reference, first=first[reference])
        first.setdefault(reference, data.path)
    issues.raise_if_any()


def _fields_check(instance, path: str) -> None:
    """The row's field rules (its foreign keys hold rows this import found or wrote)."""
    related = [f.name for f in instance._meta.concrete_fields if f.is_relation]
    try:
        instance.clean_fields(exclude=related)
    except ValidationError as error:
        raise ImportRefused(validation_issues(error, path)) from None


def _bulk_create_with_history(run: Run, model, instances: list) -> None:
    bulk_insert(model, instances)
    history_insert(model, instances, by=run.by, reason=run.reason)


# The agreements' many-to-many fields, and the key of their rows in the import's maps.
LINKS = (("service_areas", "service_areas"), ("delivery_channels", "channels"))


def _agreement_links_create(run: Run, rows: list[AgreementData], agreements: list) -> dict:
    """The service areas and delivery channels of new agreements, in one query each. Returns
    {field name: the through rows created}."""
    created = {}
    for name, key in LINKS:
        field = Agreement._meta.get_field(name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        kind = "service area" if key == "service_areas" else "delivery channel"
        maps = run.service_areas if key == "service_areas" else run.channels
        links = [
            through(
                **{
                    f"{source}_id": agreement.pk,
                    f"{target}_id": resolve(maps, slug, kind, data.path).pk,
                }
            )
            for agreement, data in zip(agreements, rows, strict=True)
            for slug in dict.fromkeys(getattr(data, key))
        ]
        created[name] = bulk_insert(through, links)
    return created


def _agreement_links_history(history: dict[int, int], links: dict) -> None:
    """The many-to-many rows of the agreements' first history rows ({agreement id: its history
    row's key}), as simple-history records them when a relation is set (a copy of each through
    row, tied to the history row)."""
    for name, rows in links.items():
        field = Agreement._meta.get_field(name)
        model = apps.get_model("agreements", f"HistoricalAgreement_{name}")
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        bulk_insert(
            model,
            [
                model(
                    id=row.pk,
                    history_id=history[getattr(row, f"{source}_id")],
                    **{
                        f"{source}_id": getattr(row, f"{source}_id"),
                        f"{target}_id": getattr(row, f"{target}_id"),
                    },
                )
                for row in rows
            ],
        )


def _keep_signed(run: Run, agreement: Agreement, data: AgreementData) -> None:
    """Write nothing for a signed agreement; warn when the file differs from it (its fields, or
    parties and responsibilities it does not have)."""
    values = _given_values(_agreement_values(run, data), data, is_new=False)
    parties = set(
        Party.objects.filter(agreement=agreement).values_list("organization__slug", flat=True)
    )
    clauses = set(
        Responsibility.objects.filter(agreement=agreement).values_list("clause", flat=True)
    )
    new_parties = [p for p in data.parties if p.organization not in parties]
    new_items = [r for r in data.responsibilities if r.clause not in clauses]
    run.report.record(Agreement, PRESENT)
    for _party in range(len(data.parties) - len(new_parties)):
        run.report.record(Party, PRESENT)
    for _item in range(len(data.responsibilities) - len(new_items)):
        run.report.record(Responsibility, PRESENT)
    changed = any(differs(agreement, name, value) for name, value in values.items())
    if (run.refresh and changed) or new_parties or new_items:
        _warn_kept(run, data.reference)


def _warn_kept(run: Run, reference: str) -> None:
    warning = str(SIGNED_AGREEMENT_KEPT).format(reference=reference)
    if warning not in run.report.warnings:
        run.report.warnings.append(warning)


def _load_relations(run: Run, rows: tuple, kept: set[int]) -> None:
    # After every agreement exists: a relation may point at an agreement listed later.
    sources = [run.agreements[data.reference] for data in rows]
    existing = index(
        AgreementRelation.objects.filter(source__in=sources), "source", "kind", "target"
    )
    for data in rows:
        source = run.agreements[data.reference]
        for relation in data.relations:
            if relation.target not in run.agreements and relation.target in run.pending:
                run.deferred.append((data.reference, relation))  # written by a later batch
                continue
            target = resolve(run.agreements, relation.target, "agreement", relation.path)
            if source.pk in kept and (source.pk, relation.kind, target.pk) not in existing:
                # A signed agreement gains relations through an amendment only.
                _warn_kept(run, data.reference)
                continue
            _relation, outcome = sync(
                run,
                AgreementRelation,
                lookup={"source": source, "kind": relation.kind, "target": target},
                values={},
                existing=existing,
                path=relation.path,
            )
            run.report.record(AgreementRelation, outcome)


def relations_write_deferred(run: Run, deferred: list) -> None:
    """The relations a batch left for later (`Run.pending`): every agreement exists now."""
    references = {source for source, _ in deferred} | {r.target for _, r in deferred}
    run.agreements.update(
        {a.reference: a for a in Agreement.objects.filter(reference__in=references)}
    )
    existing = index(
        AgreementRelation.objects.filter(
            source__in=[run.agreements[source] for source, _ in deferred]
        ),
        "source",
        "kind",
        "target",
    )
    with acting_as(run.by):
        for source, relation in deferred:
            _relation, outcome = sync(
                run,
                AgreementRelation,
                lookup={
                    "source": run.agreements[source],
                    "kind": relation.kind,
                    "target": resolve(run.agreements, relation.target, "agreement", relation.path),
                },
                values={},
                existing=existing,
                path=relation.path,
            )
            run.report.record(AgreementRelation, outcome)


def import_write(data: ImportData, *, run: Run) -> ImportReport:
    """Write every row of `data` as `run.by`, in dependency order, then the signed versions of
    the agreements signed, the amendments and the search entries. The caller holds the
    transaction (see `importing.import_data`). Raises ImportRefused when a row breaks a model
    rule, and TransitionError or PermissionDenied when an amendment cannot be signed (`run.by`
    must be a registrar)."""
    with acting_as(run.by):
        _load_jurisdictions(run, data.jurisdictions)
        _load_organizations(run, data.organizations)
        _load_people(run, data.people)
        _load_positions(run, data.positions)
        _load_appointments(run, data.positions)
        _load_service_areas(run, data.service_areas)
        _load_delivery_channels(run, data.delivery_channels)
        _load_governance_bodies(run, data.governance_bodies)
        kept = _load_agreements(run, data.agreements)
        _load_relations(run, data.agreements, kept)
        recorded = {row.agreement for row in data.versions}
        signing.load_original_versions(
            run, tuple(row for row in data.agreements if row.reference not in recorded)
        )
        signing.load_amendments(run, data.amendments)
        recording.load_versions(run, data.versions)
        signing.load_later_signatures(run, data.versions)
        signing.load_search_entries(run)
        _reset_sequences(run)
    return run.report


def _reset_sequences(run: Run) -> None:
    """After rows were created with the numbers the file gave, the next row created otherwise
    must not collide with them (PostgreSQL's sequences do not follow explicit ids)."""
    if not run.numbered:
        return
    statements = connection.ops.sequence_reset_sql(no_style(), sorted(run.numbered, key=str))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
