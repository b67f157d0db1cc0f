"""Rows inserted many at a time, as fast on PostgreSQL as on SQLite.

`bulk_insert(model, rows)` is `model.objects.bulk_create(rows)`, except that rows with JSON
or text columns are written as `INSERT … VALUES` rather than as Django's PostgreSQL `INSERT …
SELECT * FROM UNNEST(arrays)`: psycopg quotes those arrays in Python, element by element with a
regular expression call per quote character, which for the versions' JSON snapshots (thousands
of quotes each) cost more than the rest of an import. On PostgreSQL, COPY_FROM rows or more
are written through COPY instead (`values_insert`): no SQL text at all, each value written by
the driver in C. One expression among a batch's values makes
Django write VALUES instead (django.db.backends.postgresql.compiler.SQLInsertCompiler.
assemble_as_sql), each value then quoted once by libpq. Other rows keep UNNEST, cheaper for
them (VALUES means a placeholder per value for psycopg to find in the query). The rows get
their primary keys, as with bulk_create.
"""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connection, models
from django.db.models import Q, Value
from django.db.models.expressions import DatabaseDefault, Expression
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_change_reason_from_object

from jurisdictions.models import (
    APPOINTMENT_ENDS_BEFORE_START,
    APPOINTMENT_OVERLAPS,
    Appointment,
)

from .errors import DUPLICATE, ImportRefused, Issues

# Rows inserted per query.
BULK_BATCH = 500

# On PostgreSQL, for the rest of the transaction: compress large values (the versions' JSON
# snapshots, the search entries' text) with lz4 rather than pglz when the server can, as
# `default_toast_compression` allows (PostgreSQL 14 and later, built with lz4). Recording the
# 11,397 versions of an import of 10,000 agreements took 6.2 s of server CPU with pglz, 2.9 s
# with lz4; reading them back is faster too. Both read the same everywhere. One statement,
# which sets nothing on a server without lz4.
_LZ4_SESSION = """
    SELECT set_config('default_toast_compression', 'lz4', true) FROM pg_settings
    WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)
"""


def bulk_session() -> None:
    """Settings for a bulk import, for the rest of the caller's transaction (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(_LZ4_SESSION)


# Models whose new rows an import may insert together (`Creations`).
BULK_MODELS = frozenset(
    {
        "jurisdictions.Jurisdiction",
        "jurisdictions.Organization",
        "jurisdictions.Person",
        "jurisdictions.Position",
        "jurisdictions.Appointment",
    }
)


def _plain_field(model: type[models.Model]) -> models.Field | None:
    """A field of `model` whose value can be written as an expression (not its key, not a
    relation, not one whose value bulk_create sets itself, as auto_now): the first such. None
    for a table of keys only (a many-to-many table: numbers, cheap to quote in arrays)."""
    for field in model._meta.concrete_fields:
        automatic = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        if not (field.primary_key or field.is_relation or automatic):
            return field
    return None


def _has_long_values(model: type[models.Model]) -> bool:
    """Whether `model` has JSON or text columns, whose values UNNEST arrays quote slowly."""
    long = (models.JSONField, models.TextField)
    return any(isinstance(field, long) for field in model._meta.concrete_fields)


def bulk_insert(model: type[models.Model], rows: list, *, batch_size: int = BULK_BATCH, **options):
    """Insert `rows` (unsaved instances of `model`) in batches, as bulk_create (same `options`),
    as INSERT … VALUES when `model` has JSON or text columns, through COPY on PostgreSQL from
    COPY_FROM rows (`values_insert`). Returns the rows."""
    if not rows:
        return rows
    copying = connection.vendor == "postgresql" and len(rows) >= COPY_FROM
    if not options and (batch_size == BULK_BATCH or copying) and _insert_plain(model, rows):
        return rows
    field = _plain_field(model)
    if field is None or not _has_long_values(model):
        return model.objects.bulk_create(rows, batch_size=batch_size, **options)
    kept = [getattr(row, field.attname) for row in rows]
    try:
        for row, value in zip(rows, kept, strict=True):
            setattr(row, field.attname, Value(value, output_field=field))
        model.objects.bulk_create(rows, batch_size=batch_size, **options)
    finally:
        for row, value in zip(rows, kept, strict=True):
            setattr(row, field.attname, value)
    return rows


# Columns whose Python values (str, int, bool, None) the database drivers take as they are: no
# per-value preparation, which costs more than the insert itself for many narrow rows.
_PLAIN_TYPES = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "IntegerField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SlugField",
        "SmallIntegerField",
        "TextField",
    }
)
_PLAIN_VALUES = (str, int, type(None))


def _preparer(field: models.Field):
    """A function giving a value of `field` as the database takes it (`get_db_prep_save`),
    passing plain values of plain columns through (what get_db_prep_save would return)."""
    target = field.target_field if field.is_relation else field
    prepare = field.get_db_prep_save
    if target.get_internal_type() not in _PLAIN_TYPES:
        return lambda value: prepare(value, connection)
    return lambda value: value if isinstance(value, _PLAIN_VALUES) else prepare(value, connection)


def values_insert(
    model: type[models.Model], fields: list[models.Field], rows: list[tuple], *, returning=False
) -> list:
    """Insert `rows` (tuples of the values of `fields`, as the model holds them) into `model`'s
    table: one INSERT … VALUES per batch, without building model instances or going through
    Django's insert compiler. With `returning`, the new rows' keys, in order (as bulk_create
    reads them, RETURNING on PostgreSQL and SQLite)."""
    keys: list = []
    if not rows:
        return keys
    quote = connection.ops.quote_name
    preparers = [_preparer(field) for field in fields]
    if connection.vendor == "postgresql" and len(rows) >= COPY_FROM:
        return _copy(model, fields, preparers, rows, returning=returning)
    limit = connection.features.max_query_params or 65_535
    size = max(1, min(BULK_BATCH, limit // len(fields)))
    columns = ", ".join(quote(field.column) for field in fields)
    head = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES "  # noqa: S608 # nosec B608 # quoted names from the model's meta; every value a %s parameter
    row_sql = f"({', '.join(['%s'] * len(fields))})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            params = [
                prepare(value)
                for row in batch
                for prepare, value in zip(preparers, row, strict=True)
            ]
            sql = head + ", ".join([row_sql] * len(batch))
            if not returning:
                cursor.execute(sql, params)
                continue
            cursor.execute(f"{sql} RETURNING {quote(model._meta.pk.column)}", params)
            keys += [row[0] for row in cursor.fetchall()]
    return keys


# Rows from which `values_insert` writes through COPY on PostgreSQL.
COPY_FROM = 1000


def _copy(model: type[models.Model], fields: list, preparers: list, rows: list, *, returning):
    """`values_insert` on PostgreSQL through COPY … FROM STDIN: one statement for all the rows,
    written by the driver (psycopg's `Cursor.copy`), with no SQL text to build, send and parse
    per batch. With `returning`, the keys are taken from the table's sequence first (one query,
    in order) and written with the rows. COPY goes around Django's query log."""
    quote = connection.ops.quote_name
    table = model._meta.db_table
    keys: list = []
    with connection.cursor() as cursor:
        if returning:
            pk = model._meta.pk
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [quote(table), pk.column, len(rows)],
            )
            keys = [row[0] for row in cursor.fetchall()]
            fields, preparers = [pk, *fields], [_same, *preparers]
            rows = [(key, *row) for key, row in zip(keys, rows, strict=True)]
        columns = ", ".join(quote(field.column) for field in fields)
        with cursor.cursor.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(
                    [prepare(value) for prepare, value in zip(preparers, row, strict=True)]
                )
    return keys


def _same(value):
    return value


def _insert_plain(model: type[models.Model], rows: list) -> bool:
    """Insert `rows` as bulk_create does (related rows' keys copied, pre_save, the new keys set
    on the rows), through `values_insert`: for a model with a table of its own and no column the
    database computes but its key, rows all with or all without a key. False, inserting
    nothing, for any other (bulk_create's)."""
    opts = model._meta
    fields = list(opts.concrete_fields)
    if opts.parents or opts.db_returning_fields != [opts.pk] or any(f.generated for f in fields):
        return False
    numbered = {row.pk is not None for row in rows}
    if len(numbered) != 1:
        return False
    if not numbered.pop():
        fields = [field for field in fields if field is not opts.pk]
    values = []
    for row in rows:
        row._prepare_related_fields_for_save(operation_name="bulk_create")
        value = tuple(field.pre_save(row, True) for field in fields)
        if any(isinstance(item, (Expression, DatabaseDefault)) for item in value):
            return False
        values.append(value)
    keys = values_insert(model, fields, values, returning=opts.pk not in fields)
    for index, row in enumerate(rows):
        if keys:
            row.pk = keys[index]
        row._state.adding = False
        row._state.db = connection.alias
    return True


# The history columns simple-history fills itself (besides a copy of each tracked field).
_HISTORY_COLUMNS = ("history_date", "history_change_reason", "history_type", "history_user")


def history_insert(
    model: type[models.Model], instances: list, *, by, reason: str, returning: bool = False
) -> list:
    """The "created" history rows of `instances` (saved rows of `model`), as
    `model.history.bulk_history_create(instances, default_user=by, default_change_reason=reason)`
    writes them (each row's own `_history_user`, change reason and `_history_date` first), in
    a few queries and without building historical instances. With `returning`, the history
    rows' keys, in the order of `instances` (e.g. for the history of their many-to-many rows)."""
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return []
    history = model.history.model
    tracked = list(history.tracked_fields)
    own = [history._meta.get_field(name) for name in _HISTORY_COLUMNS]
    others = {f.attname for f in history._meta.concrete_fields} - {
        f.attname for f in (*tracked, *own)
    }
    if others != {history._meta.pk.attname} or hasattr(history, "history_relation"):
        # A history table with columns of its own: let simple-history fill them.
        created = model.history.bulk_history_create(
            instances, batch_size=BULK_BATCH, default_user=by, default_change_reason=reason
        )
        return [row.pk for row in created] if returning else []
    attnames = [field.attname for field in tracked]
    rows = []
    for instance in instances:
        user = getattr(instance, "_history_user", by)
        rows.append(
            (
                *(getattr(instance, attname) for attname in attnames),
                getattr(instance, "_history_date", None) or timezone.now(),
                get_change_reason_from_object(instance) or reason,
                "+",
                user.pk if user is not None else None,
            )
        )
    return values_insert(history, [*tracked, *own], rows, returning=returning)


class Creations:
    """New rows of one model held back by `rows.sync` and inserted together by `flush()`, with
    their history rows (as `run.by`, with the run's reason): a few queries for the lot rather
    than four or five per row. Each row is checked as `rows.save` checks it: its field rules and
    the model's clean() when it is added (or `clean`, a function of the row doing the same
    without queries), and the uniqueness of its fields against the registry and the other rows
    held, in one query per unique field, when they are flushed. Only for the models listed in
    `BULK_MODELS`, whose constraints `rows.save` does not check either (they name a related
    field) or that clean() enforces too (a check constraint on dates)."""

    def __init__(self, run, model: type[models.Model], *, clean=None):
        if model._meta.label not in BULK_MODELS:
            raise ValueError(f"{model._meta.label} rows are saved one at a time")
        self.run, self.model, self.clean = run, model, clean
        self.related = [f.name for f in model._meta.concrete_fields if f.is_relation]
        self.rows: list[tuple[models.Model, str]] = []

    def add(self, instance: models.Model, path: str) -> None:
        """Check `instance` (raises ImportRefused) and hold it for `flush`."""
        from .rows import validation_issues

        if self._needs_flush(instance):
            self.flush()
        try:
            if self.clean is None:
                instance.full_clean(
                    exclude=self.related, validate_unique=False, validate_constraints=False
                )
            else:
                instance.clean_fields(exclude=self.related)
                self.clean(instance, [row for row, _path in self.rows])
        except ValidationError as error:
            raise ImportRefused(validation_issues(error, path)) from None
        self.rows.append((instance, path))

    def _needs_flush(self, instance: models.Model) -> bool:
        """Whether `instance` refers to a held row without a number yet (inserted first)."""
        for field in instance._meta.concrete_fields:
            if field.is_relation and field.is_cached(instance):
                related = field.get_cached_value(instance)
                if related is not None and related.pk is None:
                    return True
        return False

    def flush(self) -> None:
        """Insert the rows held, and their history rows; refuse (ImportRefused, nothing
        inserted) when one takes a unique value the registry or another row holds."""
        if not self.rows:
            return
        self._unique_check()
        instances = [row for row, _path in self.rows]
        bulk_insert(self.model, instances)
        if hasattr(self.model, "history"):
            history_insert(self.model, instances, by=self.run.by, reason=self.run.reason)
        self.rows = []

    def _unique_check(self) -> None:
        """As validate_unique, for all the rows held: the same messages, at each row's path."""
        from .rows import validation_issues

        issues = Issues()
        checks, _dates = self.rows[0][0]._get_unique_checks(exclude=self.related)
        for model, names in checks:
            attnames = [model._meta.get_field(name).attname for name in names]
            held: dict[tuple, tuple[models.Model, str]] = {}
            for instance, path in self.rows:
                key = tuple(getattr(instance, attname) for attname in attnames)
                if any(value is None for value in key):
                    continue
                if key in held:
                    label = " / ".join(map(str, key))
                    issues.add(path, DUPLICATE, key=label, first=held[key][1])
                else:
                    held[key] = (instance, path)
            for key in _taken(model, attnames, list(held)):
                instance, path = held[key]
                field = names[0] if len(names) == 1 else NON_FIELD_ERRORS
                error = ValidationError({field: [instance.unique_error_message(model, names)]})
                issues.items += validation_issues(error, path)
        issues.raise_if_any()


def _taken(model: type[models.Model], attnames: list[str], keys: list[tuple]) -> set[tuple]:
    """The `keys` (values of `attnames`) that rows of `model` hold: one query per batch."""
    taken: set[tuple] = set()
    for start in range(0, len(keys), BULK_BATCH):
        batch = keys[start : start + BULK_BATCH]
        if len(attnames) == 1:
            condition = Q(**{f"{attnames[0]}__in": [key[0] for key in batch]})
        else:
            condition = Q()
            for key in batch:
                condition |= Q(**dict(zip(attnames, key, strict=True)))
        taken |= set(model._default_manager.filter(condition).values_list(*attnames))
    return taken


def appointment_clean(instance: Appointment, held: list[Appointment]) -> None:
    """Appointment.clean for a holder of a position the import created, without its query: the
    position's other holders are among the appointments `held` (none is in the registry). The
    same rules and messages: the end not before the start, and one holder at a time of a
    single-holder position (naming the latest-starting holder it overlaps)."""
    if instance.end_date and instance.start_date and instance.end_date < instance.start_date:
        raise ValidationError({"end_date": APPOINTMENT_ENDS_BEFORE_START})
    if not instance.position.single_holder:
        return
    clashes = [
        other
        for other in held
        if other.position_id == instance.position_id
        and (other.end_date is None or other.end_date >= instance.start_date)
        and (instance.end_date is None or other.start_date <= instance.end_date)
    ]
    if clashes:
        clash = max(clashes, key=lambda other: other.start_date)
        raise ValidationError(
            APPOINTMENT_OVERLAPS.format(
                holder=clash.person,
                start=clash.start_date.isoformat(),
                end=clash.end_date.isoformat() if clash.end_date else _("today"),
            )
        )
