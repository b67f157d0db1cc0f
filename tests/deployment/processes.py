"""Starting and talking to real server processes in tests: gunicorn, `manage.py db_worker`, and
plain HTTP requests to them (no test client: the point is that another process answers)."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# The Host every process is asked under, as behind one load balancer (they share cache entries).
HOST = "registry.test"


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def production_environment(database_url: str, folder: str, **extra: str) -> dict:
    """What production needs (registry/settings/production.py refuses to start without it), for
    tests/deployment/settings.py: the given database, stored files under `folder`, a mail port
    nobody listens on, no shared cache (so no page cache) unless `extra` sets REDIS_URL."""
    from django.conf import settings

    return {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "tests.deployment.settings",
        "DATABASE_URL": database_url,
        "TASKS_BACKEND": "database",
        # The test process writes sessions that the processes read: the same key.
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
        "TRUSTED_PROXY_COUNT": "0",
        "SITE_URL": f"http://{HOST}",
        "SITE_URL_ALLOW_HTTP": "true",
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(free_port()),
        "EMAIL_HOST_USER": "registry",
        "EMAIL_HOST_PASSWORD": "not-used",
        "EMAIL_USE_TLS": "true",
        "DEFAULT_FROM_EMAIL": f"registry@{HOST}",
        "MEDIA_ROOT": os.path.join(folder, "media"),
        "PRIVATE_MEDIA_ROOT": os.path.join(folder, "private-media"),
        **extra,
    }


def postgresql_url(settings_dict: dict, name: str | None = None) -> str:
    """A DATABASE_URL for the database of a Django connection's settings (or another `name` on
    the same server)."""
    user = quote(settings_dict["USER"] or "", safe="")
    password = f":{quote(settings_dict['PASSWORD'], safe='')}" if settings_dict["PASSWORD"] else ""
    host = settings_dict["HOST"] or "127.0.0.1"
    port = f":{settings_dict['PORT']}" if settings_dict["PORT"] else ""
    database = quote(name or settings_dict["NAME"], safe="")
    return f"postgres://{user}{password}@{host}{port}/{database}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_listening(port: int = 6379) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def request(
    port: int, method: str, path: str, *, body: bytes = b"", headers: dict | None = None
) -> Answer:
    """One request to 127.0.0.1:`port`; redirects are not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body or None, headers=headers or {})
        response = connection.getresponse()
        return Answer(
            status=response.status,
            headers={name.lower(): value for name, value in response.getheaders()},
            body=response.read(),
        )
    finally:
        connection.close()


def get(port: int, path: str, **kwargs) -> Answer:
    headers = {"Host": HOST, **kwargs.pop("headers", {})}
    return request(port, "GET", path, headers=headers, **kwargs)


def start_gunicorn(environment: dict, port: int, *, workers: int = 1, log=None):
    """gunicorn serving registry.wsgi on 127.0.0.1:`port`; returns the Popen once it answers
    /healthz with 200."""
    process = subprocess.Popen(  # noqa: S603 - gunicorn from this virtualenv, fixed arguments
        [
            str(BIN / "gunicorn"),
            "registry.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=environment,
        stdout=log or subprocess.DEVNULL,
        stderr=log or subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_until_healthy(port, process)
    except BaseException:
        stop(process)
        raise
    return process


def start_worker(environment: dict, *, log=None):
    """`manage.py db_worker` polling the task queue every 0.2 s."""
    return subprocess.Popen(  # noqa: S603 - this interpreter and manage.py, fixed arguments
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--interval",
            "0.2",
            "--no-startup-delay",
            "--no-reload",
        ],
        cwd=ROOT,
        env=environment,
        stdout=log or subprocess.DEVNULL,
        stderr=log or subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_until_healthy(port: int, process, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn on port {port} exited with {process.returncode}")
        try:
            if get(port, "/healthz").status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"gunicorn on port {port} did not answer /healthz in {timeout} s")
        time.sleep(0.2)


def stop(process) -> None:
    """Stop a process started here (and its own children: gunicorn's workers), by its id."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
