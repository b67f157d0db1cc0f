"""Fixtures for the bulk export: agreements published through the lifecycle services."""

from tests.api.test_public_only import under_amendment  # noqa: F401 (fixture reused)
from tests.site.conftest import publish, unpublished  # noqa: F401 (fixtures reused)
