"""Benchmark: a rush of enrolments into one course, through gunicorn, against PostgreSQL.

    make bench-enrol                # 500 young people, a 30-seat course, 100 connections

Creates (and afterwards drops) its own database, 500 signed-in young people and a course
with 30 seats, starts gunicorn with the portal's gunicorn.conf.py, and fires every
enrolment request at once (all connections released together). Then it counts in the
database. The last line is the summary:

    enrolled=30 waitlisted=470 errors=0 seconds=... per_second=...

``errors`` counts requests that did not end in the course page's redirect, plus any
difference between the seats counter and the confirmed enrolments or any seat beyond the
capacity; ``seconds`` runs from the release of the first request to the last answer.
"""

import argparse
import datetime
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "youthventure_bench_enrol"


def run(*cmd, **kw):
    return subprocess.run(cmd, check=True, cwd=ROOT, **kw)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(port: int) -> dict:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "bench-enrol-secret-key-not-for-production-0123456789",
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "FIELD_ENCRYPTION_KEYS": "YmVuY2gtcGFnZXMtZmllbGQtZW5jcnlwdGlvbi1rZXk=",
        "FIELD_HASH_KEY": "bench-enrol-blind-index-key-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        # An enrolment sends nothing; a promotion would be sent inside the request.
        "TASKS_INLINE": "true",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "youthventure.settings",
    }


def prepare(people: int, seats: int) -> tuple[int, list[str]]:
    """The course and the signed-in young people (their session cookies)."""
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from accounts.models import OrgUnit
    from tests.factories import YouthProfileFactory
    from training.models import Course, Venue, VenueKind

    district = OrgUnit.objects.create(name="Bench District", code="bd", level="district")
    venue = Venue.objects.create(name="Bench base", kind=VenueKind.TRAINING_BASE, centre=district)
    now = timezone.now()
    course = Course.objects.create(
        title="Bench course",
        kind="skills",
        centre=district,
        venue=venue,
        capacity=seats,
        enrol_opens=now - datetime.timedelta(days=1),
        enrol_closes=now + datetime.timedelta(days=1),
        is_published=True,
    )
    cookies = []
    client = Client()
    for i in range(people):
        user = YouthProfileFactory(user__email=f"bench{i}@example.com", home_centre=district).user
        client.force_login(user)
        cookies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
        client.cookies.clear()
    return course.pk, cookies


def count(course_pk: int) -> dict:
    from training.models import Course, Enrolment

    course = Course.objects.get(pk=course_pk)
    rows = Enrolment.objects.filter(course_id=course_pk)
    return {
        "enrolled": rows.filter(status="confirmed").count(),
        "waitlisted": rows.filter(status="waitlisted").count(),
        "seats_taken": course.seats_taken,
        "capacity": course.capacity,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--seats", type=int, default=30)
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("GUNICORN_WORKERS", 4)))
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    port = free_port()
    env = environment(port)
    os.environ.update(env)
    run("dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", DB_NAME)
    run("createdb", "-h", "127.0.0.1", "-U", "postgres", DB_NAME)
    server = None
    log = Path(tempfile.mkdtemp(prefix="bench-enrol-")) / "gunicorn.log"
    try:
        run(sys.executable, "manage.py", "migrate", "--noinput", "-v0", env=env)
        course_pk, cookies = prepare(args.people, args.seats)
        from django.conf import settings
        from django.db import connections

        connections.close_all()
        session_cookie = settings.SESSION_COOKIE_NAME
        csrf_cookie = settings.CSRF_COOKIE_NAME
        with log.open("w") as out:
            server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind",
                 f"127.0.0.1:{port}", "--workers", str(args.workers), "--threads", "4",
                 "--access-logfile", "/dev/null", "youthventure.wsgi:application"],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start; see {log}") from None
                time.sleep(0.2)
        path = f"/training/{course_pk}/enrol/"
        expected = f"/training/{course_pk}/"
        # Warm every worker (imports, templates, connections) with a page that writes nothing.
        for _ in range(args.workers * 4):
            warm = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            warm.request("GET", "/training/")
            warm.getresponse().read()
            warm.close()

        start_gate = threading.Barrier(min(args.connections, len(cookies)) + 1, timeout=60)
        started = [0.0]

        def enrol(batch: list[str]) -> list[str]:
            outcomes = []
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.connect()
            start_gate.wait()
            for cookie in batch:
                token = secrets.token_hex(16)  # a 32-character CSRF secret, sent both ways
                try:
                    conn.request(
                        "POST",
                        path,
                        body=b"",
                        headers={
                            "Cookie": f"{session_cookie}={cookie}; {csrf_cookie}={token}",
                            "X-CSRFToken": token,
                            "Content-Type": "application/x-www-form-urlencoded",
                            "Content-Length": "0",
                        },
                    )
                    response = conn.getresponse()
                    response.read()
                    location = response.getheader("Location", "")
                    ok = response.status == 302 and location.endswith(expected)
                    outcomes.append("ok" if ok else f"{response.status} {location}")
                except Exception as error:  # noqa: BLE001 - counted as an error
                    outcomes.append(repr(error))
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.close()
            return outcomes

        n = min(args.connections, len(cookies))
        batches = [cookies[i::n] for i in range(n)]
        with ThreadPoolExecutor(max_workers=n) as pool:
            futures = [pool.submit(enrol, b) for b in batches]
            start_gate.wait()
            started[0] = time.perf_counter()
            outcomes = [o for f in futures for o in f.result()]
        seconds = time.perf_counter() - started[0]
        counts = count(course_pk)
        failed = [o for o in outcomes if o != "ok"]
        errors = len(failed)
        if counts["seats_taken"] != counts["enrolled"]:
            errors += abs(counts["seats_taken"] - counts["enrolled"])
        errors += max(counts["enrolled"] - counts["capacity"], 0)
        if failed:
            print("first failures:", failed[:5], file=sys.stderr)
        print(
            f"enrolled={counts['enrolled']} waitlisted={counts['waitlisted']} errors={errors} "
            f"seconds={seconds:.2f} per_second={len(outcomes) / seconds:.0f}"
        )
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        from django.db import connections

        connections.close_all()
        if not args.keep:
            run("dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", DB_NAME)


if __name__ == "__main__":
    main()
