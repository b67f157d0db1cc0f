"""Settings for serving the benchmark database with gunicorn: the development settings with DEBUG
off (as production serves), local hosts only, and one extra URL, the trivial "hello" view every
page is compared with (benchmarks/http_urls.py)."""

from registry.settings.dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "benchmarks.http_urls"
# Static files are not what is measured; serve them from the sources without collectstatic.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None
