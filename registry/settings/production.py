"""Production: refuse to start without the settings that make it safe."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

SMTP_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# Backends that print, store or drop messages: a password-reset link would end up in a log or a
# file instead of the user's mailbox.
REFUSED_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment for production.")
# Login throttling and the security log key on the client's address: behind a proxy that is not
# counted, every client shares the proxy's address and one person could lock everyone out.
if not os.environ.get("TRUSTED_PROXY_COUNT", "").strip():
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be set in the environment for production.")

EMAIL_BACKEND = EMAIL_BACKEND_FROM_ENVIRONMENT or SMTP_EMAIL_BACKEND  # noqa: F405
if EMAIL_BACKEND in REFUSED_EMAIL_BACKENDS:
    raise ImproperlyConfigured(
        f"EMAIL_BACKEND {EMAIL_BACKEND} only prints or keeps messages: production needs a backend "
        "that delivers them (leave EMAIL_BACKEND unset for SMTP)."
    )
if EMAIL_BACKEND == SMTP_EMAIL_BACKEND:
    for name, value in (
        ("EMAIL_HOST", EMAIL_HOST),  # noqa: F405
        ("EMAIL_PORT", EMAIL_PORT),  # noqa: F405
        ("EMAIL_HOST_USER", EMAIL_HOST_USER),  # noqa: F405
        ("EMAIL_HOST_PASSWORD", EMAIL_HOST_PASSWORD),  # noqa: F405
    ):
        if not value:
            raise ImproperlyConfigured(f"{name} must be set in the environment for production.")
    if EMAIL_USE_TLS == EMAIL_USE_SSL:  # noqa: F405
        raise ImproperlyConfigured(
            "Exactly one of EMAIL_USE_TLS and EMAIL_USE_SSL must be true in production: the "
            "password to the mail server must not travel in clear."
        )
if not DEFAULT_FROM_EMAIL:  # noqa: F405
    raise ImproperlyConfigured("DEFAULT_FROM_EMAIL must be set in the environment for production.")
SERVER_EMAIL = DEFAULT_FROM_EMAIL  # noqa: F405

if not SITE_URL:  # noqa: F405
    raise ImproperlyConfigured("SITE_URL must be set in the environment for production.")
_site_url = urlsplit(SITE_URL)  # noqa: F405
if not _site_url.netloc or _site_url.scheme not in {"https", "http"}:
    raise ImproperlyConfigured(f"SITE_URL must be an absolute URL, not {SITE_URL!r}.")  # noqa: F405
if _site_url.scheme != "https" and not SITE_URL_ALLOW_HTTP:  # noqa: F405
    raise ImproperlyConfigured(
        "SITE_URL must start with https:// in production (links in e-mails carry sign-in "
        "tokens); set SITE_URL_ALLOW_HTTP=true only for a deployment without TLS."
    )

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
# SECURE_HSTS_INCLUDE_SUBDOMAINS and SECURE_HSTS_PRELOAD come from the environment (base.py).
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Background work (PDF rendering, search indexing) is queued for `manage.py db_worker` unless the
# environment says otherwise: done inside a request, it would hold a web worker for its duration.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
if TASKS_BACKEND not in TASKS_BACKENDS:  # noqa: F405
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(TASKS_BACKENDS)}, not {TASKS_BACKEND!r}."  # noqa: F405
    )
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[TASKS_BACKEND]}}  # noqa: F405

# One JSON object per line (registry/json_logging.py) for log collectors; LOG_FORMAT=text to read
# a console by eye.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}.")
if LOG_FORMAT == "json":
    LOGGING["formatters"] = {"json": {"()": "registry.json_logging.JsonFormatter"}}  # noqa: F405
    LOGGING["handlers"]["console"]["formatter"] = "json"  # noqa: F405

# Each worker process has its own memory cache: without a shared cache (REDIS_URL), a page that
# one process invalidated would still be served by another, so production caches pages only with
# Redis.
if not REDIS_URL:  # noqa: F405
    if os.environ.get("PAGE_CACHE_SECONDS", "").strip() not in {"", "0"}:
        raise ImproperlyConfigured(
            "PAGE_CACHE_SECONDS needs REDIS_URL in production: the processes must share the "
            "cache for a change to reach every cached page."
        )
    PAGE_CACHE_SECONDS = 0
    # The same for the cached routing and navigation (cms/routing.py): a page unpublished through
    # one process must not stay routable in another.
    if env_bool("SITE_STRUCTURE_CACHE", False):
        raise ImproperlyConfigured(
            "SITE_STRUCTURE_CACHE needs REDIS_URL in production: the processes must share the "
            "cache for a page change to reach every process."
        )
    SITE_STRUCTURE_CACHE = False
