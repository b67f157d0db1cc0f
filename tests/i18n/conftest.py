"""Fixtures for the language tests: the public site's publishing fixture."""

from tests.site.conftest import publish  # noqa: F401
