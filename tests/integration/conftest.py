"""Real parts: a Redis server of the test's own (so it can be stopped and frozen) and
Celery worker processes reading the test database. PostgreSQL only: SQLite has no
concurrent writers, and in production the portal runs on PostgreSQL.

Under xdist every test still has its own Redis (on a free port) and its workers read the
xdist worker's own test database (``test_<name>_gw0``: ``connection.settings_dict`` names
it once pytest-django has set it up; ``Workers.env`` checks). So they may run on both
xdist workers at once. They are marked as one ``xdist_group`` all the same, so that two
sets of Celery processes do not compete for two cores with the timing test (a sign-up with
Redis frozen); but pytest 9.2 with pytest-xdist 3.8 ignores the group (xdist writes the
group into a node id field pytest no longer reads: pytest-xdist issue #1386), and until
that is fixed ``--dist loadgroup`` spreads them like any other test."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


HERE = Path(__file__).resolve().parent
GROUP = pytest.mark.xdist_group("integration")


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups (--dist loadgroup)
def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(GROUP)


@pytest.fixture(autouse=True)
def _postgres_only(request):
    if connection.vendor != "postgresql":
        pytest.skip("integration tests run on PostgreSQL (set DATABASE_URL); .ci/run does")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float, interval: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


class RedisServer:
    def __init__(self, workdir: Path):
        self.port = _free_port()
        self.workdir = workdir
        self.proc = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        first = self.proc is None
        for _ in range(3):
            self.proc = subprocess.Popen(
                ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--dir", str(self.workdir)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
            wait_for(lambda: self.ping() or self.proc.poll() is not None, 10, what="redis to start")
            if self.ping():
                return
            # It exited: another process (the other xdist worker's Redis, say) took the port
            # between _free_port() and the bind. A first start may move; a restart may not,
            # since the clients already know the address.
            self.proc.wait()
            if not first:
                break
            self.port = _free_port()
        raise AssertionError(f"redis-server could not start on port {self.port}")

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def freeze(self):
        self.proc.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.proc.send_signal(signal.SIGCONT)


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    if server.proc and server.proc.poll() is None:
        server.thaw()
    server.stop()


def _reset_celery_pools(app):
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker(redis_server):
    """This process publishes to the test's Redis instead of running tasks inline."""
    from youthventure.celery import app

    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=redis_server.url, task_always_eager=False)
    _reset_celery_pools(app)
    yield redis_server
    app.conf.update(saved)
    _reset_celery_pools(app)


class Workers:
    def __init__(self, tmp_path: Path, server: RedisServer):
        self.tmp_path = tmp_path
        self.server = server
        self.redis_url = server.url
        self.sms_log = tmp_path / "sms.log"
        self.procs: list[subprocess.Popen] = []

    def env(self, **extra) -> dict:
        db = connection.settings_dict
        # The test database of this xdist worker, never the development one or a sibling's.
        xdist_worker = os.environ.get("PYTEST_XDIST_WORKER")
        assert db["NAME"].startswith("test_"), db["NAME"]
        assert not xdist_worker or db["NAME"].endswith(f"_{xdist_worker}"), db["NAME"]
        database_url = (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        )
        env = {
            **os.environ,
            "DEBUG": "true",
            "DATABASE_URL": database_url,
            "REDIS_URL": self.redis_url,
            "SMS_LOG_FILE": str(self.sms_log),
            "CONN_MAX_AGE": "0",
            "PYTHONPATH": str(ROOT),
        }
        env.update({k: str(v) for k, v in extra.items()})
        return env

    def start(self, name: str = "w1", **extra) -> subprocess.Popen:
        log = self.tmp_path / f"{name}.log"
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "youthventure", "worker", "-P", "prefork",
             "-c", "1", "-n", f"{name}@%h", "--without-gossip", "--without-mingle",
             "--without-heartbeat", "-l", "info"],
            cwd=ROOT,
            env=self.env(**extra),
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kill() takes the pool child too
        )  # fmt: skip
        self.procs.append(proc)
        wait_for(lambda: "ready." in log.read_text(), 30, what=f"worker {name} to be ready")
        return proc

    def kill(self, proc: subprocess.Popen):
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()

    def stop_all(self):
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def deliveries(self) -> list[dict]:
        if not self.sms_log.exists():
            return []
        return [json.loads(line) for line in self.sms_log.read_text().splitlines() if line]


@pytest.fixture
def workers(transactional_db, broker, tmp_path, settings):
    settings.SMS_LOG_FILE = str(tmp_path / "sms.log")
    pool = Workers(tmp_path, broker)
    yield pool
    pool.stop_all()
