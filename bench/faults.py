"""Fault injection: sign-ups under load while PostgreSQL restarts, Redis dies, a worker is killed.

    make faults        # needs PostgreSQL's server binaries and redis-server, nothing else

Everything runs on loopback, in processes of the script's own, and is torn down at the
end (also on failure or Ctrl-C):

* a PostgreSQL cluster (initdb as the ``postgres`` user into a temp dir, trust auth,
  a free port) and a redis-server (no persistence, a free port);
* gunicorn with the production settings (``DEBUG=false``, ``gunicorn.conf.py``, three
  workers) and one Celery worker (``-c 2``), each in a process group of its own.

They run a copy of the work tree taken at the start (without .git, .venv and build
output), so edits made during the run cannot reach a gunicorn worker that is recycled
halfway; ``collectstatic`` writes into that copy too.

Six client threads sign young people up for 60 s (GET /accounts/signup/ for the CSRF
token, then POST; a 302 means the sign-up was acknowledged) and poll GET /healthz now
and then. Meanwhile, on a fixed timetable:

     10 s   PostgreSQL restarts (``pg_ctl restart -m fast``): the database outage is from
            the stop to the moment it accepts connections again, plus a 2 s grace
     25 s   Redis is killed (SIGKILL)             35 s   Redis starts again, same port
     45 s   the Celery worker's process group is SIGKILLed and a new worker started

Then the outbox sweep runs every few seconds until every text message is SENT (120 s at
most), and the script checks what the people who were told "signed up" actually got.
The last line is the summary (one line, wrapped here):

    requests=1234 errors_5xx=5 errors_5xx_outside_db_outage=0 lost_writes=0
    duplicate_messages=0 seconds=...

* ``requests``: HTTP responses received (refused or reset connections are counted
  apart, on the progress lines, as ``conn_errors``).
* ``errors_5xx``: responses with a 5xx status; ``errors_5xx_outside_db_outage``: those
  whose request did not overlap the PostgreSQL outage (+ grace). The portal answers a
  database outage with a 503 page; anything else is a bug (the gunicorn log's
  tracebacks are printed).
* ``lost_writes``: acknowledged sign-ups whose user is not in the database, plus those
  whose welcome text message was never delivered (the message is written in the
  sign-up's transaction, so an undelivered one is a lost write too).
* ``duplicate_messages``: lines in the SMS gateway's log beyond one per message key.
* ``seconds``: wall time of the whole run, set-up included.

It exits non-zero unless the last three fault counters are 0. The lease of a claimed
message (``NOTIFICATIONS_CLAIM_SECONDS``) is shortened to 30 s, so that a message the
killed worker had claimed is handed out again by the sweep within the run.
``--keep`` leaves the temp dir (logs, database files) in place for a post-mortem.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg2
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", "*.pyc", ".pytest_cache", ".ruff_cache", "node_modules",
    "staticfiles", "media", "sent-mail", "test-artifacts", "db.sqlite3",
)  # fmt: skip
DB_NAME = "faults"
CLIENT_THREADS = 6
LOAD_SECONDS = 60
PG_RESTART_AT, REDIS_KILL_AT, REDIS_START_AT, WORKER_KILL_AT = 10, 25, 35, 45
OUTAGE_GRACE = 2.0
DRAIN_TIMEOUT = 120
HEALTHZ_EVERY = 4  # one GET /healthz per this many sign-ups, per thread
PASSWORD = "Qingchun-Faults-2026!"
DIGITS_ZH = "零一二三四五六七八九"  # names may not contain digits

STARTED = time.monotonic()


def log(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:6.1f}s] {message}", flush=True)


_PORTS_GIVEN: set[int] = set()


def free_port() -> int:
    """A loopback port nobody listens on, and not one this function gave before."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in _PORTS_GIVEN:
            _PORTS_GIVEN.add(port)
            return port


def wait_for(predicate, timeout: float, what: str, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise RuntimeError(f"timed out after {timeout:.0f}s waiting for {what}")


def redis_command(port: int, *args: str) -> bytes | None:
    """One command to Redis over a raw socket (RESP); None when Redis does not answer."""
    payload = f"*{len(args)}\r\n" + "".join(f"${len(a)}\r\n{a}\r\n" for a in args)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(payload.encode())
            data = b""
            while b"\r\n" not in data:
                chunk = s.recv(65536)
                if not chunk:
                    return None
                data += chunk
            head, _, rest = data.partition(b"\r\n")
            if not head.startswith(b"$"):
                return head
            size = int(head[1:])
            while len(rest) < size:
                chunk = s.recv(65536)
                if not chunk:
                    return None
                rest += chunk
            return rest[:size]
    except OSError:
        return None


# --- The processes -------------------------------------------------------------------------


class Stack:
    """PostgreSQL, Redis, gunicorn and a Celery worker of the script's own."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.src = workdir / "src"
        shutil.copytree(ROOT, self.src, ignore=SNAPSHOT_IGNORE, symlinks=True)
        self.pg_dir = workdir / "pg"
        self.pg_bin = self._postgres_bin()
        self.pg_port = free_port()
        self.redis_port = free_port()
        self.web_port = free_port()
        self.redis: subprocess.Popen | None = None
        self.web: subprocess.Popen | None = None
        self.workers: list[subprocess.Popen] = []
        self.sms_log = workdir / "sms.log"
        self.env = self._env()

    @staticmethod
    def _postgres_bin() -> Path:
        versions = sorted(
            (p for p in Path("/usr/lib/postgresql").glob("*") if (p / "bin/initdb").exists()),
            key=lambda p: int(p.name) if p.name.isdigit() else 0,
        )
        if not versions:
            raise RuntimeError(
                "no PostgreSQL under /usr/lib/postgresql (apt-get install postgresql)"
            )
        return versions[-1] / "bin"

    def _env(self) -> dict:
        drop = ("EMAIL_", "SQLITE_", "DJANGO_", "CELERY_", "GUNICORN_")
        env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
        alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
        env.update(
            PYTHONPATH=str(self.src),
            DEBUG="false",
            SECRET_KEY="".join(secrets.choice(alphabet) for _ in range(50)),
            ALLOWED_HOSTS="127.0.0.1",
            SITE_URL=f"http://127.0.0.1:{self.web_port}",
            SECURE_SSL_REDIRECT="false",
            SECURE_COOKIES="false",
            FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
            FIELD_HASH_KEY=secrets.token_hex(32),
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{self.pg_port}/{DB_NAME}",
            REDIS_URL=f"redis://127.0.0.1:{self.redis_port}/0",
            SMS_LOG_FILE=str(self.sms_log),
            # Production refuses to guess a mail backend; confirmation mails stay in memory.
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            SIGNUP_RATE_LIMIT="1000000/m/ip",
            CONN_MAX_AGE="60",
            LOG_LEVEL="WARNING",
            NOTIFICATIONS_CLAIM_SECONDS="30",
            NOTIFICATIONS_SEND_TIMEOUT="10",
            GUNICORN_BIND=f"127.0.0.1:{self.web_port}",
            GUNICORN_WORKERS="3",
        )
        return env

    # PostgreSQL: it refuses to run as root, so everything goes through runuser. Output goes
    # to a file, never a pipe: the server pg_ctl starts would hold a pipe open for good.
    def _pg(self, *args: str, check: bool = True) -> None:
        with (self.workdir / "pg_ctl.log").open("a") as out:
            result = subprocess.run(
                ["runuser", "-u", "postgres", "--", str(self.pg_bin / args[0]), *args[1:]],
                cwd=self.pg_dir,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=120,
                start_new_session=True,
            )
        if check and result.returncode:
            raise RuntimeError(f"{args[0]} failed, see {self.workdir / 'pg_ctl.log'}")

    def start_postgres(self) -> None:
        self.pg_dir.mkdir()
        shutil.chown(self.pg_dir, "postgres", "postgres")
        self.pg_dir.chmod(0o700)
        data = self.pg_dir / "data"
        self._pg("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                 "--no-locale")  # fmt: skip
        with (data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nport = {self.pg_port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.pg_dir}'\n"
            )
        self._pg("pg_ctl", "-D", str(data), "-l", str(self.pg_dir / "postgres.log"), "-w",
                 "-t", "60", "start")  # fmt: skip
        conn = self.db("postgres")
        conn.autocommit = True  # CREATE DATABASE runs outside a transaction
        try:
            conn.cursor().execute(f"CREATE DATABASE {DB_NAME}")
        finally:
            conn.close()
        log(f"PostgreSQL {self.pg_bin.parent.name} up on 127.0.0.1:{self.pg_port}")

    def restart_postgres(self) -> None:
        self._pg("pg_ctl", "-D", str(self.pg_dir / "data"), "-l", str(self.pg_dir / "postgres.log"),
                 "-w", "-t", "60", "-m", "fast", "restart")  # fmt: skip
        wait_for(self.db_answers, 30, "PostgreSQL to accept connections")

    def stop_postgres(self) -> None:
        data = self.pg_dir / "data"
        if (data / "postmaster.pid").exists():
            self._pg("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop", check=False)

    def db(self, name: str = DB_NAME):
        return psycopg2.connect(
            host="127.0.0.1", port=self.pg_port, user="postgres", dbname=name, connect_timeout=2
        )

    def db_answers(self) -> bool:
        try:
            self.db().close()
        except psycopg2.OperationalError:
            return False
        return True

    def query(self, sql: str, params=None) -> list[tuple]:
        conn = self.db()
        try:
            with conn.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        finally:
            conn.close()

    # Redis
    def start_redis(self) -> None:
        self.redis = subprocess.Popen(
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.workdir),
             "--logfile", str(self.workdir / "redis.log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        wait_for(lambda: redis_command(self.redis_port, "PING") == b"+PONG", 10, "Redis")

    def kill_redis(self) -> None:
        if self.redis and self.redis.poll() is None:
            self.redis.kill()
            self.redis.wait()

    # Django
    def manage(self, *args: str, capture: bool = False) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=self.src,
            env=self.env,
            check=not capture,
            capture_output=capture,
            text=True,
        )
        return (result.stdout + result.stderr) if capture else ""

    def start_web(self) -> None:
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.web = subprocess.Popen(
            [str(gunicorn), "youthventure.wsgi", "-c", "gunicorn.conf.py"],
            cwd=self.src,
            env=self.env,
            stdout=(self.workdir / "gunicorn.log").open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

        def healthy() -> bool:
            if self.web.poll() is not None:
                raise RuntimeError(f"gunicorn exited, see {self.workdir / 'gunicorn.log'}")
            return http_get_status(self.web_port, "/healthz") == 200

        wait_for(healthy, 30, "gunicorn")
        log(f"gunicorn up on 127.0.0.1:{self.web_port} (3 workers)")

    def start_worker(self) -> None:
        number = len(self.workers) + 1
        self.workers.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "youthventure",
                    "worker",
                    "-c",
                    "2",
                    "-n",
                    f"faults{number}@%h",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "-l",
                    "warning",
                ],
                cwd=self.src,
                env=self.env,
                stdout=(self.workdir / f"worker{number}.log").open("w"),
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: killpg takes the pool too
            )  # fmt: skip
        )

        # With -l warning the worker prints no "ready."; it is ready when it waits on the queue.
        def consuming() -> bool:
            if self.workers[-1].poll() is not None:
                raise RuntimeError(f"worker {number} exited, see worker{number}.log")
            clients = redis_command(self.redis_port, "CLIENT", "LIST") or b""
            return b"cmd=brpop" in clients

        wait_for(consuming, 30, f"worker {number} to consume")
        log(f"Celery worker {number} consuming (pid {self.workers[-1].pid})")

    def kill_worker(self) -> None:
        worker = self.workers[-1]
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()

    def cleanup(self) -> None:
        """Every step on its own, so that one failing does not leave the others running."""
        steps = [
            ("gunicorn", self._stop_web),
            ("workers", self._kill_workers),
            ("redis", self.kill_redis),
            ("postgres", self.stop_postgres),
        ]
        for name, step in steps:
            try:
                step()
            except Exception as exc:
                print(f"cleanup: {name}: {exc}", file=sys.stderr)

    def _stop_web(self) -> None:
        if self.web and self.web.poll() is None:
            os.killpg(self.web.pid, signal.SIGTERM)
            try:
                self.web.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.web.pid, signal.SIGKILL)
                self.web.wait()

    def _kill_workers(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait()


# --- The load ------------------------------------------------------------------------------


@dataclass
class Response:
    what: str  # "signup-page", "signup" or "healthz"
    start: float  # seconds since the load started
    end: float
    status: int | None  # None: no response (refused, reset, timed out)
    error: str = ""


@dataclass
class Load:
    port: int
    t0: float = 0.0
    stop: threading.Event = field(default_factory=threading.Event)
    responses: list[Response] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)  # e-mails answered with a 302
    rejected: list[str] = field(default_factory=list)  # sign-ups answered with the form again
    answers: dict[str, str] = field(default_factory=dict)  # e-mail -> what its POST got
    redis_outage: tuple[float, float] = (0.0, 0.0)
    health: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def now(self) -> float:
        return time.monotonic() - self.t0

    def request(self, what: str, method: str, path: str, body=None, headers=None):
        """One request on a fresh connection, recorded. Returns (status, headers, text)."""
        start = self.now()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=40)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            text = resp.read().decode("utf-8", "replace")
            status, resp_headers, error = resp.status, resp.headers, ""
        except (OSError, http.client.HTTPException) as exc:
            status, resp_headers, text, error = None, None, "", f"{type(exc).__name__}: {exc}"
        finally:
            conn.close()
        with self.lock:
            self.responses.append(Response(what, start, self.now(), status, error))
        return status, resp_headers, text

    def signup(self, thread: int, n: int) -> None:
        status, headers, page = self.request("signup-page", "GET", "/accounts/signup/")
        if status != 200:
            return
        cookie = SimpleCookie()
        for header in headers.get_all("Set-Cookie") or []:
            cookie.load(header)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if "csrftoken" not in cookie or not token:
            raise RuntimeError("no CSRF cookie or token on /accounts/signup/")
        email = f"faults-t{thread}-{n}@example.com"
        form = {
            "csrfmiddlewaretoken": token.group(1),
            "name": "测试" + "".join(DIGITS_ZH[int(d)] for d in f"{thread}{n}"),
            "email": email,
            "phone": f"139{thread:02d}{n:06d}",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "consent": "on",
        }
        status, _, page = self.request(
            "signup",
            "POST",
            "/accounts/signup/",
            body=urllib.parse.urlencode(form),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie['csrftoken'].value}",
                "Origin": f"http://127.0.0.1:{self.port}",
                "Referer": f"http://127.0.0.1:{self.port}/accounts/signup/",
            },
        )
        with self.lock:
            self.answers[email] = str(status or "no response")
            if status == 302:
                self.acknowledged.append(email)
            elif status == 200:
                errors = re.findall(r'class="invalid-feedback[^"]*"[^>]*>\s*<strong>([^<]+)', page)
                self.rejected.append(f"{email}: {'; '.join(errors) or 'form shown again'}")

    def healthz(self) -> None:
        status, _, body = self.request("healthz", "GET", "/healthz")
        state = f"{status} {' '.join(body.split())[:80]}" if status else "no response"
        with self.lock:
            changed, self.health = state != self.health, state
        if changed and not self.stop.is_set():
            log(f"healthz: {state}")

    def client(self, thread: int) -> None:
        n = 0
        # The hard stop: a fault step that hangs must not leave the clients running for good.
        while not self.stop.is_set() and self.now() < LOAD_SECONDS + 60:
            n += 1
            if n % HEALTHZ_EVERY == 1:
                self.healthz()
            self.signup(thread, n)

    def progress(self) -> str:
        with self.lock:
            responses = list(self.responses)
            acknowledged = len(self.acknowledged)
        statuses = Counter(r.status for r in responses if r.status)
        conn_errors = sum(1 for r in responses if r.status is None)
        fives = sum(count for status, count in statuses.items() if status >= 500)
        return (
            f"requests={sum(statuses.values())} signups_acknowledged={acknowledged} "
            f"5xx={fives} conn_errors={conn_errors} statuses={dict(sorted(statuses.items()))}"
        )


def http_get_status(port: int, path: str) -> int | None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        conn.close()


def run_load(stack: Stack, load: Load) -> list[tuple[float, float]]:
    """Clients for LOAD_SECONDS and the faults on their timetable. Returns the database
    outage windows (seconds since the load started, grace included)."""
    load.t0 = time.monotonic()
    threads = [
        threading.Thread(target=load.client, args=(i,), daemon=True, name=f"client{i}")
        for i in range(1, CLIENT_THREADS + 1)
    ]
    for thread in threads:
        thread.start()
    log(f"load: {CLIENT_THREADS} client threads for {LOAD_SECONDS}s")
    outages = []

    def at(second: float) -> None:
        while load.now() < second:
            time.sleep(min(1.0, second - load.now()))
            if int(load.now()) % 5 == 0:
                log(load.progress())

    at(PG_RESTART_AT)
    down = load.now()
    log(f"FAULT t={down:.1f}s: PostgreSQL restart (pg_ctl restart -m fast)")
    stack.restart_postgres()
    up = load.now()
    outages.append((down, up + OUTAGE_GRACE))
    log(f"FAULT t={up:.1f}s: PostgreSQL accepts connections again ({up - down:.1f}s outage)")
    at(REDIS_KILL_AT)
    killed = load.now()
    log(f"FAULT t={killed:.1f}s: Redis killed (SIGKILL)")
    stack.kill_redis()
    at(REDIS_START_AT)
    stack.start_redis()
    load.redis_outage = (killed, load.now())
    log(f"FAULT t={load.now():.1f}s: Redis started again on the same port")
    at(WORKER_KILL_AT)
    log(f"FAULT t={load.now():.1f}s: Celery worker's process group SIGKILLed")
    stack.kill_worker()
    stack.start_worker()
    log(f"FAULT t={load.now():.1f}s: new Celery worker consuming")
    at(LOAD_SECONDS)
    load.stop.set()
    for thread in threads:
        thread.join(60)
    log(f"load over at t={load.now():.1f}s: {load.progress()}")
    return outages


# --- After the load ------------------------------------------------------------------------


def sms_statuses(stack: Stack) -> Counter:
    rows = stack.query(
        "SELECT status, count(*) FROM notifications_message WHERE channel = 'sms' GROUP BY status"
    )
    return Counter(dict(rows))


def drain(stack: Stack) -> bool:
    """Run the sweep every few seconds until every text message in the outbox is SENT."""
    deadline = time.monotonic() + DRAIN_TIMEOUT
    sweep = "from notifications.services import sweep; print(sweep())"
    while True:
        statuses = sms_statuses(stack)
        waiting = sum(count for status, count in statuses.items() if status != "sent")
        log(f"outbox, text messages: {dict(statuses)}")
        if not waiting:
            return True
        if time.monotonic() > deadline:
            log(f"gave up after {DRAIN_TIMEOUT}s with {waiting} text message(s) not sent")
            return False
        queued = stack.manage("shell", "-c", sweep, capture=True).strip().splitlines()
        log(f"sweep queued {queued[-1] if queued else '?'}")
        time.sleep(3)


def deliveries(stack: Stack) -> Counter:
    if not stack.sms_log.exists():
        return Counter()
    lines = stack.sms_log.read_text().splitlines()
    return Counter(json.loads(line)["key"] for line in lines if line)


def lost_writes(stack: Stack, acknowledged: list[str], delivered: Counter) -> int:
    users = dict(
        stack.query(
            "SELECT lower(email), id FROM accounts_user WHERE lower(email) = ANY(%s)",
            [[e.lower() for e in acknowledged]],
        )
    )
    missing_users = [e for e in acknowledged if e.lower() not in users]
    no_welcome = [
        e
        for e in acknowledged
        if e.lower() in users and not delivered[f"welcome-{users[e.lower()]}:sms"]
    ]
    log(
        f"acknowledged sign-ups: {len(acknowledged)}; users missing: {len(missing_users)}; "
        f"welcome SMS never delivered: {len(no_welcome)}"
    )
    for email in (missing_users + no_welcome)[:10]:
        log(f"  lost: {email}")
    return len(missing_users) + len(no_welcome)


def report_half_signups(stack: Stack, load: Load) -> int:
    """Users the sign-up left without a youth profile or an e-mail address row, with what
    their request was answered. Informational: not a summary counter."""
    rows = stack.query(
        "SELECT u.email,"
        " EXISTS (SELECT 1 FROM accounts_youthprofile p WHERE p.user_id = u.id),"
        " EXISTS (SELECT 1 FROM account_emailaddress a WHERE a.user_id = u.id)"
        " FROM accounts_user u"
    )
    half = [row for row in rows if not (row[1] and row[2])]
    log(
        f"users in the database: {len(rows)}; half-made (no profile or no address row): {len(half)}"
    )
    for email, profile, address in half[:10]:
        log(
            f"  WARNING half-made sign-up {email}: youth profile {'yes' if profile else 'NO'}, "
            f"e-mail address row {'yes' if address else 'NO'}; "
            f"its request got {load.answers.get(email, '?')}"
        )
    return len(half)


def report_latency(load: Load) -> None:
    """How long acknowledged sign-ups took, overall and while Redis was away."""

    def line(label: str, rs: list[Response]) -> str:
        times = sorted(r.end - r.start for r in rs)
        if not times:
            return f"{label}: none"
        return f"{label}: {len(times)}, median {times[len(times) // 2]:.2f}s, max {times[-1]:.2f}s"

    ok = [r for r in load.responses if r.what == "signup" and r.status == 302]
    killed, back = load.redis_outage
    redis_down = [r for r in ok if r.start >= killed and r.end <= back]
    log(f"acknowledged sign-up POSTs {line('all', ok)}; {line('with Redis down', redis_down)}")


def report_5xx(load: Load, outages: list[tuple[float, float]], stack: Stack) -> tuple[int, int]:
    def in_outage(r: Response) -> bool:
        return any(r.start <= end and r.end >= start for start, end in outages)

    fives = [r for r in load.responses if r.status and r.status >= 500]
    outside = [r for r in fives if not in_outage(r)]
    for start, end in outages:
        inside = Counter(f"{r.status} {r.what}" for r in fives if in_outage(r))
        log(
            f"database outage (with grace) t={start:.1f}s..{end:.1f}s: "
            f"{', '.join(f'{n} x {k}' for k, n in sorted(inside.items())) or 'no 5xx'}"
        )
    for r in outside:
        log(f"  OUTSIDE the outage: {r.status} {r.what} t={r.start:.1f}..{r.end:.1f}s")
    refused = [r for r in load.responses if r.status is None]
    for r in refused[:10]:
        log(f"  no response: {r.what} t={r.start:.1f}..{r.end:.1f}s {r.error}")
    if outside:
        print_tracebacks(stack.workdir / "gunicorn.log")
    return len(fives), len(outside)


def print_tracebacks(path: Path, limit: int = 4) -> None:
    """The first few tracebacks in gunicorn's log, each up to its exception line."""
    lines = path.read_text(errors="replace").splitlines() if path.exists() else []
    blocks, block = [], None
    for line in lines:
        if line.startswith("Traceback"):
            block = [line]
        elif block is not None:
            block.append(line)
            if line and not line.startswith(" "):  # the exception line ends the traceback
                blocks.append(block)
                block = None
    for block in blocks[:limit]:
        print("\n".join(block), flush=True)
    if not blocks:
        log(f"no traceback in {path}")


# --- Main ----------------------------------------------------------------------------------


def set_up(stack: Stack) -> None:
    stack.start_postgres()
    stack.start_redis()
    log(f"Redis up on 127.0.0.1:{stack.redis_port}")
    stack.manage("migrate", "--noinput", "-v0")
    stack.manage("createcachetable")
    stack.manage("collectstatic", "--noinput", "-v0")
    log("migrated, cache table and static files in place")
    print(stack.manage("check", "--deploy", capture=True).rstrip(), flush=True)
    stack.start_web()
    stack.start_worker()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (logs, data)")
    args = parser.parse_args()

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    workdir = Path(tempfile.mkdtemp(prefix="faults-"))
    workdir.chmod(0o755)  # the postgres user must reach its data dir inside
    stack = load = None
    try:
        stack = Stack(workdir)
        set_up(stack)
        load = Load(port=stack.web_port)
        outages = run_load(stack, load)
        drain(stack)
        delivered = deliveries(stack)
        duplicates = sum(count - 1 for count in delivered.values())
        lost = lost_writes(stack, load.acknowledged, delivered)
        report_half_signups(stack, load)
        report_latency(load)
        fives, outside = report_5xx(load, outages, stack)
        for line in load.rejected[:5]:
            log(f"  sign-up refused: {line}")
        log(f"{load.progress()}; sign-ups refused with the form: {len(load.rejected)}")
        requests = sum(1 for r in load.responses if r.status)
        failed = bool(lost or duplicates or outside or not load.acknowledged)
        if not load.acknowledged:
            log("no sign-up was acknowledged: the run proves nothing")
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not stop the cleanup
        if load:
            load.stop.set()
        if stack:
            stack.cleanup()
        if args.keep:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(
        f"requests={requests} errors_5xx={fives} errors_5xx_outside_db_outage={outside} "
        f"lost_writes={lost} duplicate_messages={duplicates} "
        f"seconds={time.monotonic() - STARTED:.1f}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
