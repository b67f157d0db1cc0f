"""Write the demo data into the database: `demo_load(by=user)`.

Rows are found by natural keys (slugs, references, an organisation's position title, a person's
name, an agreement's clause numbers), so running the loader again finds everything already
there and writes nothing: no new rows, no history rows. Every row goes through `full_clean()`
(field checks, the model's clean() rules, constraints) before it is saved, so demo data that
breaks a rule fails loudly, and every save is attributed in history to the user the load runs as.
Agreements' states are set directly; the organisations' staff groups and the parties' object
permissions are kept in step, as the services do.

By default an existing row is left as it is, so loading the demo again (as `make run` does)
never undoes what someone changed in the admin. `refresh=True` also brings existing demo rows
back to the demo data, recording each change in history. Nothing is ever deleted.

One function per kind of row, called in dependency order by `demo_load`; extend it by adding a
step (e.g. versions for agreements in force) after the step it depends on.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction

from agreements.models import (
    Agreement,
    AgreementRelation,
    DeliveryChannel,
    GovernanceBody,
    Party,
    Responsibility,
    ServiceArea,
)
from agreements.services.parties import agreement_grants_sync
from jurisdictions.models import Appointment, Jurisdiction, Organization, Person, Position
from jurisdictions.roles import organization_groups_ensure, role_model_permissions
from registry.audit import acting_as, attribute

from .agreements_data import AGREEMENTS
from .jurisdictions_data import JURISDICTIONS
from .organizations_data import ORGANIZATIONS
from .people_data import PEOPLE
from .positions_data import POSITIONS
from .reference_data import DELIVERY_CHANNELS, GOVERNANCE_BODIES, SERVICE_AREAS
from .schema import AgreementData

CHANGE_REASON = "Demo data (loaddemo)"
UNKNOWN_HANDLE = "The demo data refers to an unknown {kind} “{handle}” (define it earlier)."


class DemoDataError(LookupError):
    """The demo data refers to something it does not define (a bug in the data modules)."""


@dataclass
class Tally:
    """What happened to the rows of one model: created, updated (refresh only) or left alone."""

    created: int = 0
    updated: int = 0
    present: int = 0


@dataclass
class DemoReport:
    """Counts per model, in the order the loader wrote them."""

    tallies: dict[type[models.Model], Tally] = field(default_factory=dict)

    def record(self, model: type[models.Model], outcome: str) -> None:
        tally = self.tallies.setdefault(model, Tally())
        setattr(tally, outcome, getattr(tally, outcome) + 1)

    def rows(self) -> list[tuple[str, Tally]]:
        return [(str(model._meta.verbose_name_plural), t) for model, t in self.tallies.items()]

    @property
    def created(self) -> int:
        return sum(t.created for t in self.tallies.values())

    @property
    def updated(self) -> int:
        return sum(t.updated for t in self.tallies.values())

    @property
    def present(self) -> int:
        return sum(t.present for t in self.tallies.values())


CREATED, UPDATED, PRESENT = "created", "updated", "present"


@dataclass
class _Run:
    """One load: who it runs as, whether to refresh, the report, and rows found so far by the
    handles the data uses."""

    by: AbstractBaseUser
    refresh: bool
    report: DemoReport = field(default_factory=DemoReport)
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    positions: dict[str, Position] = field(default_factory=dict)
    service_areas: dict[str, ServiceArea] = field(default_factory=dict)
    channels: dict[str, DeliveryChannel] = field(default_factory=dict)
    governance_bodies: dict[str, GovernanceBody] = field(default_factory=dict)
    agreements: dict[str, Agreement] = field(default_factory=dict)


def _resolve(index: dict, handle: str | None, kind: str):
    if handle is None:
        return None
    try:
        return index[handle]
    except KeyError:
        raise DemoDataError(UNKNOWN_HANDLE.format(kind=kind, handle=handle)) from None


def _differs(instance: models.Model, name: str, value) -> bool:
    model_field = instance._meta.get_field(name)
    if model_field.is_relation:
        wanted = value.pk if value is not None else None
        return getattr(instance, model_field.attname) != wanted
    return getattr(instance, name) != value


def _plain(value):
    return value.pk if isinstance(value, models.Model) else value


def _index(queryset: models.QuerySet, *names: str) -> dict[tuple, models.Model]:
    """Existing rows by natural key (the values of `names`, in the order `_sync`'s lookup lists
    them), the oldest row for each key: one query instead of one per row."""
    attnames = [queryset.model._meta.get_field(name).attname for name in names]
    index: dict[tuple, models.Model] = {}
    for row in queryset.order_by("pk"):
        index.setdefault(tuple(getattr(row, attname) for attname in attnames), row)
    return index


def _save(run: _Run, instance: models.Model) -> None:
    # Foreign keys hold rows this load has just read or written, so Django's one-query-per-key
    # existence check is skipped (the database enforces them anyway); every other field check,
    # the model's clean() rules and its constraints still run.
    related = [f.name for f in instance._meta.concrete_fields if f.is_relation]
    instance.full_clean(exclude=related)
    attribute(instance, user=run.by, reason=CHANGE_REASON)
    instance.save()


def _sync(
    run: _Run, model: type[models.Model], *, lookup: dict, values: dict, existing: dict
) -> tuple:
    """Find the row by `lookup` among `existing` (see `_index`); create it with `values` when
    missing; when refreshing, bring its `values` up to date. Returns the row and what happened."""
    key = tuple(_plain(value) for value in lookup.values())
    instance = existing.get(key)
    if instance is None:
        instance = model(**lookup, **values)
        _save(run, instance)
        existing[key] = instance
        return instance, CREATED
    changed = [name for name, value in values.items() if _differs(instance, name, value)]
    if not (run.refresh and changed):
        return instance, PRESENT
    for name in changed:
        setattr(instance, name, values[name])
    _save(run, instance)
    return instance, UPDATED


def _sync_many(run: _Run, instance: models.Model, name: str, wanted, outcome: str) -> str:
    """Set a many-to-many field on a row just created, or on any row when refreshing, only when
    it differs (each change writes a history row). Returns the row's outcome, now counting a
    changed relation as an update."""
    if outcome == PRESENT and not run.refresh:
        return outcome
    manager = getattr(instance, name)
    wanted_ids = {item.pk for item in wanted}
    if set(manager.values_list("pk", flat=True)) == wanted_ids:
        return outcome
    attribute(instance, user=run.by, reason=CHANGE_REASON)
    manager.set(wanted_ids)
    return UPDATED if outcome == PRESENT else outcome


def _load_jurisdictions(run: _Run) -> None:
    existing = _index(
        Jurisdiction.objects.filter(slug__in=[data.slug for data in JURISDICTIONS]), "slug"
    )
    for data in JURISDICTIONS:
        jurisdiction, outcome = _sync(
            run,
            Jurisdiction,
            lookup={"slug": data.slug},
            existing=existing,
            values={
                "name_en": data.name_en,
                "name_fr": data.name_fr,
                "level": data.level,
                "parent": _resolve(run.jurisdictions, data.parent, "jurisdiction"),
                # Stored as NULL when empty (see Jurisdiction.save), so compare the same way.
                "ocd_division_id": data.ocd_division_id or None,
                "iso_code": data.iso_code or None,
            },
        )
        run.jurisdictions[data.slug] = jurisdiction
        run.report.record(Jurisdiction, outcome)


def _load_organizations(run: _Run) -> None:
    permissions = None
    existing = _index(
        Organization.objects.filter(slug__in=[data.slug for data in ORGANIZATIONS]), "slug"
    )
    for data in ORGANIZATIONS:
        organization, outcome = _sync(
            run,
            Organization,
            lookup={"slug": data.slug},
            existing=existing,
            values={
                "jurisdiction": _resolve(run.jurisdictions, data.jurisdiction, "jurisdiction"),
                "parent": _resolve(run.organizations, data.parent, "organisation"),
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


def _load_people(run: _Run) -> None:
    family_names = {data.family_name for data in PEOPLE}
    existing = _index(
        Person.objects.filter(family_name__in=family_names), "given_name", "family_name"
    )
    for data in PEOPLE:
        person, outcome = _sync(
            run,
            Person,
            lookup={"given_name": data.given_name, "family_name": data.family_name},
            values={"honorific": data.honorific},
            existing=existing,
        )
        run.people[data.handle] = person
        run.report.record(Person, outcome)


def _load_positions(run: _Run) -> None:
    existing = _index(
        Position.objects.filter(organization__in=list(run.organizations.values())),
        "organization",
        "title_en",
    )
    for data in POSITIONS:
        organization = _resolve(run.organizations, data.organization, "organisation")
        position, outcome = _sync(
            run,
            Position,
            lookup={"organization": organization, "title_en": data.title_en},
            values={"title_fr": data.title_fr, "single_holder": data.single_holder},
            existing=existing,
        )
        run.positions[data.handle] = position
        run.report.record(Position, outcome)


def _load_appointments(run: _Run) -> None:
    # Holders are listed oldest first, so a single-holder position's overlap check sees each
    # predecessor's end date before its successor is appointed.
    existing = _index(
        Appointment.objects.filter(position__in=list(run.positions.values())),
        "person",
        "position",
        "start_date",
    )
    for data in POSITIONS:
        position = run.positions[data.handle]
        for holder in data.holders:
            _appointment, outcome = _sync(
                run,
                Appointment,
                lookup={
                    "person": _resolve(run.people, holder.person, "person"),
                    "position": position,
                    "start_date": holder.start,
                },
                values={"end_date": holder.end, "acting": holder.acting},
                existing=existing,
            )
            run.report.record(Appointment, outcome)


def _load_service_areas(run: _Run) -> None:
    existing = _index(ServiceArea.objects.filter(slug__in=[d.slug for d in SERVICE_AREAS]), "slug")
    for data in SERVICE_AREAS:
        area, outcome = _sync(
            run,
            ServiceArea,
            lookup={"slug": data.slug},
            existing=existing,
            values={"name_en": data.name_en, "name_fr": data.name_fr},
        )
        run.service_areas[data.slug] = area
        run.report.record(ServiceArea, outcome)


def _load_delivery_channels(run: _Run) -> None:
    slugs = [data.slug for data in DELIVERY_CHANNELS]
    existing = _index(DeliveryChannel.objects.filter(slug__in=slugs), "slug")
    for data in DELIVERY_CHANNELS:
        channel, outcome = _sync(
            run,
            DeliveryChannel,
            lookup={"slug": data.slug},
            existing=existing,
            values={"name_en": data.name_en, "name_fr": data.name_fr},
        )
        run.channels[data.slug] = channel
        run.report.record(DeliveryChannel, outcome)


def _load_governance_bodies(run: _Run) -> None:
    names = [data.name_en for data in GOVERNANCE_BODIES]
    existing = _index(GovernanceBody.objects.filter(name_en__in=names), "name_en")
    for data in GOVERNANCE_BODIES:
        body, outcome = _sync(
            run,
            GovernanceBody,
            lookup={"name_en": data.name_en},
            existing=existing,
            values={
                "name_fr": data.name_fr,
                "mandate_en": data.mandate_en,
                "mandate_fr": data.mandate_fr,
                "chair": _resolve(run.positions, data.chair, "position"),
                "meeting_frequency": data.meeting_frequency,
            },
        )
        members = [_resolve(run.positions, handle, "position") for handle in data.members]
        outcome = _sync_many(run, body, "members", members, outcome)
        run.governance_bodies[data.handle] = body
        run.report.record(GovernanceBody, outcome)


def _load_agreement(run: _Run, data: AgreementData, existing: dict) -> tuple[Agreement, str]:
    agreement, outcome = _sync(
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
            "governing_body": _resolve(run.governance_bodies, data.governing_body, "body"),
        },
    )
    areas = [_resolve(run.service_areas, slug, "service area") for slug in data.service_areas]
    channels = [_resolve(run.channels, slug, "delivery channel") for slug in data.channels]
    outcome = _sync_many(run, agreement, "service_areas", areas, outcome)
    outcome = _sync_many(run, agreement, "delivery_channels", channels, outcome)
    run.report.record(Agreement, outcome)
    return agreement, outcome


def _load_parties(
    run: _Run, agreement: Agreement, data: AgreementData, agreement_outcome: str
) -> dict[str, Party]:
    parties, outcomes = {}, {agreement_outcome}
    existing = _index(Party.objects.filter(agreement=agreement), "agreement", "organization")
    for order, party_data in enumerate(data.parties):
        organization = _resolve(run.organizations, party_data.organization, "organisation")
        party, outcome = _sync(
            run,
            Party,
            lookup={"agreement": agreement, "organization": organization},
            existing=existing,
            values={
                "role": party_data.role,
                "signatory_position": _resolve(run.positions, party_data.signatory, "position"),
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
    run: _Run, agreement: Agreement, data: AgreementData, parties: dict[str, Party]
) -> None:
    existing = _index(Responsibility.objects.filter(agreement=agreement), "agreement", "clause")
    for order, item in enumerate(data.responsibilities):
        _responsibility, outcome = _sync(
            run,
            Responsibility,
            lookup={"agreement": agreement, "clause": item.clause},
            existing=existing,
            values={
                "text_en": item.text_en,
                "text_fr": item.text_fr,
                "responsible_party": _resolve(parties, item.party, "party"),
                "accountability_owner": _resolve(run.positions, item.owner, "position"),
                "kind": item.kind,
                "due_date": item.due,
                "recurrence": item.recurrence,
                "recurrence_anchor": item.anchor,
                "service_standard_en": item.standard_en,
                "service_standard_fr": item.standard_fr,
                "status": item.status,
                "sort_order": order,
            },
        )
        run.report.record(Responsibility, outcome)


def _load_agreements(run: _Run) -> None:
    references = [data.reference for data in AGREEMENTS]
    existing = _index(Agreement.objects.filter(reference__in=references), "reference")
    for data in AGREEMENTS:
        agreement, outcome = _load_agreement(run, data, existing)
        parties = _load_parties(run, agreement, data, outcome)
        _load_responsibilities(run, agreement, data, parties)
        run.agreements[data.reference] = agreement


def _load_relations(run: _Run) -> None:
    # After every agreement exists: a relation may point at an agreement listed later.
    sources = list(run.agreements.values())
    existing = _index(
        AgreementRelation.objects.filter(source__in=sources), "source", "kind", "target"
    )
    for data in AGREEMENTS:
        source = run.agreements[data.reference]
        for relation in data.relations:
            target = _resolve(run.agreements, relation.target, "agreement")
            _relation, outcome = _sync(
                run,
                AgreementRelation,
                lookup={"source": source, "kind": relation.kind, "target": target},
                values={},
                existing=existing,
            )
            run.report.record(AgreementRelation, outcome)


@transaction.atomic
def demo_load(*, by: AbstractBaseUser, refresh: bool = False) -> DemoReport:
    """Load the demo jurisdictions, organisations, people and agreements, attributed to `by`.

    Idempotent: a second run creates, changes and records nothing. Existing rows are left as
    they are unless `refresh` is true, in which case they are brought back to the demo data.
    All or nothing: one transaction. Raises ValidationError when a row breaks a model rule and
    DemoDataError when the data refers to something it does not define.
    """
    run = _Run(by=by, refresh=refresh)
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
    return run.report
