"""Test settings: fast hashing, in-memory cache, immediate tasks, no manifest for static files."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = str(BASE_DIR / ".test-media")  # noqa: F405
PRIVATE_MEDIA_ROOT = str(BASE_DIR / ".test-private-media")  # noqa: F405
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
# No collectstatic in tests: whitenoise serves from the finders and skips STATIC_ROOT.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
ALLOWED_HOSTS = ["*"]
# The page cache is off in tests, which request the same pages against different data; the tests
# of the cache turn it on (tests/site/test_page_cache.py).
PAGE_CACHE_SECONDS = 0
