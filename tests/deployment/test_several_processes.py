"""Several processes, one registry (issue 14): two gunicorn processes and one `manage.py
db_worker`, with the production settings (tests/deployment/settings.py), sharing a PostgreSQL
database (the one pytest-django created) and a Redis cache with the page cache on.

A registrar signs an amendment through process A's admin (a real signed-in, two-factor-verified
session: the lifecycle forms posted over HTTP, as a browser would); the worker renders and stores
the new version's PDFs; process B then serves the new version, its PDFs with the SHA-256 recorded
at signature, and its search entry, and the pages both processes had cached before the signature
are gone from the shared cache.

PostgreSQL only: pytest-django's SQLite test database lives in the memory of the test process, so
no other process can open it. Needs Redis on 127.0.0.1:6379 (CI starts one); this test uses
database 11 of it and empties only that one.
"""

import datetime
import hashlib
import os
import secrets
import tempfile
import time
from contextlib import ExitStack
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from agreements.models import AgreementVersion, AgreementVersionPDF, Amendment
from tests.browser.conftest import site_pages_ensure
from tests.deployment import processes
from tests.factories import agreement_into_force

pytestmark = pytest.mark.django_db(transaction=True)

REDIS_DB = 11
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"
# A word no generated text contains: the amendment adds it, the search must then find it.
NEW_WORD = "snowmobile"
NEW_TEXT = f"Register every {NEW_WORD} within ten business days."
WORKER_TIMEOUT = 40  # seconds


def _environment(folder: str) -> dict:
    return processes.production_environment(
        processes.postgresql_url(connection.settings_dict),
        folder,
        REDIS_URL=REDIS_URL,
        PAGE_CACHE_SECONDS="3600",
    )


def _redis():
    import redis

    return redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)


@pytest.fixture
def deployment(transactional_db):
    """Process A and B (gunicorn) and a db_worker, stopped (before the database is flushed)
    whatever the test does. Yields their ports and the folder of their logs."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (DATABASE_URL=postgres://...): the SQLite test database is in the "
            "memory of the test process, where gunicorn and the worker cannot reach it"
        )
    if not processes.redis_listening() and not os.environ.get("CI"):
        pytest.skip("no Redis server on 127.0.0.1:6379")
    site_pages_ensure()
    _redis().flushdb()
    folder = tempfile.mkdtemp(prefix="registry-deployment-")
    environment = _environment(folder)
    with ExitStack() as stack:
        stack.callback(lambda: _redis().flushdb())
        logs = {
            name: stack.enter_context(open(os.path.join(folder, f"{name}.log"), "wb"))  # noqa: SIM115
            for name in ("a", "b", "worker")
        }
        ports = {"a": processes.free_port(), "b": processes.free_port()}
        started = {}
        for name in ("a", "b"):
            started[name] = processes.start_gunicorn(environment, ports[name], log=logs[name])
            stack.callback(processes.stop, started[name])
        worker = processes.start_worker(environment, log=logs["worker"])
        stack.callback(processes.stop, worker)
        yield {"a": ports["a"], "b": ports["b"], "logs": folder, "worker": worker}


def _page(port: int, path: str) -> processes.Answer:
    answer = processes.get(port, path)
    assert answer.status == 200, (port, path, answer.status, answer.text[:500])
    return answer


class AdminSession:
    """A registrar's signed-in, two-factor-verified session, made in the test process
    (`Client.force_login`, tests/conftest.py) and used over HTTP against one gunicorn process."""

    def __init__(self, user, port: int):
        client = Client()
        client.force_login(user)
        self.port = port
        self.csrf = secrets.token_hex(16)  # 32 characters: the form of a CSRF secret
        self.cookie = (
            f"{settings.SESSION_COOKIE_NAME}={client.session.session_key}; "
            f"{settings.CSRF_COOKIE_NAME}={self.csrf}"
        )

    def post(self, path: str, data: dict | None = None) -> processes.Answer:
        body = urlencode({"csrfmiddlewaretoken": self.csrf, **(data or {})}).encode()
        answer = processes.request(
            self.port,
            "POST",
            path,
            body=body,
            headers={
                "Host": processes.HOST,
                "Cookie": self.cookie,
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        # Each lifecycle action answers with a redirect to the lifecycle page when it is done.
        assert answer.status == 302, (path, answer.status, answer.text[:2000])
        return answer


def _lifecycle(name: str, agreement, *args) -> str:
    return reverse(f"agreement_lifecycle:{name}", args=(agreement.pk, *args))


def _wait_for_worker(deployment) -> list:
    """Wait until the worker has run every queued task; they must all have succeeded. Returns
    the tasks' paths."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    finished = (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED)
    deadline = time.monotonic() + WORKER_TIMEOUT
    while DBTaskResult.objects.exclude(status__in=finished).exists():
        assert deployment["worker"].poll() is None, f"the worker died: see {deployment['logs']}"
        assert time.monotonic() < deadline, (
            f"the worker left tasks queued for {WORKER_TIMEOUT} s: see {deployment['logs']}"
        )
        time.sleep(0.2)
    failed = list(DBTaskResult.objects.filter(status=TaskResultStatus.FAILED))
    assert not failed, [(task.task_path, task.traceback) for task in failed]
    return list(DBTaskResult.objects.values_list("task_path", flat=True))


def test_amendment_signed_on_a_is_served_by_b_and_cached_pages_invalidated(deployment, registrar):
    a, b = deployment["a"], deployment["b"]
    agreement = agreement_into_force(by=registrar)
    page = f"/en/agreements/{agreement.reference}/"
    search = f"/en/agreements/?q={NEW_WORD}"

    # Before: each page made once by A, and B answers with A's copy from the shared cache.
    for path in (page, search):
        assert _page(a, path).headers["x-page-cache"] == "miss"
        cached = _page(b, path)
        assert cached.headers["x-page-cache"] == "hit"
    assert NEW_TEXT not in _page(b, page).text
    assert agreement.title_en not in _page(b, search).text

    # A registrar opens, negotiates, approves and signs an amendment through A's admin.
    admin = AdminSession(registrar, a)
    admin.post(_lifecycle("amendment_open", agreement), {"amendment-title_en": "Snowmobiles"})
    admin.post(_lifecycle("amendment_transition", agreement, 1, "negotiation"))
    responsibility = agreement.responsibilities.order_by("sort_order").first()
    responsibility.text_en = NEW_TEXT  # the working copy, as the edit form would save it
    responsibility.save()
    for target in ("review", "approved"):
        admin.post(_lifecycle("amendment_transition", agreement, 1, target))
    admin.post(
        _lifecycle("amendment_transition", agreement, 1, "signed"),
        {
            "approved-signed-signed_date": "2024-05-01",
            "approved-signed-effective_date": "2024-06-01",
        },
    )
    assert Amendment.objects.get(agreement=agreement).state == Amendment.State.SIGNED
    version = AgreementVersion.objects.get(agreement=agreement, number=2)
    assert version.effective_date == datetime.date(2024, 6, 1)

    # A queued the PDFs; the worker renders and stores them (nobody has asked for them yet).
    assert "agreements.services.pdfs.render_version_pdfs" in _wait_for_worker(deployment)
    assert AgreementVersionPDF.objects.filter(version=version).count() == 2

    # B serves the new version, from a page made after the signature, not the cached one.
    shown = _page(b, page)
    assert shown.headers["x-page-cache"] == "miss"
    assert NEW_TEXT in shown.text
    again = _page(a, page)
    assert again.headers["x-page-cache"] == "hit"  # the page B just made, not A's old one
    assert NEW_TEXT in again.text

    # B serves both PDFs, byte for byte those whose SHA-256 was recorded at signature.
    for language in ("en", "fr"):
        pdf = _page(b, f"/{language}/pdf/{agreement.reference}/versions/2/{language}.pdf")
        assert pdf.headers["content-type"] == "application/pdf"
        assert hashlib.sha256(pdf.body).hexdigest() == version.recorded_pdf_sha256(language)

    # B's search finds the new word, in a results page made after the signature.
    found = _page(b, search)
    assert found.headers["x-page-cache"] == "miss"
    assert agreement.title_en in found.text
    assert f"/en/agreements/{agreement.reference}/" in found.text
