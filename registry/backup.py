"""Backing up and restoring a whole registry: the database and the files stored on disk.

A backup is two files side by side:

- FILE: the database. On PostgreSQL a `pg_dump` archive in its custom format (restored with
  `pg_restore`); on SQLite a copy of the database file made with SQLite's online backup API, so
  both are consistent even while the registry is serving.
- FILE.files.tar.gz: the folders of stored files, `MEDIA_ROOT` (images and documents of the
  editorial pages) under `media/` and `PRIVATE_MEDIA_ROOT` (report attachments) under
  `private-media/`. Agreement PDFs live in the database, with the SHA-256 recorded at signing.

The database is dumped first, then the files: a file uploaded meanwhile is in the archive
without a row pointing at it, never the reverse.

A restore goes into an empty database (one without tables, e.g. just made with `createdb`) and
empty folders; anything else is refused, unless `force` says to replace what is there. Both
files are checked before anything is changed, and on PostgreSQL the archive is restored in one
transaction, so a failed restore leaves the database as it was.
"""

import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections

from registry.page_cache import published_data_changed

FILES_SUFFIX = ".files.tar.gz"
POSTGRESQL_MAGIC = b"PGDMP"
SQLITE_MAGIC = b"SQLite format 3\x00"
# Archive folder -> the setting naming where those files live.
FOLDERS = {"media": "MEDIA_ROOT", "private-media": "PRIVATE_MEDIA_ROOT"}

NOT_EMPTY_DATABASE = (
    "The database {name} already has {count} table(s): restore into an empty database (e.g. "
    "one made with createdb), or pass --force to replace everything in it."
)
NOT_EMPTY_FOLDER = (
    "{setting} ({path}) already holds files: restore into an empty folder, or pass --force to "
    "replace its contents."
)
MISSING = "{path} does not exist."
NOT_A_BACKUP = "{path} is not a {kind} backup made by backup_registry."
WRONG_DATABASE = "{path} is a {found} backup, but this registry's database is {expected}."
UNSUPPORTED = "Backups cover PostgreSQL and SQLite databases, not {vendor}."
TOOL_MISSING = "{tool} is not installed (on Debian: apt-get install postgresql-client)."
TOOL_FAILED = "{tool} failed: {detail}"


class BackupError(Exception):
    """A backup or restore that cannot be done; nothing was changed."""


@dataclass(frozen=True)
class Summary:
    database: Path
    files: Path
    vendor: str
    database_bytes: int
    file_count: int


def files_path(path: Path) -> Path:
    """Where the archive of stored files goes, next to the database backup `path`."""
    return path.with_name(path.name + FILES_SUFFIX)


def registry_backup(path: Path, *, using: str = "default") -> Summary:
    """Write the database to `path` and the stored files to `files_path(path)`."""
    path = Path(path)
    vendor = database_backup(path, using=using)
    count = _files_archive(files_path(path))
    return Summary(path, files_path(path), vendor, path.stat().st_size, count)


def database_backup(path: Path, *, using: str = "default") -> str:
    """Write the database alone to `path`; returns its vendor ("postgresql" or "sqlite")."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = connections[using]
    if connection.vendor == "postgresql":
        _postgresql_dump(connection, path)
    elif connection.vendor == "sqlite":
        _sqlite_copy(connection, path)
    else:
        raise BackupError(UNSUPPORTED.format(vendor=connection.vendor))
    return connection.vendor


def registry_restore(path: Path, *, force: bool = False, using: str = "default") -> Summary:
    """Restore the database from `path` and the stored files from `files_path(path)`. Raises
    BackupError, changing nothing, when either file is missing or not a backup of this kind of
    database, or when the database or the folders are not empty and `force` is false."""
    path = Path(path)
    connection = connections[using]
    archive = files_path(path)
    _check_backup(connection, path)
    count = _check_archive(archive)
    if not force:
        tables = connection.introspection.table_names()
        if tables:
            name = connection.settings_dict["NAME"]
            raise BackupError(NOT_EMPTY_DATABASE.format(name=name, count=len(tables)))
        for setting in FOLDERS.values():
            folder = Path(getattr(settings, setting))
            if folder.exists() and any(folder.iterdir()):
                raise BackupError(NOT_EMPTY_FOLDER.format(setting=setting, path=folder))
    if connection.vendor == "postgresql":
        _postgresql_restore(connection, path, replace=force)
    else:
        _sqlite_restore(connection, path)
    _files_extract(archive)
    # Pages cached from the database that was there before must not be served again.
    published_data_changed()
    return Summary(path, archive, connection.vendor, path.stat().st_size, count)


# --- PostgreSQL ------------------------------------------------------------------------------


def _postgresql_environment(connection) -> dict:
    """libpq's variables for the connection's database, so no password is on a command line."""
    database = connection.settings_dict
    values = {
        "PGDATABASE": database["NAME"],
        "PGUSER": database["USER"],
        "PGPASSWORD": database["PASSWORD"],
        "PGHOST": database["HOST"],
        "PGPORT": str(database["PORT"] or ""),
        "PGSSLMODE": (database.get("OPTIONS") or {}).get("sslmode", ""),
    }
    return {**os.environ, **{name: value for name, value in values.items() if value}}


def _run(tool: str, arguments: list[str], connection) -> None:
    executable = shutil.which(tool)
    if executable is None:
        raise BackupError(TOOL_MISSING.format(tool=tool))
    result = subprocess.run(  # noqa: S603 - a PostgreSQL client tool with our own arguments
        [executable, *arguments],
        env=_postgresql_environment(connection),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        detail = result.stderr.strip() or f"exit status {result.returncode}"
        raise BackupError(TOOL_FAILED.format(tool=tool, detail=detail))


def _postgresql_dump(connection, path: Path) -> None:
    partial = path.with_name(path.name + ".partial")
    try:
        # Without owners and grants: the restoring role owns what it restores, and the grants
        # of the application role are given again there (README, "Backup and restore").
        _run(
            "pg_dump",
            ["--format=custom", "--no-owner", "--no-privileges", f"--file={partial}"],
            connection,
        )
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def _postgresql_restore(connection, path: Path, *, replace: bool) -> None:
    if replace:
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    connection.close()  # pg_restore works through its own connection
    _run(
        "pg_restore",
        [
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}",
            str(path),
        ],
        connection,
    )


# --- SQLite ----------------------------------------------------------------------------------


def _sqlite_copy(connection, path: Path) -> None:
    connection.ensure_connection()
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        target = sqlite3.connect(partial)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def _sqlite_restore(connection, path: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


# --- Checks before a restore -----------------------------------------------------------------


def _check_backup(connection, path: Path) -> None:
    if not path.is_file():
        raise BackupError(MISSING.format(path=path))
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    found = (
        "postgresql"
        if head.startswith(POSTGRESQL_MAGIC)
        else "sqlite"
        if head == SQLITE_MAGIC
        else None
    )
    if connection.vendor not in ("postgresql", "sqlite"):
        raise BackupError(UNSUPPORTED.format(vendor=connection.vendor))
    if found is None:
        raise BackupError(NOT_A_BACKUP.format(path=path, kind="database"))
    if found != connection.vendor:
        raise BackupError(WRONG_DATABASE.format(path=path, found=found, expected=connection.vendor))
    if found == "postgresql":
        _run("pg_restore", ["--list", str(path)], connection)  # reads the whole table of contents


# --- Stored files ----------------------------------------------------------------------------


def _files_archive(path: Path) -> int:
    partial = path.with_name(path.name + ".partial")
    count = 0
    try:
        with tarfile.open(partial, "w:gz") as archive:
            for folder, setting in FOLDERS.items():
                root = Path(getattr(settings, setting))
                entry = tarfile.TarInfo(folder)  # the folder itself, even when empty
                entry.type, entry.mode = tarfile.DIRTYPE, 0o755
                archive.addfile(entry)
                if not root.is_dir():
                    continue
                for file in sorted(root.rglob("*")):
                    if file.is_file() and not file.is_symlink():
                        archive.add(file, arcname=f"{folder}/{file.relative_to(root)}")
                        count += 1
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return count


def _check_archive(path: Path) -> int:
    if not path.is_file():
        raise BackupError(MISSING.format(path=path))
    try:
        with tarfile.open(path, "r:gz") as archive:
            members = archive.getmembers()
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(NOT_A_BACKUP.format(path=path, kind="files")) from error
    for member in members:
        top = member.name.split("/", 1)[0]
        if top not in FOLDERS or not (member.isfile() or member.isdir()):
            raise BackupError(NOT_A_BACKUP.format(path=path, kind="files"))
    return sum(1 for member in members if member.isfile())


def _files_extract(path: Path) -> None:
    with tempfile.TemporaryDirectory() as unpacked, tarfile.open(path, "r:gz") as archive:
        archive.extractall(unpacked, filter="data")
        for folder, setting in FOLDERS.items():
            root = Path(getattr(settings, setting))
            if root.exists():
                shutil.rmtree(root)
            source = Path(unpacked) / folder
            if source.is_dir():
                shutil.copytree(source, root)
            else:
                root.mkdir(parents=True)
