"""On PostgreSQL the server binds the parameters and prepares the statements a connection runs
again and again (registry/settings/base.py), so it stops parsing and planning the same few
queries of every page; `DATABASE_PREPARED_STATEMENTS=false` turns that off (for a connection
pooler that does not track prepared statements); SQLite has nothing of the kind."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from jurisdictions.models import Jurisdiction

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
SHOW_OPTIONS = (
    "import json; from registry.settings import base; "
    "print(json.dumps(base.DATABASES['default'].get('OPTIONS', {})))"
)


def database_options(**environ: str) -> dict:
    """OPTIONS of the default database as registry/settings/base.py builds them from `environ`
    alone (in a fresh interpreter, so nothing of this process's environment leaks in)."""
    result = subprocess.run(  # noqa: S603 - our own interpreter with fixed arguments
        [sys.executable, "-c", SHOW_OPTIONS],
        cwd=PROJECT_ROOT,
        env={"PATH": os.environ.get("PATH", ""), **environ},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_postgresql_urls_bind_server_side_and_prepare():
    options = database_options(DATABASE_URL="postgres://registry@db.internal:5432/registry")
    assert options["server_side_binding"] is True
    assert options["prepare_threshold"] >= 1


def test_prepared_statements_can_be_turned_off_for_a_pooler():
    options = database_options(
        DATABASE_URL="postgresql://registry@db.internal:5432/registry",
        DATABASE_PREPARED_STATEMENTS="false",
    )
    assert "server_side_binding" not in options
    assert "prepare_threshold" not in options


def test_sqlite_gets_no_postgresql_options():
    assert database_options(DATABASE_URL="sqlite:////tmp/registry.sqlite3") == {}


@pytest.mark.django_db
def test_a_query_run_repeatedly_is_prepared_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    threshold = connection.settings_dict["OPTIONS"]["prepare_threshold"]
    for _ in range(threshold + 1):
        list(Jurisdiction.objects.filter(slug="no-such-slug").values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        statements = [row[0] for row in cursor.fetchall()]
    # Bound by the server: the statement holds a placeholder, not the slug.
    assert any(
        '"jurisdictions_jurisdiction"."slug" = $1' in statement for statement in statements
    ), statements
