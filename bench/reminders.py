"""Benchmark: 100,000 due reminders, two Celery worker processes, the logging SMS gateway.

    make bench-reminders            # PostgreSQL + Redis on localhost, see the defaults below

Creates (and afterwards drops) its own database, writes the due messages to the
outbox, starts two workers, runs the sweep that hands them to Celery, and waits
until every message is SENT. The last line is the summary:

    sent=100000 duplicates=0 seconds=...

``seconds`` is from the sweep to the last message sent; ``duplicates`` counts
deliveries in the gateway's log beyond one per message key.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
DB_NAME = "youthventure_bench"


def run(*cmd, **kw):
    return subprocess.run(cmd, check=True, cwd=ROOT, **kw)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench-reminders-"))
    sms_log = workdir / "sms.log"
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "REDIS_URL": REDIS,
        "SMS_LOG_FILE": str(sms_log),
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    run("dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", DB_NAME)
    run("createdb", "-h", "127.0.0.1", "-U", "postgres", DB_NAME)
    run(sys.executable, "manage.py", "migrate", "--noinput", "-v0", env=env)
    run("redis-cli", "-u", REDIS, "FLUSHDB", stdout=subprocess.DEVNULL)

    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "youthventure.settings")
    django.setup()
    from accounts.models import User
    from notifications import services
    from notifications.models import Message

    started = time.monotonic()
    users = User.objects.bulk_create(
        [User(email=f"bench{i}@example.com", name="青年", phone=f"137{i:08d}") for i in range(1000)]
    )
    batch = []
    for n in range(args.messages):
        user = users[n % len(users)]
        batch.append(
            Message(
                key=f"bench-{n}:sms",
                kind="accounts.profile_incomplete",
                recipient=user,
                channel=Message.Channel.SMS,
                address=user.phone,
                body="【青春创业】您的资料还未完善，完善后青年中心才能更好地为您服务。",
            )
        )
        if len(batch) == 5000:
            Message.objects.bulk_create(batch)
            batch = []
    Message.objects.bulk_create(batch)
    print(f"wrote {args.messages} due messages in {time.monotonic() - started:.1f}s", flush=True)

    procs = []
    for i in range(args.workers):
        log = (workdir / f"worker{i}.log").open("w")
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "youthventure",
                    "worker",
                    "-P",
                    "prefork",
                    "-c",
                    "1",
                    "-n",
                    f"bench{i}@%h",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "-l",
                    "warning",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        )
    time.sleep(3)  # workers connect; the clock starts at the sweep
    try:
        t0 = time.monotonic()
        queued = services.sweep(limit=args.messages)
        print(f"sweep queued {queued} in {time.monotonic() - t0:.1f}s", flush=True)
        while True:
            sent = Message.objects.filter(status=Message.Status.SENT).count()
            if sent >= args.messages or time.monotonic() - t0 > args.timeout:
                break
            time.sleep(0.5)
        seconds = time.monotonic() - t0
    finally:
        for proc in procs:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    lines = [json.loads(line)["key"] for line in sms_log.read_text().splitlines() if line]
    duplicates = len(lines) - len(set(lines))
    from django.db import connections

    connections.close_all()
    run("dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", DB_NAME)
    print(f"sent={sent} duplicates={duplicates} seconds={seconds:.1f}")
    return 0 if sent == args.messages and duplicates == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
