"""Settings come from the environment; production refuses to start without what makes it safe.

Each case imports the settings module in a fresh interpreter with only the variables it sets, so
nothing from this test process (or the developer's shell) leaks in.
"""

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from registry.settings.base import env_bool, env_list
from tests.registry.test_production_settings import PRODUCTION_ENVIRONMENT

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent

SHOW_SETTINGS = (
    "import json, importlib; "
    "s = importlib.import_module('{module}'); "
    "db = s.DATABASES['default']; "
    "print(json.dumps({{'engine': db['ENGINE'], 'name': str(db['NAME']), 'host': db.get('HOST', ''), "
    "'debug': s.DEBUG, 'allowed_hosts': s.ALLOWED_HOSTS, 'cache': s.CACHES['default']['BACKEND']}}))"
)


def import_settings(module: str, **environ: str) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ.get("PATH", ""), **environ}
    return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "-c", SHOW_SETTINGS.format(module=module)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def loaded(result: subprocess.CompletedProcess) -> dict:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_refuses_to_start_when_secret_key_missing():
    result = import_settings("registry.settings.production")
    assert result.returncode != 0
    assert (
        "django.core.exceptions.ImproperlyConfigured: "
        "SECRET_KEY must be set in the environment for production."
    ) in result.stderr


def test_production_refuses_to_start_when_allowed_hosts_empty():
    result = import_settings("registry.settings.production", SECRET_KEY="x" * 50, ALLOWED_HOSTS="")
    assert result.returncode != 0
    assert (
        "django.core.exceptions.ImproperlyConfigured: "
        "ALLOWED_HOSTS must be set in the environment for production."
    ) in result.stderr


def test_production_starts_with_debug_off_when_secret_key_set():
    settings = loaded(
        import_settings(
            "registry.settings.production",
            **{
                **PRODUCTION_ENVIRONMENT,
                "ALLOWED_HOSTS": "registry.example.gc.ca, www.registry.example.gc.ca",
                "DEBUG": "true",
            },
        )
    )
    assert settings["debug"] is False
    assert settings["allowed_hosts"] == ["registry.example.gc.ca", "www.registry.example.gc.ca"]


def test_postgresql_selected_when_database_url_points_at_it():
    settings = loaded(
        import_settings(
            "registry.settings.dev", DATABASE_URL="postgres://registry@db.internal:5432/registry"
        )
    )
    assert (settings["engine"], settings["name"], settings["host"]) == (
        "django.db.backends.postgresql",
        "registry",
        "db.internal",
    )


def test_sqlite_file_selected_when_database_url_unset():
    settings = loaded(import_settings("registry.settings.dev"))
    assert settings["engine"] == "django.db.backends.sqlite3"
    assert settings["name"] == str(PROJECT_ROOT / "db.sqlite3")


def test_redis_cache_selected_when_redis_url_set():
    settings = loaded(
        import_settings("registry.settings.dev", REDIS_URL="redis://127.0.0.1:6379/1")
    )
    assert settings["cache"] == "django.core.cache.backends.redis.RedisCache"


def redis_listening() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


# Skips only on a developer machine without Redis; CI starts Redis, so there it must run.
@pytest.mark.skipif(
    not redis_listening() and not os.environ.get("CI"), reason="no Redis server on 127.0.0.1:6379"
)
def test_values_shared_through_redis_when_redis_url_set():
    key = f"registry-settings-test-{uuid.uuid4()}"
    script = (
        "import django; django.setup(); "
        "from django.core.cache import cache; "
        f"cache.set('{key}', 'shared', 30); print(cache.get('{key}')); cache.delete('{key}')"
    )
    result = subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        env={
            "PATH": os.environ.get("PATH", ""),
            "DJANGO_SETTINGS_MODULE": "registry.settings.dev",
            "REDIS_URL": "redis://127.0.0.1:6379/15",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "shared"


def test_local_memory_cache_selected_when_redis_url_unset():
    settings = loaded(import_settings("registry.settings.dev"))
    assert settings["cache"] == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), (" Yes ", True), ("on", True), ("0", False), ("no", False)],
)
def test_boolean_read_when_variable_set(monkeypatch, raw, expected):
    monkeypatch.setenv("REGISTRY_TEST_FLAG", raw)
    assert env_bool("REGISTRY_TEST_FLAG", not expected) is expected


def test_default_used_when_boolean_variable_unset(monkeypatch):
    monkeypatch.delenv("REGISTRY_TEST_FLAG", raising=False)
    assert env_bool("REGISTRY_TEST_FLAG", True) is True


def test_list_split_on_commas_when_variable_set(monkeypatch):
    monkeypatch.setenv("REGISTRY_TEST_LIST", "a.example, b.example,,")
    assert env_list("REGISTRY_TEST_LIST") == ["a.example", "b.example"]


def test_start_refused_when_tasks_backend_unknown():
    result = import_settings("registry.settings.dev", TASKS_BACKEND="celery")
    assert result.returncode != 0
    assert "TASKS_BACKEND must be one of immediate, database, not 'celery'." in result.stderr


def test_database_worker_selected_when_tasks_backend_is_database():
    show = "import registry.settings.dev as s; print(s.TASKS['default']['BACKEND'])"
    result = subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "-c", show],
        cwd=PROJECT_ROOT,
        env={"PATH": os.environ.get("PATH", ""), "TASKS_BACKEND": "database"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.stdout.strip() == "django_tasks_db.DatabaseBackend", result.stderr
