"""Benchmark: the young people's list of 100,000 exported to Excel and to CSV in the
background, with the memory it takes.

    make bench-export            # PostgreSQL on localhost; BENCH_EXPORT_DB names the database

Fills the database (``yv_exports`` unless told; kept for the next run) with ``--rows`` young
people (nine in ten in one village, one in ten in another), then runs each export in a fresh
process, as a worker would (``dashboard.exports.export_run``), once for the village of one in
ten and once for everyone. Memory is the process's peak resident size: when the rows stream,
ten times the rows does not take ten times the memory. The last line is the summary:

    rows=100000 xlsx_seconds=… xlsx_peak_mb=… csv_seconds=… csv_peak_mb=… peak_mb_at_10000=…
"""

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB = os.environ.get("BENCH_EXPORT_DB", "postgres://postgres@127.0.0.1:5432/yv_exports")
ENV = {**os.environ, "DEBUG": "true", "DATABASE_URL": DB, "LOG_LEVEL": "WARNING"}
STAFF = "bench.export@youthventure.cn"


def _django():
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "youthventure.settings")
    import django

    django.setup()


def fill(rows: int) -> dict:
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import OrgUnit, StaffProfile, User, YouthProfile

    district, _ = OrgUnit.objects.get_or_create(
        code="bx", defaults={"name": "导出区", "level": OrgUnit.Level.DISTRICT}
    )
    small, _ = OrgUnit.objects.get_or_create(
        code="bx1", defaults={"name": "一村", "level": OrgUnit.Level.VILLAGE, "parent": district}
    )
    big, _ = OrgUnit.objects.get_or_create(
        code="bx2", defaults={"name": "二村", "level": OrgUnit.Level.VILLAGE, "parent": district}
    )
    staff, created = User.objects.get_or_create(email=STAFF, defaults={"name": "导出"})
    if created:
        StaffProfile.objects.create(user=staff, centre=district, role=StaffProfile.Role.COORDINATOR)
    have = YouthProfile.objects.filter(home_centre__in=[small, big]).count()
    now = timezone.now()
    batch = 5000
    for start in range(have, rows, batch):
        with transaction.atomic():
            users = User.objects.bulk_create(
                User(email=f"x{i:06d}@bench.cn", name=f"=青年{i}", phone=f"139{i:08d}")
                for i in range(start, min(rows, start + batch))
            )
            YouthProfile.objects.bulk_create(
                YouthProfile(
                    user=user,
                    home_centre=small if (start + n) % 10 == 0 else big,
                    consent_policy_version="2026-11",
                    consent_given_at=now,
                    gender="female",
                    date_of_birth=datetime.date(2000, 1, 1),
                    education_level="bachelor",
                    employment_status="seeking",
                    hukou="rural",
                )
                for n, user in enumerate(users)
            )
    return {"small": small.pk}


def child(fmt: str, centre: str) -> None:
    """One export in this process, as a worker runs it; prints seconds, rows and peak MB."""
    _django()
    from accounts.models import User
    from dashboard.exports import export_run
    from dashboard.models import ExportJob

    staff = User.objects.get(email=STAFF)
    params = [["centre", centre]] if centre else []
    job = ExportJob.objects.create(
        requester=staff, export_key="accounts.youth", format=fmt, params=params
    )
    started = time.perf_counter()
    job = export_run(job_id=job.pk)
    seconds = time.perf_counter() - started
    assert job.status == ExportJob.Status.DONE, job.error
    size = job.file.size
    job.file.delete()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rows": job.rows_done, "mb": peak_mb, "bytes": size}))


def measure(fmt: str, centre: str = "") -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", fmt, "--centre", centre],
        check=True, cwd=ROOT, env=ENV, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--child", default="")
    parser.add_argument("--centre", default="")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.centre)
        return 0
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], check=True, cwd=ROOT, env=ENV
    )
    _django()
    started = time.perf_counter()
    small = fill(args.rows)["small"]
    print(f"filled in {time.perf_counter() - started:.0f}s", flush=True)
    results = {}
    for fmt in ("xlsx", "csv"):
        tenth = measure(fmt, str(small))
        whole = measure(fmt)
        print(f"{fmt}: {tenth} / {whole}", flush=True)
        results[fmt] = (tenth, whole)
    xlsx, csv_ = results["xlsx"][1], results["csv"][1]
    print(
        f"rows={xlsx['rows']} xlsx_seconds={xlsx['seconds']:.1f} xlsx_peak_mb={xlsx['mb']:.0f} "
        f"csv_seconds={csv_['seconds']:.1f} csv_peak_mb={csv_['mb']:.0f} "
        f"peak_mb_at_{results['xlsx'][0]['rows']}={results['xlsx'][0]['mb']:.0f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
