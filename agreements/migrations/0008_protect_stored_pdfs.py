"""Stored agreement PDFs can no longer be deleted by any path, and every version records the
SHA-256 of its PDFs so that a forged row is caught (issue 9, finding 4).

1. Each version gets the SHA-256 of its English and French PDF, as recorded at signing
   (agreements.services.versions). The columns are nullable so that SQLite adds them without
   rebuilding the table, which would drop the triggers of migration 0005.
2. Versions signed before this migration get theirs now: the hash of the PDF already stored
   when its bytes match it, otherwise the hash of the PDF rendered now (rendering is
   deterministic), which is also stored if it was missing. Versions are immutable, so their
   UPDATE trigger is lifted for this step only, inside the migration's transaction.
3. The database refuses DELETE of a stored PDF as it already refused UPDATE (migration 0006):
   on PostgreSQL the trigger of 0006 now fires on both; SQLite gets a DELETE trigger. On SQLite,
   `manage.py flush` lifts it for the flush (agreements/management/commands/flush.py).
   PostgreSQL's flush truncates, which row triggers do not see: the application's database role
   must therefore not own the tables (README, "Database roles"), so it can neither TRUNCATE nor
   lift a trigger.
"""

import hashlib
import importlib

from django.db import migrations, models
from django.db.models import Q

VERSION_TABLE = "agreements_agreementversion"
PDF_TABLE = "agreements_agreementversionpdf"
PDF_SHA256_FIELDS = {"en": "pdf_sha256_en", "fr": "pdf_sha256_fr"}

POSTGRESQL_FORWARD = [
    f"DROP TRIGGER IF EXISTS agreements_pdf_immutable ON {PDF_TABLE}",
    f"""
    CREATE TRIGGER agreements_pdf_immutable
    BEFORE UPDATE OR DELETE ON {PDF_TABLE}
    FOR EACH ROW EXECUTE FUNCTION agreements_pdf_immutable()
    """,
]
POSTGRESQL_BACKWARD = [
    f"DROP TRIGGER IF EXISTS agreements_pdf_immutable ON {PDF_TABLE}",
    f"""
    CREATE TRIGGER agreements_pdf_immutable
    BEFORE UPDATE ON {PDF_TABLE}
    FOR EACH ROW EXECUTE FUNCTION agreements_pdf_immutable()
    """,
]
SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER agreements_pdf_no_delete
    BEFORE DELETE ON {PDF_TABLE}
    BEGIN
        SELECT RAISE(ABORT, 'stored agreement PDFs are immutable: DELETE refused');
    END
    """,
]
SQLITE_BACKWARD = ["DROP TRIGGER IF EXISTS agreements_pdf_no_delete"]
STATEMENTS = {
    "postgresql": (POSTGRESQL_FORWARD, POSTGRESQL_BACKWARD),
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
}


def add_delete_trigger(apps, schema_editor):
    forward, _backward = STATEMENTS.get(schema_editor.connection.vendor, ([], []))
    for statement in forward:
        schema_editor.execute(statement, params=None)


def remove_delete_trigger(apps, schema_editor):
    _forward, backward = STATEMENTS.get(schema_editor.connection.vendor, ([], []))
    for statement in backward:
        schema_editor.execute(statement, params=None)


def _version_triggers_lifted(schema_editor):
    """Lift the versions' UPDATE trigger (migration 0005); returns how to put it back."""
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE", params=None)
        schema_editor.execute(
            f"ALTER TABLE {VERSION_TABLE} DISABLE TRIGGER agreements_version_immutable",
            params=None,
        )
        return [f"ALTER TABLE {VERSION_TABLE} ENABLE TRIGGER agreements_version_immutable"]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s",
                ["agreements_version_no_update"],
            )
            row = cursor.fetchone()
        if row is None:
            return []
        schema_editor.execute("DROP TRIGGER agreements_version_no_update", params=None)
        return [row[0]]
    return []


def record_pdf_hashes(apps, schema_editor):
    """Give every version signed before this migration the SHA-256 of its PDFs."""
    # The registry's own rendering, as on first download: a version's PDF is the same bytes
    # whenever it is rendered, so these are the hashes its signing would have recorded.
    from agreements.documents import agreement_document
    from agreements.pdf import render_agreement_pdf
    from agreements.services.pdfs import generator

    Version = apps.get_model("agreements", "AgreementVersion")
    PDF = apps.get_model("agreements", "AgreementVersionPDF")
    missing = Q()
    for field in PDF_SHA256_FIELDS.values():
        missing |= Q(**{f"{field}__isnull": True})
    versions = list(Version.objects.filter(missing).order_by("pk"))
    if not versions:
        return
    stored = {
        (pdf.version_id, pdf.language): pdf
        for pdf in PDF.objects.filter(version__in=[version.pk for version in versions])
    }
    recorded, new_pdfs = {}, []
    for version in versions:
        document = None
        for language, field in PDF_SHA256_FIELDS.items():
            pdf = stored.get((version.pk, language))
            if pdf is not None and hashlib.sha256(bytes(pdf.content)).hexdigest() == pdf.sha256:
                recorded.setdefault(version.pk, {})[field] = pdf.sha256
                continue
            document = document or agreement_document(version)
            content = render_agreement_pdf(document, language)
            digest = hashlib.sha256(content).hexdigest()
            recorded.setdefault(version.pk, {})[field] = digest
            if pdf is None:
                new_pdfs.append(
                    PDF(
                        version_id=version.pk,
                        language=language,
                        content=content,
                        sha256=digest,
                        size=len(content),
                        generator=generator(),
                    )
                )
            # A stored row whose bytes do not match its own hash stays; it will be withheld.
    restore = _version_triggers_lifted(schema_editor)
    for pk, fields in recorded.items():
        schema_editor.execute(
            f"UPDATE {VERSION_TABLE} SET pdf_sha256_en = %s, pdf_sha256_fr = %s WHERE id = %s",  # noqa: S608 (constant)
            params=[fields["pdf_sha256_en"], fields["pdf_sha256_fr"], pk],
        )
    for statement in restore:
        schema_editor.execute(statement, params=None)
    PDF.objects.bulk_create(new_pdfs)


def restore_version_triggers(apps, schema_editor):
    """Going back, SQLite rebuilds the versions table to drop the indexed columns, which drops
    its triggers: put back those of migration 0005."""
    if schema_editor.connection.vendor != "sqlite":
        return
    triggers = importlib.import_module(
        "agreements.migrations.0005_add_version_immutability_triggers"
    )
    for statement in triggers.SQLITE_BACKWARD + triggers.SQLITE_FORWARD:
        schema_editor.execute(statement, params=None)


def _pdf_sha256_field(language: str):
    return models.CharField(
        blank=True,
        db_index=True,
        help_text=(
            f"SHA-256 of the {language} PDF, recorded when the version was signed: a stored PDF "
            "is served and called authentic only if it matches."
        ),
        max_length=64,
        null=True,
    )


class Migration(migrations.Migration):
    dependencies = [("agreements", "0007_add_search_index")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, restore_version_triggers),
        migrations.AddField(
            model_name="agreementversion",
            name="pdf_sha256_en",
            field=_pdf_sha256_field("English"),
        ),
        migrations.AddField(
            model_name="agreementversion",
            name="pdf_sha256_fr",
            field=_pdf_sha256_field("French"),
        ),
        migrations.RunPython(record_pdf_hashes, migrations.RunPython.noop),
        migrations.RunPython(add_delete_trigger, remove_delete_trigger),
    ]
