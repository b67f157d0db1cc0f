"""`manage.py backup_registry` and `restore_registry` (registry/backup.py): a registry restored
from its backup into a new, empty database and empty folders serves the same public pages, the
same PDFs (the SHA-256 recorded at signing) and the same private report attachments.

On SQLite and on PostgreSQL. The backup is made by this test process from its own test database;
the restore and the serving run in other processes with the production settings
(tests/deployment/settings.py), as an operator would run them on a new machine.
"""

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from agreements.models import AgreementVersion
from registry.backup import FOLDERS as FOLDER_SETTINGS
from registry.backup import files_path
from tests.browser.conftest import site_pages_ensure
from tests.deployment import processes
from tests.factories import ReportFactory, agreement_into_force, amendment_signed

pytestmark = pytest.mark.django_db(transaction=True)

WORD = "snowmobile"
MEDIA_FILE = b"Rapport annuel / Annual report"
ATTACHMENT = b"%PDF-1.4\n% evidence of snowmobile registrations, first quarter\n%%EOF\n"


@pytest.fixture
def stored_files(settings, tmp_path):
    """MEDIA_ROOT and PRIVATE_MEDIA_ROOT of this test's own, so the backup holds only its files.
    (The report's attachment is written there directly: a FileField keeps the storage it was
    given when the model was imported, whatever the settings say later.)"""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")
    files = {
        "media": ("documents/annual-report.txt", MEDIA_FILE),
        "private-media": ("reports/evidence.pdf", ATTACHMENT),
    }
    for folder, (name, content) in files.items():
        path = tmp_path / folder / name
        path.parent.mkdir(parents=True)
        path.write_bytes(content)
    return files


@pytest.fixture
def fresh_database(transactional_db, tmp_path):
    """The DATABASE_URL of a new, empty database of the same kind as the test database."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield processes.postgresql_url(connection.settings_dict, name)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _main(html: str) -> str:
    """The page's <main> element: what the page says, without the per-request parts around it."""
    found = re.search(r"<main\b.*?</main>", html, re.DOTALL)
    assert found, html[:500]
    return found.group(0)


def _manage(environment: dict, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - this interpreter, manage.py and fixed arguments
        [sys.executable, "manage.py", *arguments],
        cwd=processes.ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_restored_registry_serves_the_same_pages_pdfs_and_attachments(
    registrar, stored_files, fresh_database, tmp_path
):
    site_pages_ensure()
    agreement = agreement_into_force(by=registrar)
    responsibility = agreement.responsibilities.order_by("sort_order").first()

    def change(agreement):
        responsibility.text_en = f"Register every {WORD} within ten business days."
        responsibility.save()

    amendment_signed(
        agreement,
        by=registrar,
        effective_date=agreement.effective_date.replace(year=2024),
        change=change,
    )
    ReportFactory(
        responsibility=responsibility,
        submitted_by=registrar,
        attachment=stored_files["private-media"][0],
    )

    jurisdiction = agreement.parties.first().organization.jurisdiction.slug
    pages = [
        "/en/",
        "/fr/",
        "/en/agreements/",
        f"/en/agreements/{agreement.reference}/",
        f"/fr/agreements/{agreement.reference}/",
        f"/en/agreements/?q={WORD}",
        f"/en/jurisdictions/{jurisdiction}/",
    ]
    client = Client()
    before = {}
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        before[path] = _main(response.content.decode())
    assert agreement.title_en in before[f"/en/agreements/?q={WORD}"]
    assert f"Register every {WORD}" in before[f"/en/agreements/{agreement.reference}/"]
    pdfs = {
        f"/{language}/pdf/{agreement.reference}/versions/{version.number}/{language}.pdf": (
            version.recorded_pdf_sha256(language)
        )
        for version in AgreementVersion.objects.filter(agreement=agreement)
        for language in ("en", "fr")
    }
    assert len(pdfs) == 4
    for path, recorded in pdfs.items():
        response = client.get(path)
        assert response.status_code == 200, path
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert hashlib.sha256(body).hexdigest() == recorded, path

    backup = tmp_path / "backups" / "registry.dump"
    call_command("backup_registry", str(backup), verbosity=0)
    assert backup.stat().st_size > 0
    assert files_path(backup).stat().st_size > 0

    # A new machine: an empty database and empty folders, restored in a process of its own.
    environment = processes.production_environment(fresh_database, str(tmp_path / "restored"))
    restored = _manage(environment, "restore_registry", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert "2 stored file(s)" in restored.stdout
    for folder, (name, content) in stored_files.items():
        assert (tmp_path / "restored" / folder / name).read_bytes() == content

    # Restoring again over the restored registry is refused, and changes nothing.
    again = _manage(environment, "restore_registry", str(backup))
    assert again.returncode != 0
    assert "already has" in again.stderr and "--force" in again.stderr

    # --force replaces what is there: the database and the folders' contents.
    stray = tmp_path / "restored" / "media" / "stray.txt"
    stray.write_bytes(b"not in the backup")
    forced = _manage(environment, "restore_registry", "--force", str(backup))
    assert forced.returncode == 0, forced.stderr
    assert not stray.exists()
    for folder, (name, content) in stored_files.items():
        assert (tmp_path / "restored" / folder / name).read_bytes() == content

    port = processes.free_port()
    server = processes.start_gunicorn(environment, port)
    try:
        for path in pages:
            answer = processes.get(port, path)
            assert answer.status == 200, (path, answer.status)
            assert _main(answer.text) == before[path], path
        for path, recorded in pdfs.items():
            answer = processes.get(port, path)
            assert answer.status == 200, path
            assert hashlib.sha256(answer.body).hexdigest() == recorded, path
    finally:
        processes.stop(server)


@pytest.fixture
def backup_pair(tmp_path):
    """A database backup file and a valid (empty) archive of stored files beside it."""
    import tarfile

    backup = tmp_path / "registry.dump"
    with tarfile.open(files_path(backup), "w:gz"):
        pass
    return backup


@pytest.mark.parametrize(
    ("content", "message", "made_on"),
    [
        (b"SELECT 1;\n", "is not a database backup made by backup_registry", None),
        (
            b"PGDMP\x01\x0e\x00",
            "is a postgresql backup, but this registry's database is sqlite",
            "postgresql",
        ),
        (
            b"SQLite format 3\x00",
            "is a sqlite backup, but this registry's database is postgresql",
            "sqlite",
        ),
    ],
)
def test_restore_refuses_what_is_not_a_backup_of_this_database(
    db, backup_pair, stored_files, settings, content, message, made_on
):
    if made_on == connection.vendor:
        pytest.skip(f"a {made_on} backup is the right kind on {connection.vendor}")
    backup_pair.write_bytes(content)
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("restore_registry", str(backup_pair), "--force")
    # Nothing was touched: the folders keep their files.
    for folder, (name, data) in stored_files.items():
        assert (Path(getattr(settings, FOLDER_SETTINGS[folder])) / name).read_bytes() == data


def test_restore_refuses_a_backup_without_its_files(db, stored_files, tmp_path):
    backup = tmp_path / "registry.dump"
    call_command("backup_registry", str(backup), verbosity=0)
    files_path(backup).unlink()
    with pytest.raises(CommandError, match=r"registry\.dump\.files\.tar\.gz does not exist"):
        call_command("restore_registry", str(backup), "--force")
