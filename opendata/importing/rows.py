"""How the importer finds and writes rows: by natural key, only when something differs, every
save validated and attributed. Shared by the writer's steps (`writer` for the reference data and
the agreements' content, `signing` for versions, amendments and the search index)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max

from agreements.models import Agreement, DeliveryChannel, GovernanceBody, Party, ServiceArea
from jurisdictions.models import Jurisdiction, Organization, Person, Position
from registry.audit import attribute

from .errors import UNKNOWN_REFERENCE, ImportRefused, Issue, field_path
from .schema import ResponsibilityData

CHANGE_REASON = "Import"


@dataclass
class Tally:
    """What happened to the rows of one model: created, updated or left alone."""

    created: int = 0
    updated: int = 0
    present: int = 0


@dataclass
class ImportReport:
    """Counts per model, in the order the importer wrote them, and warnings worth reading."""

    tallies: dict[type[models.Model], Tally] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

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

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


CREATED, UPDATED, PRESENT = "created", "updated", "present"


@dataclass
class Run:
    """One import: who it runs as, whether existing rows are brought up to date (`refresh`), the
    report, the change reason history records, a progress callback (done, total), and rows found
    so far by the keys the file uses."""

    by: AbstractBaseUser
    refresh: bool
    reason: str = CHANGE_REASON
    progress: Callable[[int, int], None] | None = None
    report: ImportReport = field(default_factory=ImportReport)
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    positions: dict[str, Position] = field(default_factory=dict)
    service_areas: dict[str, ServiceArea] = field(default_factory=dict)
    channels: dict[str, DeliveryChannel] = field(default_factory=dict)
    governance_bodies: dict[str, GovernanceBody] = field(default_factory=dict)
    agreements: dict[str, Agreement] = field(default_factory=dict)
    # References of agreements another part of the same import writes (a folder imported a
    # batch at a time): known to the checks; relations to them wait in `deferred`.
    pending: set[str] = field(default_factory=set)
    deferred: list = field(default_factory=list)
    # Positions an earlier batch of the same import wrote ({handle: row data}), known to the
    # checks of a batch that does not list them again.
    known_positions: dict = field(default_factory=dict)
    # Models given rows with the numbers the file gave (their id sequences are reset after).
    numbered: set[type[models.Model]] = field(default_factory=set)
    # Handles of the positions this import created (none of their holders is in the registry).
    created_positions: set[str] = field(default_factory=set)
    # Ids of the agreements to index once the whole import is written (None: at the end of
    # `import_write`), for an import written a batch at a time (`signing.load_search_entries`).
    index_later: list[int] | None = None
    # The search entries' texts of versions this import recorded that are their agreement's
    # current published one, {version id: (agreement id, texts)}: prepared while the snapshots
    # are in memory (`signing.search_entries_prepare`), so that writing the entries does not
    # read the snapshots back. Shared by the batches of a folder's import.
    entries: dict[int, tuple[int, dict]] = field(default_factory=dict)


class Numbers:
    """The numbers (primary keys) rows created by an import take when the file gives them
    (`id`): a row's own number when no row of `model` holds it; otherwise, and for rows without
    one, a number above all of those and of the registry's, so that no row created later takes
    a number the file gives. When the file gives none, the database chooses (None)."""

    def __init__(self, model: type[models.Model], rows):
        wanted = {row.id for row in rows if row.id is not None}
        self.free: set[int] = set()
        self.next: int | None = None
        if wanted:
            taken = set(model.objects.filter(pk__in=wanted).values_list("pk", flat=True))
            self.free = wanted - taken
            top = model.objects.aggregate(top=Max("pk"))["top"] or 0
            self.next = max(top, *wanted) + 1

    def take(self, number: int | None) -> int | None:
        if number in self.free:
            self.free.discard(number)
            return number
        if self.next is None:
            return None
        number, self.next = self.next, self.next + 1
        return number


def resolve(index: dict, handle: str | None, kind: str, path: str = ""):
    """The row `handle` names. `checks` has made sure every reference resolves, so a miss here is
    refused like any other problem in the file."""
    if handle is None:
        return None
    try:
        return index[handle]
    except KeyError:
        message = UNKNOWN_REFERENCE[kind].format(key=handle)
        raise ImportRefused([Issue(path=path, message=message)]) from None


def differs(instance: models.Model, name: str, value) -> bool:
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


def save(run: Run, instance: models.Model, *, reason: str = "", path: str = "") -> None:
    """Validate and save one row, attributed to the importing user. A row that breaks a model rule
    refuses the whole import (the caller's transaction is rolled back), saying where it is."""
    # Foreign keys hold rows this import has just read or written, so Django's one-query-per-key
    # existence check is skipped (the database enforces them anyway); every other field check,
    # the model's clean() rules and its constraints still run.
    related = [f.name for f in instance._meta.concrete_fields if f.is_relation]
    try:
        instance.full_clean(exclude=related)
    except ValidationError as error:
        raise ImportRefused(validation_issues(error, path)) from None
    attribute(instance, user=run.by, reason=reason or run.reason)
    instance.save()


def validation_issues(error: ValidationError, path: str) -> list[Issue]:
    """A model's ValidationError as issues at `path` (one per field message)."""
    if hasattr(error, "error_dict"):
        return [
            Issue(path=field_path(path, name), message=str(message))
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return [Issue(path=path, message=str(message)) for message in error.messages]


def sync(
    run: Run,
    model: type[models.Model],
    *,
    lookup: dict,
    values: dict,
    existing: dict,
    path: str = "",
    given: frozenset[str] | None = None,
    keys: dict[str, str] | None = None,
    new_id: int | None = None,
    creations=None,
) -> tuple:
    """Find the row by `lookup` among `existing` (see `index`); create it with `values` when
    missing; when refreshing, bring its `values` up to date. Returns the row and what happened.

    `given` is the keys the file's row gave (None: all of them): a refresh changes only the
    fields whose key is given, so a key left out keeps the registry's value rather than being
    reset to its default. `keys` names the file key of a field whose key differs from its name
    (e.g. {"end_date": "end"}). A row created takes the number `new_id` when given (the caller
    has made sure it is free, see `Numbers`). With `creations` (a `bulk.Creations` of `model`) a
    row created is checked now and inserted with the others when the caller flushes them."""
    key = tuple(_plain(value) for value in lookup.values())
    instance = existing.get(key)
    if instance is None:
        instance = model(**lookup, **values)
        if new_id is not None:
            instance.pk = new_id
            run.numbered.add(model)
        if creations is not None:
            creations.add(instance, path)
        else:
            save(run, instance, path=path)
        existing[key] = instance
        return instance, CREATED
    if given is not None:
        keys = keys or {}
        values = {name: value for name, value in values.items() if keys.get(name, name) in given}
    changed = [name for name, value in values.items() if differs(instance, name, value)]
    if not (run.refresh and changed):
        return instance, PRESENT
    for name in changed:
        setattr(instance, name, values[name])
    save(run, instance, path=path)
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
    attribute(instance, user=run.by, reason=run.reason)
    manager.set(wanted_ids)
    return UPDATED if outcome == PRESENT else outcome


def responsibility_values(run: Run, item: ResponsibilityData, parties: dict[str, Party]) -> dict:
    """The fields of a responsibility row from its data (all but its agreement, clause and sort
    order), with the responsible party found among `parties` by organisation slug."""
    return {
        "text_en": item.text_en,
        "text_fr": item.text_fr,
        "responsible_party": resolve(parties, item.party, "party", item.path),
        "accountability_owner": resolve(run.positions, item.owner, "position", item.path),
        "kind": item.kind,
        "due_date": item.due,
        "recurrence": item.recurrence,
        "recurrence_anchor": item.anchor,
        "service_standard_en": item.standard_en,
        "service_standard_fr": item.standard_fr,
        "status": item.status,
    }
