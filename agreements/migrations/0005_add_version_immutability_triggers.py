"""The database itself refuses to change or delete a signed agreement version.

The model layer already refuses (save, delete, queryset update/delete); these triggers also stop
raw SQL, shells and other programs. PostgreSQL gets one trigger function for UPDATE and DELETE.
SQLite gets the equivalent pair of triggers. On SQLite, `manage.py flush` (used between
transactional tests) lifts the DELETE trigger for the duration of the flush only: see
agreements/management/commands/flush.py. PostgreSQL's flush uses TRUNCATE, which row triggers
do not see.
"""

from django.db import migrations

POSTGRESQL_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION agreements_version_immutable() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'agreement versions are immutable: % refused', TG_OP
            USING ERRCODE = 'restrict_violation';
    END;
    $$
    """,
    """
    CREATE TRIGGER agreements_version_immutable
    BEFORE UPDATE OR DELETE ON agreements_agreementversion
    FOR EACH ROW EXECUTE FUNCTION agreements_version_immutable()
    """,
]
POSTGRESQL_BACKWARD = [
    "DROP TRIGGER IF EXISTS agreements_version_immutable ON agreements_agreementversion",
    "DROP FUNCTION IF EXISTS agreements_version_immutable()",
]
SQLITE_FORWARD = [
    """
    CREATE TRIGGER agreements_version_no_update
    BEFORE UPDATE ON agreements_agreementversion
    BEGIN
        SELECT RAISE(ABORT, 'agreement versions are immutable: UPDATE refused');
    END
    """,
    """
    CREATE TRIGGER agreements_version_no_delete
    BEFORE DELETE ON agreements_agreementversion
    BEGIN
        SELECT RAISE(ABORT, 'agreement versions are immutable: DELETE refused');
    END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS agreements_version_no_update",
    "DROP TRIGGER IF EXISTS agreements_version_no_delete",
]
STATEMENTS = {
    "postgresql": (POSTGRESQL_FORWARD, POSTGRESQL_BACKWARD),
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
}


def add_triggers(apps, schema_editor):
    forward, _backward = STATEMENTS.get(schema_editor.connection.vendor, ([], []))
    for statement in forward:
        schema_editor.execute(statement, params=None)


def remove_triggers(apps, schema_editor):
    _forward, backward = STATEMENTS.get(schema_editor.connection.vendor, ([], []))
    for statement in backward:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("agreements", "0004_add_lifecycle_versions_amendments_reports")]
    operations = [migrations.RunPython(add_triggers, remove_triggers)]
