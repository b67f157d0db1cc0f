"""Serving a registry database with gunicorn and driving it with `wrk`: what the HTTP benchmark
(benchmarks.bench_http) and the load run (benchmarks.load) share.

Each of them prepares its data and its paths in a child process of its own (`--prepare`, which
prints one line of JSON last), then serves the database with gunicorn in a session of its own and
drives it with wrk from this process.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
POSTGRES_SCHEMES = ("postgres://", "postgresql://")


# --- Options and the child process that prepares ------------------------------------------------


def add_serving_arguments(parser) -> None:
    """The options of gunicorn and wrk, and the hidden `--prepare` of the child process."""
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)


def wrk_missing() -> bool:
    """True (with a message saying how to install it) when wrk is not on the PATH."""
    if shutil.which("wrk"):
        return False
    print("wrk is not installed: sudo apt-get install -y wrk", file=sys.stderr)
    return True


def served_environment(database_url: str, *, page_cache: bool) -> dict[str, str]:
    """The environment serving `database_url` with benchmarks/http_settings.py, the anonymous
    page cache on or off."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "benchmarks.http_settings",
        "PAGE_CACHE_SECONDS": "86400" if page_cache else "0",
    }


def prepared_in_child(module: str, options: list[str], environment: dict, what: str) -> dict:
    """Run `python -m <module> --prepare <options>` and return the JSON of its last line."""
    prepare = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", module, "--prepare", *options],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if prepare.returncode != 0:
        raise SystemExit(f"Preparing {what} failed:\n{prepare.stderr}")
    return json.loads(prepare.stdout.strip().splitlines()[-1])


# --- The database served ------------------------------------------------------------------------


def server_database_url(server: str, name: str, *, fresh: bool = False) -> str:
    """The URL of database `name` on the PostgreSQL server of `server` (a URL), created if it is
    missing; `fresh` drops it first."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(server)
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        if fresh:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit(parts._replace(path=f"/{name}"))


def without_password(url: str) -> str:
    """`url` as it may be printed in a report: its password left out."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit(parts._replace(netloc=user + host))


# --- gunicorn -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Server:
    base_url: str
    process: subprocess.Popen

    def url(self, path: str) -> str:
        return self.base_url + path


@contextmanager
def gunicorn(environment: dict, *, workers: int, timeout: int, ready_path: str) -> Iterator[Server]:
    """registry.wsgi served by gunicorn on a free local port, ready once `ready_path` answers
    200; stopped (master and workers, in their own session) on leaving."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - gunicorn from this virtualenv
        [
            str(GUNICORN),
            "registry.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            # A request slower than gunicorn's 30 s default would have its worker killed.
            "--timeout",
            str(timeout),
        ],
        env=environment,
        cwd=ROOT,
        start_new_session=True,
    )
    server = Server(f"http://127.0.0.1:{port}", process)
    try:
        wait_until_serving(server.url(ready_path))
        yield server
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(url: str, timeout: float = 60) -> None:
    """Return once `url` answers 200; raise the last connection error after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - localhost
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def workers_peak_rss_mb(master_pid: int) -> float | None:
    """The largest peak resident size (VmHWM) among gunicorn's workers, in MB (Linux only)."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    if not children.exists():
        return None
    peaks = []
    for pid in children.read_text().split():
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            match = re.search(r"^VmHWM:\s+(\d+) kB", status.read_text(), re.MULTILINE)
            if match:
                peaks.append(int(match.group(1)) / 1024)
    return max(peaks) if peaks else None


# --- wrk ----------------------------------------------------------------------------------------


def wrk(
    url: str,
    *,
    duration: int,
    threads: int,
    connections: int,
    timeout: int,
    latency: bool = False,
    script: Path | None = None,
    environment: dict | None = None,
) -> str:
    """wrk's report of `duration` seconds against `url`. wrk gives up on a response after
    `timeout` seconds and counts it as an error (2 s by default, too short for a slow page)."""
    command = [
        shutil.which("wrk"),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        f"{timeout}s",
    ]
    command += ["--latency"] if latency else []
    command += ["-s", str(script)] if script else []
    return subprocess.run(  # noqa: S603 - wrk with fixed arguments
        [*command, url],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def wrk_version() -> str:
    """wrk's first line of `wrk -v` (its version), or "wrk" when it is not installed."""
    path = shutil.which("wrk")
    if not path:
        return "wrk"
    answer = subprocess.run(  # noqa: S603 - wrk prints its version with -v
        [path, "-v"], capture_output=True, text=True, check=False
    )
    lines = (answer.stdout or answer.stderr).splitlines()
    return lines[0] if lines else "wrk"


@dataclass
class Run:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


_LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(output: str) -> Run:
    """Requests per second, p50 and p99 (ms) and failed requests from wrk's --latency output."""
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    latency = {int(p): float(v) * _UNIT_MS[unit] for p, v, unit in _LATENCY.findall(output)}
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    failed = int(errors.group(1)) if errors else 0
    if socket_errors:
        failed += sum(int(n) for n in socket_errors.groups())
    return Run(
        requests_per_second=float(rate.group(1)) if rate else 0.0,
        p50_ms=latency.get(50, float("nan")),
        p99_ms=latency.get(99, float("nan")),
        errors=failed,
    )
