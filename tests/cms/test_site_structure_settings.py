"""Production keeps routing and navigation in the cache only when every process shares it."""

from tests.registry.test_production_settings import loaded, run

SHOW = (
    "import json, registry.settings.production as s; "
    "print(json.dumps({'site_structure_cache': s.SITE_STRUCTURE_CACHE}))"
)


def test_routing_cache_off_without_a_shared_cache():
    assert loaded(run(["-c", SHOW])) == {"site_structure_cache": False}


def test_routing_cache_on_with_a_shared_cache():
    settings = loaded(run(["-c", SHOW], REDIS_URL="redis://127.0.0.1:6379/3"))
    assert settings == {"site_structure_cache": True}


def test_routing_cache_asked_for_without_a_shared_cache_refused():
    result = run(["-c", SHOW], SITE_STRUCTURE_CACHE="1")
    assert result.returncode != 0
    assert "SITE_STRUCTURE_CACHE needs REDIS_URL in production" in result.stderr
