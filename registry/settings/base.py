"""Settings shared by every environment. Environment variables are read in one block below."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


# --- Environment -----------------------------------------------------------------------------
SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
# PostgreSQL only: prepared statements (below) on unless set to false, e.g. behind a connection
# pooler in transaction mode that does not track them (PgBouncer before 1.21).
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)
REDIS_URL = os.environ.get("REDIS_URL", "")
# "immediate" runs background work (PDF rendering, expiry) inside the request or command;
# "database" queues it for `manage.py db_worker` (django-tasks-db).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
# The public base URL: links in e-mails (password resets, notifications) are built from it, never
# from the request's Host header. Production requires it, over https unless SITE_URL_ALLOW_HTTP.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
SITE_URL_ALLOW_HTTP = env_bool("SITE_URL_ALLOW_HTTP", False)
WAGTAILADMIN_BASE_URL = SITE_URL or "http://127.0.0.1:8000"
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media"))
# Files only some people may read (report attachments): outside MEDIA_ROOT and STATIC_ROOT, never
# served by a URL of their own; views check permissions and send them as downloads.
PRIVATE_MEDIA_ROOT = os.environ.get("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media"))
# Largest report attachment accepted, in bytes (default 10 MB).
REPORT_ATTACHMENT_MAX_BYTES = env_int("REPORT_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
STATIC_ROOT = os.environ.get("STATIC_ROOT", str(BASE_DIR / "static"))
# E-mail. Without EMAIL_BACKEND, development prints messages to the console and production sends
# them through the SMTP server below; production refuses backends that print or keep messages.
EMAIL_BACKEND_FROM_ENVIRONMENT = os.environ.get("EMAIL_BACKEND", "").strip()
EMAIL_BACKEND = EMAIL_BACKEND_FROM_ENVIRONMENT or "django.core.mail.backends.console.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "").strip()
EMAIL_PORT = env_int("EMAIL_PORT", 0)  # 0: smtplib's default (25, or 465 with SSL)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "").strip()
# HSTS (production only): also cover subdomains, and allow the domain on browsers' preload lists.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Where browsers report Content-Security-Policy violations (optional), e.g. a collector's URL.
CSP_REPORT_ENDPOINT = os.environ.get("CSP_REPORT_URI", "").strip()
# How many reverse proxies that append to X-Forwarded-For stand in front of the application: 0
# takes the client's address from REMOTE_ADDR (login throttling, security log).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# -----------------------------------------------------------------------------------------------

INSTALLED_APPS = [
    "registry",
    "accounts",
    "jurisdictions",
    "agreements",
    "cms",
    "opendata",
    "workspace",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.users_app.RegistryUsersAppConfig",  # wagtail.users with the roles field
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "guardian",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response (registry/middleware.py).
    "registry.middleware.ContentSecurityPolicyMiddleware",
    "registry.middleware.PermissionsPolicyMiddleware",
    # Under /api/: CORS, ETag and 304, JSON bodies for every 4xx (opendata/api/middleware.py).
    "opendata.api.middleware.ApiResponseMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A null character in the address is refused (400), and a cookie carrying one is dropped,
    # before the session, any view or the database sees it.
    "registry.input_guard.NullCharacterMiddleware",
    # Public pages for visitors without a session, from the cache (registry/page_cache.py); before
    # the session so that a cached page costs no session or database read at all.
    "registry.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "registry.middleware.SessionIdleTimeoutMiddleware",
    "registry.middleware.PublicLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-factor: which device verified this session, then send unverified staff to verify/enrol.
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a refused sign-in of a locked-out account into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "registry.urls"
WSGI_APPLICATION = "registry.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            # Dates as each language writes them, for templates of every app (registry/dates.py).
            "libraries": {"registry_dates": "registry.template_dates"},
        },
    },
]

DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
# PostgreSQL binds the parameters itself and, once a connection has run a statement 5 times,
# keeps it prepared: with Django's default (psycopg's ClientCursor, values written into the SQL)
# the server parses and plans the same few queries of every page anew on each request. At 10,000
# agreements this took the server's CPU per page down by 12-59% (agreement page 1.22 -> 0.50 ms,
# organisation page 4.87 -> 3.41 ms) and the whole request's CPU by 4-16%; through gunicorn and
# wrk (interleaved A/B, noisy) most pages served more requests per second, up to 15%. Connections
# persist (conn_max_age), and their prepared statements with them (up to 100 per connection).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and (
    DATABASE_PREPARED_STATEMENTS
):
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "server_side_binding": True,
        "prepare_threshold": 5,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The anonymous page cache (registry/page_cache.py): how long a page may stay in the cache at most
# (it is invalidated as soon as the published data changes, whatever this says); 0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60 * 60 * 24)
# Wagtail's routing (site, page tree, view restrictions) and the navigation links kept in the cache
# under a version raised when a page or a site changes (cms/routing.py). It needs a cache that every
# process shares, or a single process: production turns it off without REDIS_URL. The read model's
# earliest due day (agreements.published_read_model.next_due) is kept in the cache on the same terms.
SITE_STRUCTURE_CACHE = env_bool("SITE_STRUCTURE_CACHE", True)
# Apps whose rows public pages are made of: a write to any of them invalidates the cached pages.
PAGE_CACHE_DATA_APPS = frozenset({"agreements", "jurisdictions", "cms", "wagtailcore"})
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    # First: refuses any sign-in of a locked-out username from that address (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# guardian: no anonymous user row; the public is handled by querysets, not object permissions.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Moncton"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static_src"] if (BASE_DIR / "static_src").exists() else []
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Private files have no URL (agreements.views.reports serves them after a permission check).
    "private": {
        "BACKEND": "registry.private_storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
}


TASKS_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if TASKS_BACKEND not in TASKS_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(TASKS_BACKENDS)}, not {TASKS_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[TASKS_BACKEND]}}

WAGTAIL_SITE_NAME = "Intergovernmental Agreement Registry"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "csv", "txt", "json"]
# No Gravatar: staff e-mail hashes would go to a third party and the images break offline.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No call to releases.wagtail.org from staff browsers (the policy above would refuse it anyway).
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Staff sessions end after 30 minutes without a request (registry.middleware.
# SessionIdleTimeoutMiddleware keeps a used session alive), and when the browser closes.
SESSION_COOKIE_AGE = 30 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# A mail server that does not answer fails the send after 10 s instead of hanging the request.
EMAIL_TIMEOUT = 10

# Content-Security-Policy (django-csp): everything from this site only; no inline or evaluated
# script on the public site. docs/decisions/0012-content-security-policy.md explains the
# exceptions: inline styles, and inline scripts in the staff admin (CONTENT_SECURITY_POLICY_ADMIN).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
        **({"report-uri": [CSP_REPORT_ENDPOINT]} if CSP_REPORT_ENDPOINT else {}),
    }
}
# Under /admin/ these directives replace the ones above (registry/middleware.py): Wagtail's admin
# writes inline <script> elements for date pickers, inline panels, filters and choosers.
CONTENT_SECURITY_POLICY_ADMIN = {"script-src": [SELF, UNSAFE_INLINE]}
# Permissions-Policy (registry/middleware.py): no page of the registry uses these browser features.
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "serial": [],
    "bluetooth": [],
    "display-capture": [],
}

LOGIN_URL = "wagtailadmin_login"

# Login throttling (django-axes, accounts/throttling.py): 5 failed sign-ins for one username from
# one address lock that pair for 15 minutes (each further try restarts the wait); a registrar can
# unlock earlier from Settings > Locked-out accounts. The address comes from REMOTE_ADDR, or
# from X-Forwarded-For when TRUSTED_PROXY_COUNT says how many proxies append to it.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Two-factor authentication (django-otp, accounts/): TOTP required for registrars and ministers'
# offices, optional for liaison officers; recovery codes are single-use static tokens.
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# After each wrong code, the next try is refused for 1, 2, 4, 8... seconds (per device).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Security events (registry/security_log.py) are written whatever LOG_LEVEL says.
    "loggers": {"registry.security": {"level": "INFO"}},
}
