"""`/healthz` answers 200 when the database and the cache answer, 503 naming what failed."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_cache_down_is_unavailable(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionError("cache server refused the connection")

    monkeypatch.setattr("registry.health.cache.set", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unavailable"}


@pytest.mark.django_db
def test_database_down_is_unavailable(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise connection.Database.OperationalError("server closed the connection")

    monkeypatch.setattr("registry.health.connection.cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "cache": "ok"}


@pytest.mark.django_db
def test_only_reads(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
