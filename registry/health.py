"""`/healthz`: is this process able to serve? For load balancers and orchestrators.

It answers 200 when the database and the cache both answer, 503 otherwise, with which one failed.
It reads nothing about agreements and sets no cookie, so it is safe to call without a session.
"""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

_PROBE_KEY = "healthz:probe"


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any driver error means "not healthy"; the log says which
        logger.exception("Health check: the database did not answer")
        return False


def _cache_ok() -> bool:
    try:
        cache.set(_PROBE_KEY, "ok", timeout=10)
        return cache.get(_PROBE_KEY) == "ok"
    except Exception:  # a cache server that is down raises its client's own errors
        logger.exception("Health check: the cache did not answer")
        return False


@never_cache
@require_safe
def healthz(request):
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    healthy = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            **{name: "ok" if ok else "unavailable" for name, ok in checks.items()},
        },
        status=200 if healthy else 503,
    )
