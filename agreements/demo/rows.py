"""How the demo loader finds and writes rows: by natural key, only when something differs, every
save validated and attributed. Shared by the loader's steps (agreements.demo.loader for the
reference data and the agreements' content, agreements.demo.signing for versions, amendments and
the search index)."""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import models

from agreements.models import Agreement, DeliveryChannel, GovernanceBody, Party, ServiceArea
from jurisdictions.models import Jurisdiction, Organization, Person, Position
from registry.audit import attribute

from .schema import ResponsibilityData

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
class Run:
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


def resolve(index: dict, handle: str | None, kind: str):
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


def index(queryset: models.QuerySet, *names: str) -> dict[tuple, models.Model]:
    """Existing rows by natural key (the values of `names`, in the order `sync`'s lookup lists
    them), the oldest row for each key: one query instead of one per row."""
    attnames = [queryset.model._meta.get_field(name).attname for name in names]
    found: dict[tuple, models.Model] = {}
    for row in queryset.order_by("pk"):
        found.setdefault(tuple(getattr(row, attname) for attname in attnames), row)
    return found


def save(run: Run, instance: models.Model, *, reason: str = CHANGE_REASON) -> None:
    # Foreign keys hold rows this load has just read or written, so Django's one-query-per-key
    # existence check is skipped (the database enforces them anyway); every other field check,
    # the model's clean() rules and its constraints still run.
    related = [f.name for f in instance._meta.concrete_fields if f.is_relation]
    instance.full_clean(exclude=related)
    attribute(instance, user=run.by, reason=reason)
    instance.save()


def sync(
    run: Run, model: type[models.Model], *, lookup: dict, values: dict, existing: dict
) -> tuple:
    """Find the row by `lookup` among `existing` (see `index`); create it with `values` when
    missing; when refreshing, bring its `values` up to date. Returns the row and what happened."""
    key = tuple(_plain(value) for value in lookup.values())
    instance = existing.get(key)
    if instance is None:
        instance = model(**lookup, **values)
        save(run, instance)
        existing[key] = instance
        return instance, CREATED
    changed = [name for name, value in values.items() if _differs(instance, name, value)]
    if not (run.refresh and changed):
        return instance, PRESENT
    for name in changed:
        setattr(instance, name, values[name])
    save(run, instance)
    return instance, UPDATED


def sync_many(run: Run, instance: models.Model, name: str, wanted, outcome: str) -> str:
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


def responsibility_values(run: Run, item: ResponsibilityData, parties: dict[str, Party]) -> dict:
    """The fields of a responsibility row from its data (all but its agreement, clause and sort
    order), with the responsible party found among `parties` by organisation slug."""
    return {
        "text_en": item.text_en,
        "text_fr": item.text_fr,
        "responsible_party": resolve(parties, item.party, "party"),
        "accountability_owner": resolve(run.positions, item.owner, "position"),
        "kind": item.kind,
        "due_date": item.due,
        "recurrence": item.recurrence,
        "recurrence_anchor": item.anchor,
        "service_standard_en": item.standard_en,
        "service_standard_fr": item.standard_fr,
        "status": item.status,
    }
