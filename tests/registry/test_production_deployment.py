"""Production queues background work for `db_worker` and writes JSON log lines by default."""

import json

from tests.registry.test_production_settings import loaded, run

SHOW = (
    "import json, registry.settings.production as s; "
    "print(json.dumps({'tasks': s.TASKS['default']['BACKEND'], "
    "'formatter': s.LOGGING['handlers']['console'].get('formatter'), "
    "'page_cache': s.PAGE_CACHE_SECONDS}))"
)
LOG_A_LINE = (
    "import django, logging, os; "
    "os.environ['DJANGO_SETTINGS_MODULE'] = 'registry.settings.production'; django.setup(); "
    "logging.getLogger('registry.security').warning('Sign-in refused', extra={'attempts': 3})"
)


def test_database_task_queue_and_json_logs_by_default():
    assert loaded(run(["-c", SHOW])) == {
        "tasks": "django_tasks_db.DatabaseBackend",
        "formatter": "json",
        "page_cache": 0,  # no shared cache (REDIS_URL): no page cache
    }


def test_environment_chooses_immediate_tasks_and_text_logs():
    settings = loaded(run(["-c", SHOW], TASKS_BACKEND="immediate", LOG_FORMAT="text"))
    assert settings == {
        "tasks": "django_tasks.backends.immediate.ImmediateBackend",
        "formatter": None,
        "page_cache": 0,
    }


def test_page_cache_on_with_a_shared_cache():
    settings = loaded(run(["-c", SHOW], REDIS_URL="redis://127.0.0.1:6379/3"))
    assert settings["page_cache"] == 86400


def test_page_cache_without_a_shared_cache_refused():
    result = run(["-c", SHOW], PAGE_CACHE_SECONDS="600")
    assert result.returncode != 0
    assert "PAGE_CACHE_SECONDS needs REDIS_URL in production" in result.stderr


def test_unknown_log_format_refused():
    result = run(["-c", SHOW], LOG_FORMAT="xml")
    assert result.returncode != 0
    assert "LOG_FORMAT must be json or text, not 'xml'." in result.stderr


def test_a_log_line_is_json():
    result = run(["-c", LOG_A_LINE])
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert (line["level"], line["logger"], line["message"], line["attempts"]) == (
        "WARNING",
        "registry.security",
        "Sign-in refused",
        3,
    )
