"""Fixtures for the public API: agreements published through the lifecycle services."""

import pytest

from tests.site.conftest import publish, unpublished  # noqa: F401 (fixtures reused)


@pytest.fixture
def api_get(client):
    """GET an API address and return (response, parsed JSON)."""

    def get(path, **headers):
        response = client.get(path, **headers)
        return response, response.json()

    return get
