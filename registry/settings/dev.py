"""Local development: DEBUG on, a fixed insecure key, SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403
from .base import env_bool, env_int

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405, S105
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# The page cache is off unless asked for: `manage.py loaddemo` or `import_agreements` run in
# another process, whose writes cannot reach the development server's own memory cache.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
