"""Write the demo data into the database: `demo_load(by=user)`.

Rows are found by natural keys (slugs, references, an organisation's position title, a person's
name, an agreement's clause numbers), so running the loader again finds everything already
there and writes nothing: no new rows, no history rows. Every row goes through `full_clean()`
(field checks, the model's clean() rules, constraints) before it is saved, so demo data that
breaks a rule fails loudly, and every save is attributed in history to the user the load runs as.
Agreements' states are set directly; the organisations' staff groups and the parties' object
permissions are kept in step, as the services do. Agreements that were signed then get their
signed versions, amendments and search entries (agreements.demo.signing).

By default an existing row is left as it is, so loading the demo again (as `make run` does)
never undoes what someone changed in the admin. `refresh=True` also brings existing demo rows
back to the demo data, recording each change in history, except the content of agreements that
have signed versions: those versions are the legal record and never change, and the working
copy must stay what was last signed, so a signed agreement changes only through an amendment.
Nothing is ever deleted.

One function per kind of row, called in dependency order by `demo_load`; extend it by adding a
step after the step it depends on. How rows are found and written: agreements.demo.rows.
"""

from dataclasses import replace

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from agreements.models import (
    Agreement,
    AgreementRelation,
    AgreementVersion,
    DeliveryChannel,
    GovernanceBody,
    Party,
    Responsibility,
    ServiceArea,
)
from agreements.services.parties import agreement_grants_sync
from jurisdictions.models import Appointment, Jurisdiction, Organization, Person, Position
from jurisdictions.roles import organization_groups_ensure, role_model_permissions
from registry.audit import acting_as

from . import signing
from .agreements_data import AGREEMENTS
from .jurisdictions_data import JURISDICTIONS
from .organizations_data import ORGANIZATIONS
from .people_data import PEOPLE
from .positions_data import POSITIONS
from .reference_data import DELIVERY_CHANNELS, GOVERNANCE_BODIES, SERVICE_AREAS
from .rows import (
    CHANGE_REASON,
    PRESENT,
    DemoDataError,
    DemoReport,
    Run,
    index,
    resolve,
    responsibility_values,
    sync,
    sync_many,
)
from .schema import AgreementData

# What callers import from here (the command, the tests).
__all__ = ["CHANGE_REASON", "DemoDataError", "DemoReport", "demo_load"]


def _load_jurisdictions(run: Run) -> None:
    existing = index(
        Jurisdiction.objects.filter(slug__in=[data.slug for data in JURISDICTIONS]), "slug"
    )
    for data in JURISDICTIONS:
        jurisdiction, outcome = sync(
            run,
            Jurisdiction,
            lookup={"slug": data.slug},
            existing=existing,
            values={
                "name_en": data.name_en,
                "name_fr": data.name_fr,
                "level": data.level,
                "parent": resolve(run.jurisdictions, data.parent, "jurisdiction"),
                # Stored as NULL when empty (see Jurisdiction.save), so compare the same way.
                "ocd_division_id": data.ocd_division_id or None,
                "iso_code": data.iso_code or None,
            },
        )
        run.jurisdictions[data.slug] = jurisdiction
        run.report.record(Jurisdiction, outcome)


def _load_organizations(run: Run) -> None:
    permissions = None
    existing = index(
        Organization.objects.filter(slug__in=[data.slug for data in ORGANIZATIONS]), "slug"
    )
    for data in ORGANIZATIONS:
        organization, outcome = sync(
            run,
            Organization,
            lookup={"slug": data.slug},
            existing=existing,
            values={
                "jurisdiction": resolve(run.jurisdictions, data.jurisdiction, "jurisdiction"),
                "parent": resolve(run.organizations, data.parent, "organisation"),
                "name_en": data.name_en,
                "name_fr": data.name_fr,
                "acronym_en": data.acronym_en,
                "acronym_fr": data.acronym_fr,
                "kind": data.kind,
                "website": data.website,
            },
        )
        if outcome != PRESENT:
            permissions = permissions or role_model_permissions()
            # Staff groups (liaison officers, minister's office) named after the organisation,
            # as the services give every organisation they create or rename.
            organization_groups_ensure(organization=organization, permissions=permissions)
        run.organizations[data.slug] = organization
        run.report.record(Organization, outcome)


def _load_people(run: Run) -> None:
    family_names = {data.family_name for data in PEOPLE}
    existing = index(
        Person.objects.filter(family_name__in=family_names), "given_name", "family_name"
    )
    for data in PEOPLE:
        person, outcome = sync(
            run,
            Person,
            lookup={"given_name": data.given_name, "family_name": data.family_name},
            values={"honorific": data.honorific},
            existing=existing,
        )
        run.people[data.handle] = person
        run.report.record(Person, outcome)


def _load_positions(run: Run) -> None:
    existing = index(
        Position.objects.filter(organization__in=list(run.organizations.values())),
        "organization",
        "title_en",
    )
    for data in POSITIONS:
        organization = resolve(run.organizations, data.organization, "organisation")
        position, outcome = sync(
            run,
            Position,
            lookup={"organization": organization, "title_en": data.title_en},
            values={"title_fr": data.title_fr, "single_holder": data.single_holder},
            existing=existing,
        )
        run.positions[data.handle] = position
        run.report.record(Position, outcome)


def _load_appointments(run: Run) -> None:
    # Holders are listed oldest first, so a single-holder position's overlap check sees each
    # predecessor's end date before its successor is appointed.
    existing = index(
        Appointment.objects.filter(position__in=list(run.positions.values())),
        "person",
        "position",
        "start_date",
    )
    for data in POSITIONS:
        position = run.positions[data.handle]
        for holder in data.holders:
            _appointment, outcome = sync(
                run,
                Appointment,
                lookup={
                    "person": resolve(run.people, holder.person, "person"),
                    "position": position,
                    "start_date": holder.start,
                },
                values={"end_date": holder.end, "acting": holder.acting},
                existing=existing,
            )
            run.report.record(Appointment, outcome)


def _load_service_areas(run: Run) -> None:
    existing = index(ServiceArea.objects.filter(slug__in=[d.slug for d in SERVICE_AREAS]), "slug")
    for data in SERVICE_AREAS:
        area, outcome = sync(
            run,
            ServiceArea,
            lookup={"slug": data.slug},
            existing=existing,
            values={"name_en": data.name_en, "name_fr": data.name_fr},
        )
        run.service_areas[data.slug] = area
        run.report.record(ServiceArea, outcome)


def _load_delivery_channels(run: Run) -> None:
    slugs = [data.slug for data in DELIVERY_CHANNELS]
    existing = index(DeliveryChannel.objects.filter(slug__in=slugs), "slug")
    for data in DELIVERY_CHANNELS:
        channel, outcome = sync(
            run,
            DeliveryChannel,
            lookup={"slug": data.slug},
            existing=existing,
            values={"name_en": data.name_en, "name_fr": data.name_fr},
        )
        run.channels[data.slug] = channel
        run.report.record(DeliveryChannel, outcome)


def _load_governance_bodies(run: Run) -> None:
    names = [data.name_en for data in GOVERNANCE_BODIES]
    existing = index(GovernanceBody.objects.filter(name_en__in=names), "name_en")
    for data in GOVERNANCE_BODIES:
        body, outcome = sync(
            run,
            GovernanceBody,
            lookup={"name_en": data.name_en},
            existing=existing,
            values={
                "name_fr": data.name_fr,
                "mandate_en": data.mandate_en,
                "mandate_fr": data.mandate_fr,
                "chair": resolve(run.positions, data.chair, "position"),
                "meeting_frequency": data.meeting_frequency,
            },
        )
        members = [resolve(run.positions, handle, "position") for handle in data.members]
        outcome = sync_many(run, body, "members", members, outcome)
        run.governance_bodies[data.handle] = body
        run.report.record(GovernanceBody, outcome)


def _load_agreement(run: Run, data: AgreementData, existing: dict) -> tuple[Agreement, str]:
    agreement, outcome = sync(
        run,
        Agreement,
        lookup={"reference": data.reference},
        existing=existing,
        values={
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
            "governing_body": resolve(run.governance_bodies, data.governing_body, "body"),
        },
    )
    areas = [resolve(run.service_areas, slug, "service area") for slug in data.service_areas]
    channels = [resolve(run.channels, slug, "delivery channel") for slug in data.channels]
    outcome = sync_many(run, agreement, "service_areas", areas, outcome)
    outcome = sync_many(run, agreement, "delivery_channels", channels, outcome)
    run.report.record(Agreement, outcome)
    return agreement, outcome


def _load_parties(
    run: Run, agreement: Agreement, data: AgreementData, agreement_outcome: str
) -> dict[str, Party]:
    parties, outcomes = {}, {agreement_outcome}
    existing = index(Party.objects.filter(agreement=agreement), "agreement", "organization")
    for order, party_data in enumerate(data.parties):
        organization = resolve(run.organizations, party_data.organization, "organisation")
        party, outcome = sync(
            run,
            Party,
            lookup={"agreement": agreement, "organization": organization},
            existing=existing,
            values={
                "role": party_data.role,
                "signatory_position": resolve(run.positions, party_data.signatory, "position"),
                "signed_date": party_data.signed,
                "sort_order": order,
            },
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
        )
        run.report.record(Responsibility, outcome)


def _load_agreements(run: Run) -> None:
    references = [data.reference for data in AGREEMENTS]
    existing = index(Agreement.objects.filter(reference__in=references), "reference")
    signed = set()
    if run.refresh:
        signed = set(
            AgreementVersion.objects.filter(agreement__in=list(existing.values()))
            .values_list("agreement_id", flat=True)
            .distinct()
        )
    # The same load (report, rows found so far) without refresh, for agreements signed already.
    unrefreshed = replace(run, refresh=False)
    for data in AGREEMENTS:
        found = existing.get((data.reference,))
        step = unrefreshed if found is not None and found.pk in signed else run
        agreement, outcome = _load_agreement(step, data, existing)
        parties = _load_parties(step, agreement, data, outcome)
        _load_responsibilities(step, agreement, data, parties)
        run.agreements[data.reference] = agreement


def _load_relations(run: Run) -> None:
    # After every agreement exists: a relation may point at an agreement listed later.
    sources = list(run.agreements.values())
    existing = index(
        AgreementRelation.objects.filter(source__in=sources), "source", "kind", "target"
    )
    for data in AGREEMENTS:
        source = run.agreements[data.reference]
        for relation in data.relations:
            target = resolve(run.agreements, relation.target, "agreement")
            _relation, outcome = sync(
                run,
                AgreementRelation,
                lookup={"source": source, "kind": relation.kind, "target": target},
                values={},
                existing=existing,
            )
            run.report.record(AgreementRelation, outcome)


@transaction.atomic
def demo_load(*, by: AbstractBaseUser, refresh: bool = False) -> DemoReport:
    """Load the demo jurisdictions, organisations, people and agreements, attributed to `by`,
    with the signed versions and amendments of the agreements signed, and their search entries.

    Idempotent: a second run creates, changes and records nothing. Existing rows are left as
    they are unless `refresh` is true, in which case they are brought back to the demo data
    (agreements with signed versions excepted: see the module docstring). All or nothing: one
    transaction; each new version's PDFs are rendered once it commits. Raises ValidationError
    when a row breaks a model rule, DemoDataError when the data refers to something it does not
    define, and TransitionError or PermissionDenied when an amendment cannot be signed (`by`
    must be a registrar, as the system account `loaddemo` uses by default is).
    """
    run = Run(by=by, refresh=refresh)
    with acting_as(by):
        _load_jurisdictions(run)
        _load_organizations(run)
        _load_people(run)
        _load_positions(run)
        _load_appointments(run)
        _load_service_areas(run)
        _load_delivery_channels(run)
        _load_governance_bodies(run)
        _load_agreements(run)
        _load_relations(run)
        signing.load_original_versions(run)
        signing.load_amendments(run)
        signing.load_search_entries(run)
    return run.report
