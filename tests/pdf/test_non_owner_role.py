"""The application runs as a PostgreSQL role that does not own its tables, granted exactly as the
README says ("Stored PDFs and the database role"): signing, storing, downloading and verifying
work, and what only an owner could do to the signed record (TRUNCATE, lifting or dropping a
trigger) is refused, as the triggers refuse UPDATE and DELETE of stored PDFs."""

import hashlib
import re
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, ProgrammingError, connection, transaction
from django.urls import reverse
from psycopg import sql

from agreements.models import Agreement, AgreementVersion, AgreementVersionPDF
from tests.factories import agreement_into_force

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Database roles and privileges are PostgreSQL's: SQLite has none.",
    ),
    # The role's own connection must see the rows, so they are committed (and flushed after).
    pytest.mark.django_db(transaction=True),
]

README = Path(settings.BASE_DIR) / "README.md"
MARKER = "<!-- database-role-grants:"
PASSWORD = "role-test-password"  # noqa: S105 (a throwaway role, dropped after the test)
VERSIONS = AgreementVersion._meta.db_table
PDFS = AgreementVersionPDF._meta.db_table


def _documented_grants(*, owner: str, app: str, database: str) -> list[str]:
    """The README's grant statements, for these role and database names."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"```sql\n(.*?)```", text[text.index(MARKER) :], re.DOTALL).group(1)
    names = {"registry_owner": owner, "registry_app": app, "registry": database}
    sql = re.sub(
        r"\b(registry_owner|registry_app|registry)\b",
        lambda found: connection.ops.quote_name(names[found.group(1)]),
        block,
    )
    return [statement.strip() for statement in sql.split(";") if statement.strip()]


@contextmanager
def _connected_as(user: str):
    """Every query of the block, the test client's included, goes through `user`'s own
    connection, as the application's would in production."""
    saved = connection.settings_dict["USER"], connection.settings_dict["PASSWORD"]
    connection.close()
    connection.settings_dict["USER"], connection.settings_dict["PASSWORD"] = user, PASSWORD
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["USER"], connection.settings_dict["PASSWORD"] = saved


def _one(sql: str, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


@pytest.fixture
def app_role():
    """A login role granted as the README documents, dropped after the test."""
    role = f"registry_app_test_{uuid.uuid4().hex[:12]}"
    owner = _one("SELECT current_user")[0]
    quoted = connection.ops.quote_name(role)
    with connection.cursor() as cursor:
        # A literal, not a parameter: the server binds parameters (prepared statements,
        # registry/settings/base.py) and a utility statement such as CREATE ROLE takes none.
        password = sql.Literal(PASSWORD).as_string(connection.connection)
        cursor.execute(f"CREATE ROLE {quoted} LOGIN PASSWORD {password}")
        for statement in _documented_grants(
            owner=owner, app=role, database=connection.settings_dict["NAME"]
        ):
            cursor.execute(statement)
    try:
        yield role
    finally:
        connection.close()  # the role's connection, if the test left it open
        with connection.cursor() as cursor:
            cursor.execute(f"DROP OWNED BY {quoted}")
            cursor.execute(f"DROP ROLE {quoted}")


def _refused(error, sql: str, params=None) -> str:
    with pytest.raises(error) as refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
    return str(refused.value)


def test_application_signs_stores_and_serves_pdfs_when_connected_as_the_non_owner_role(
    app_role, registrar, client
):
    with _connected_as(app_role):
        assert _one("SELECT current_user")[0] == app_role
        assert _one("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")[0] is False
        # Signing writes agreements, parties, history, permissions, the version, and (once
        # committed) both PDFs.
        agreement = agreement_into_force(by=registrar)
        version = agreement.versions.get()
        stored = {pdf.language: pdf for pdf in AgreementVersionPDF.objects.filter(version=version)}
        assert sorted(stored) == ["en", "fr"]
        download = client.get(
            reverse(
                "agreement_pdfs:version-pdf",
                kwargs={"reference": agreement.reference, "number": 1, "language": "fr"},
            )
        )
        upload = SimpleUploadedFile("agreement.pdf", download.content)
        verified = client.post(
            f"/en{reverse('agreement_pdfs:verify')[3:]}", {"file": upload, "sha256": ""}
        )
        assert Agreement.objects.filter(pk=agreement.pk, state=Agreement.State.IN_FORCE).exists()

    assert download.status_code == 200
    assert hashlib.sha256(download.content).hexdigest() == version.pdf_sha256_fr
    assert stored["fr"].sha256 == version.pdf_sha256_fr
    assert "Authentic." in verified.content.decode()


def test_owner_only_statements_and_pdf_changes_are_refused_when_connected_as_the_role(
    app_role, registrar
):
    agreement = agreement_into_force(by=registrar)
    pdf = AgreementVersionPDF.objects.filter(version__agreement=agreement).first()
    with _connected_as(app_role):
        refusals = {
            f"TRUNCATE {PDFS}": _refused(ProgrammingError, f"TRUNCATE {PDFS}"),
            f"TRUNCATE {VERSIONS}": _refused(ProgrammingError, f"TRUNCATE {VERSIONS} CASCADE"),
            "DISABLE TRIGGER": _refused(
                ProgrammingError, f"ALTER TABLE {PDFS} DISABLE TRIGGER agreements_pdf_immutable"
            ),
            "DISABLE TRIGGER USER": _refused(
                ProgrammingError, f"ALTER TABLE {VERSIONS} DISABLE TRIGGER USER"
            ),
            "DROP TRIGGER": _refused(
                ProgrammingError, f"DROP TRIGGER agreements_pdf_immutable ON {PDFS}"
            ),
            "session_replication_role": _refused(
                ProgrammingError, "SET session_replication_role = replica"
            ),
            "UPDATE": _refused(
                IntegrityError,
                f"UPDATE {PDFS} SET content = %s WHERE id = %s",  # noqa: S608
                [b"%PDF-forged", pdf.pk],
            ),
            "DELETE": _refused(IntegrityError, f"DELETE FROM {PDFS} WHERE id = %s", [pdf.pk]),  # noqa: S608
        }
        still_there = AgreementVersionPDF.objects.filter(pk=pdf.pk).count()

    for statement in ("TRUNCATE", "session_replication_role"):
        for label, message in refusals.items():
            if label.startswith(statement):
                assert "permission denied" in message, (label, message)
    for label in ("DISABLE TRIGGER", "DISABLE TRIGGER USER", "DROP TRIGGER"):
        assert "must be owner" in refusals[label], (label, refusals[label])
    assert "stored agreement PDFs are immutable: UPDATE refused" in refusals["UPDATE"]
    assert "stored agreement PDFs are immutable: DELETE refused" in refusals["DELETE"]
    assert still_there == 1
    assert bytes(AgreementVersionPDF.objects.get(pk=pdf.pk).content) == bytes(pdf.content)


def test_tables_created_by_later_migrations_are_granted_when_the_owner_creates_them(app_role):
    """The README's default privileges: a table the owner adds later is usable at once."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE role_test_later (id bigserial PRIMARY KEY, note text)")
    try:
        with _connected_as(app_role):
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO role_test_later (note) VALUES ('written by the app')")
                cursor.execute("SELECT note FROM role_test_later")
                notes = [row[0] for row in cursor.fetchall()]
            refused = _refused(ProgrammingError, "DROP TABLE role_test_later")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE role_test_later")
    assert notes == ["written by the app"]
    assert "must be owner" in refused
