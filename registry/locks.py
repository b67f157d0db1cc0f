"""A lock that several machines running the same command share, held in the database.

PostgreSQL's advisory locks are shared by every process connected to the database, so two
schedulers starting `run_daily` at once run it one after the other. SQLite lives on one machine
and already lets one writer in at a time, so there the lock is only the command's own.
"""

import contextlib
import zlib

from django.db import connection


def _key(name: str) -> int:
    # A stable 32-bit key from the name (Python's hash() changes between processes).
    return zlib.crc32(name.encode("utf-8"))


@contextlib.contextmanager
def exclusive(name: str):
    """Hold the database-wide lock called `name` for the block; wait for it if another process
    holds it."""
    if connection.vendor != "postgresql":
        yield
        return
    key = _key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [key])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
