"""Production refuses to start without real e-mail delivery and an https SITE_URL, and passes
Django's deployment checks once configured.

Each case imports the settings (or runs manage.py) in a fresh interpreter with only the variables
it sets, so nothing from this test process or the developer's shell leaks in.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent

# Everything production needs; each test removes or changes one variable.
PRODUCTION_ENVIRONMENT = {
    "SECRET_KEY": "k3Jx9-vQ2m!pL7wZ_r8tY4uN6sB1cD5eF0gH2iJ4kL6mN8oP0qR2sT4uV6wX8yZ",
    "ALLOWED_HOSTS": "registry.example.gc.ca",
    "SITE_URL": "https://registry.example.gc.ca",
    "EMAIL_HOST": "smtp.example.gc.ca",
    "EMAIL_PORT": "587",
    "EMAIL_HOST_USER": "registry",
    "EMAIL_HOST_PASSWORD": "mail-server-password",
    "EMAIL_USE_TLS": "true",
    "DEFAULT_FROM_EMAIL": "registry@example.gc.ca",
    "TRUSTED_PROXY_COUNT": "1",
}

SHOW_SETTINGS = (
    "import json, registry.settings.production as s; "
    "print(json.dumps({name: getattr(s, name) for name in ("
    "'EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_USE_TLS', 'EMAIL_USE_SSL', "
    "'DEFAULT_FROM_EMAIL', 'SERVER_EMAIL', 'WAGTAILADMIN_BASE_URL', "
    "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD')}))"
)


def run(arguments: list[str], **environ: str | None) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ.get("PATH", ""), **PRODUCTION_ENVIRONMENT, **environ}
    env = {name: value for name, value in env.items() if value is not None}
    return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, *arguments],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def production_settings(**environ: str | None) -> subprocess.CompletedProcess:
    return run(["-c", SHOW_SETTINGS], **environ)


def loaded(result: subprocess.CompletedProcess) -> dict:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def refusal(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0, result.stdout
    return result.stderr.strip().splitlines()[-1]


def test_smtp_delivery_and_https_links_used_when_configured():
    settings = loaded(production_settings())
    assert settings == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.gc.ca",
        "EMAIL_PORT": 587,
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "DEFAULT_FROM_EMAIL": "registry@example.gc.ca",
        "SERVER_EMAIL": "registry@example.gc.ca",
        "WAGTAILADMIN_BASE_URL": "https://registry.example.gc.ca",
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
    }


@pytest.mark.parametrize(
    "name",
    [
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_HOST_USER",
        "EMAIL_HOST_PASSWORD",
        "DEFAULT_FROM_EMAIL",
        "SITE_URL",
        "TRUSTED_PROXY_COUNT",
    ],
)
def test_start_refused_when_required_variable_missing(name):
    assert refusal(production_settings(**{name: None})) == (
        "django.core.exceptions.ImproperlyConfigured: "
        f"{name} must be set in the environment for production."
    )


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
    ],
)
def test_start_refused_when_email_backend_only_prints_or_keeps_messages(backend):
    assert refusal(production_settings(EMAIL_BACKEND=backend)) == (
        f"django.core.exceptions.ImproperlyConfigured: EMAIL_BACKEND {backend} only prints or "
        "keeps messages: production needs a backend that delivers them (leave EMAIL_BACKEND "
        "unset for SMTP)."
    )


@pytest.mark.parametrize(("tls", "ssl"), [("false", "false"), ("true", "true")])
def test_start_refused_when_not_exactly_one_of_tls_and_ssl(tls, ssl):
    assert refusal(production_settings(EMAIL_USE_TLS=tls, EMAIL_USE_SSL=ssl)) == (
        "django.core.exceptions.ImproperlyConfigured: Exactly one of EMAIL_USE_TLS and "
        "EMAIL_USE_SSL must be true in production: the password to the mail server must not "
        "travel in clear."
    )


def test_ssl_used_when_only_ssl_set():
    settings = loaded(production_settings(EMAIL_USE_TLS=None, EMAIL_USE_SSL="1", EMAIL_PORT="465"))
    assert (settings["EMAIL_USE_SSL"], settings["EMAIL_USE_TLS"], settings["EMAIL_PORT"]) == (
        True,
        False,
        465,
    )


def test_start_refused_when_email_port_not_a_number():
    assert refusal(production_settings(EMAIL_PORT="smtp")) == (
        "django.core.exceptions.ImproperlyConfigured: EMAIL_PORT must be a whole number, "
        "not 'smtp'."
    )


def test_start_refused_when_site_url_not_https():
    assert refusal(production_settings(SITE_URL="http://registry.example.gc.ca")) == (
        "django.core.exceptions.ImproperlyConfigured: SITE_URL must start with https:// in "
        "production (links in e-mails carry sign-in tokens); set SITE_URL_ALLOW_HTTP=true only "
        "for a deployment without TLS."
    )


def test_plain_http_site_url_accepted_when_explicitly_allowed():
    settings = loaded(
        production_settings(SITE_URL="http://registry.internal/", SITE_URL_ALLOW_HTTP="true")
    )
    assert settings["WAGTAILADMIN_BASE_URL"] == "http://registry.internal"


def test_start_refused_when_site_url_not_absolute():
    assert refusal(production_settings(SITE_URL="registry.example.gc.ca")) == (
        "django.core.exceptions.ImproperlyConfigured: SITE_URL must be an absolute URL, not "
        "'registry.example.gc.ca'."
    )


def test_hsts_subdomains_and_preload_turned_off_when_environment_says_so():
    settings = loaded(
        production_settings(SECURE_HSTS_INCLUDE_SUBDOMAINS="false", SECURE_HSTS_PRELOAD="0")
    )
    assert (settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"], settings["SECURE_HSTS_PRELOAD"]) == (
        False,
        False,
    )


def test_deployment_checks_pass_at_warning_level_when_production_configured():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SETTINGS_MODULE="registry.settings.production",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_violations_reported_when_csp_report_uri_set():
    show = (
        "import json, registry.settings.production as s; "
        "print(json.dumps(s.CONTENT_SECURITY_POLICY['DIRECTIVES'].get('report-uri')))"
    )
    result = run(["-c", show], CSP_REPORT_URI="https://csp.example.gc.ca/report")
    assert loaded(result) == ["https://csp.example.gc.ca/report"]
    assert loaded(run(["-c", show])) is None
