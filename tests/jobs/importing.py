"""Young people with resident ID numbers, and files of past placements naming them: shared by
the import tests and ``make bench-import``."""

import csv
import datetime
import io

from django.utils import timezone

from accounts.models import User, YouthProfile
from core.crypto import blind_index

from ..factories import make_national_id

HEADER = ["身份证号", "用人单位", "岗位", "入职日期", "途径"]


def national_id(i: int) -> str:
    born = datetime.date(1995, 1, 1) + datetime.timedelta(days=i // 1000)
    return make_national_id(i % 1000, born=born)


def make_people(n: int, centre, *, prefix: str = "imp") -> list[str]:
    """``n`` young people at ``centre`` with ID numbers (bulk: no signals, no messages)."""
    users = User.objects.bulk_create(
        [User(email=f"{prefix}{i}@example.com", name=f"青年{i}") for i in range(n)],
        batch_size=2000,
    )
    ids = [national_id(i) for i in range(n)]
    YouthProfile.objects.bulk_create(
        [
            YouthProfile(
                user=user,
                national_id=nid,
                national_id_hash=blind_index(nid),
                home_centre=centre,
                gender="female",
                date_of_birth=datetime.date(1995, 1, 1),
                education_level="secondary",
                employment_status="seeking",
                hukou="rural",
                consent_policy_version="2026-11",
                consent_given_at=timezone.now(),
            )
            for user, nid in zip(users, ids, strict=True)
        ],
        batch_size=2000,
    )
    return ids


def placements_csv(ids: list[str], *, rows: int, bad_every: int = 20) -> tuple[bytes, int]:
    """A CSV of ``rows`` placements; every ``bad_every``-th row is bad (an unknown ID, a date
    in the future, or a repeat of the row before). Returns the file and the bad rows."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    bad = 0
    future = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    previous = None
    for i in range(rows):
        line = [ids[i % len(ids)], f"企业{i % 12}", f"岗位{i}", "2024-03-01", "招聘会"]
        if i % bad_every == bad_every - 1:
            bad += 1
            kind = (i // bad_every) % 3
            if kind == 0:
                line[0] = make_national_id(7, born=datetime.date(1980, 1, 1), region="110101")
            elif kind == 1:
                line[3] = future
            else:
                line = list(previous)
        writer.writerow(line)
        previous = line
    return out.getvalue().encode("utf-8"), bad
