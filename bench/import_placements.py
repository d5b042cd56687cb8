"""Benchmark: import of 20,000 past placements, 5% of the rows bad.

    make bench-import            # PostgreSQL on localhost (BENCH_PG), no Redis needed

Creates (and afterwards drops) its own database, registers 19,000 young people with resident
ID numbers (encrypted, blind-indexed) at one village, writes a CSV of 20,000 placements of
which every twentieth row is bad (an unknown ID, a date in the future, a repeat of the row
before), then runs the import as staff do: upload (the check runs as a Celery task; inline
here, TASKS_INLINE), confirm (the import task). It imports the same file a second time to show
nothing new is created. The last line is the summary of the first import:

    rows=20000 created=19000 refused=1000 seconds=...

``seconds`` is from the upload to the last placement written (check + import).
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "youthventure_bench_import"


def run(*cmd, **kw):
    return subprocess.run(cmd, check=True, cwd=ROOT, **kw)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "TASKS_INLINE": "true",
        "REDIS_URL": "",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    host = ["-h", "127.0.0.1", "-U", "postgres"]
    run("dropdb", "--if-exists", *host, DB_NAME)
    run("createdb", *host, DB_NAME)
    try:
        run(sys.executable, "manage.py", "migrate", "--noinput", "-v0", env=env)
        summary = _bench(args.rows)
    finally:
        if not args.keep:
            run("dropdb", "--if-exists", *host, DB_NAME)
    print(summary, flush=True)


def _bench(rows: int) -> str:
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "youthventure.settings")
    django.setup()
    from accounts.models import OrgUnit, StaffProfile, User
    from jobs import services
    from jobs.models import ImportBatch, Placement
    from tests.jobs.importing import make_people, placements_csv

    district = OrgUnit.objects.create(name="青山区", code="qs", level=OrgUnit.Level.DISTRICT)
    village = OrgUnit.objects.create(
        name="柳林村", code="ll", level=OrgUnit.Level.VILLAGE, parent=district
    )
    staff = User.objects.create(email="staff@bench.example.com", name="王干事")
    StaffProfile.objects.create(user=staff, centre=district)
    started = time.monotonic()
    ids = make_people(int(rows * 0.95), village)
    content, bad = placements_csv(ids, rows=rows)
    print(f"{len(ids)} young people and a file of {rows} rows ({bad} bad) in "
          f"{time.monotonic() - started:.1f}s", flush=True)  # fmt: skip

    def import_once():
        began = time.monotonic()
        batch = services.import_upload(uploaded_by=staff, file_name="past.csv", content=content)
        batch.refresh_from_db()
        checked = time.monotonic() - began
        services.import_confirm(batch=batch, actor=staff)
        batch = ImportBatch.objects.get(pk=batch.pk)
        return batch, checked, time.monotonic() - began

    first, checked, seconds = import_once()
    print(f"first import: checked in {checked:.1f}s, created={first.created} "
          f"matched={first.matched} refused={first.refused}", flush=True)  # fmt: skip
    second, _, again = import_once()
    print(f"second import of the same file: created={second.created} matched={second.matched} "
          f"refused={second.refused} in {again:.1f}s; placements={Placement.objects.count()}",
          flush=True)  # fmt: skip
    from django.db import connections

    connections.close_all()  # so that the database can be dropped
    return (
        f"rows={first.total} created={first.created} refused={first.refused} seconds={seconds:.1f}"
    )


if __name__ == "__main__":
    main()
