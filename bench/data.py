"""Benchmark data: a city-sized programme on PostgreSQL, written with COPY and generate_series.

    make bench-data                               # yv_bench_city: 1,000,000 young people
    .venv/bin/python bench/data.py --size 1k      # yv_bench_1k: 1,000 young people
    .venv/bin/python bench/data.py --reuse        # keep the database if it is loaded

The centre tree is the same at every size (10 districts, 100 towns, 2,000 villages, with a
district coordinator and a town officer each, two-factor authentication on, and a superuser);
everything else is in proportion to the young people (at 1,000,000):

    projects 100,000 (every stage, with their stage history); training: 110 venues, 50,000
    courses of the four kinds (legal training included), 100,000 sessions, 5,000,000
    enrolments with seats taken = confirmed rows, about 6,000,000 attendances, about 900,000
    certificates; 3,333 mentors with 50,000 matches in every state and 133,000 coaching
    sessions; 5,000 partner enterprises, 10 banks, 20,000 loan referrals in every status,
    5,000 wealth-leaders; 500 internship stations, 1,000 positions, 20,000 applications, 1,500
    placements; 10,000 vacancies, 100,000 applications, 45,000 job placements (labour export
    included); 50,000 consultations, 10,000 cases with yuan recovered; 20,000 book club
    members and 2,000 newsstands.

Dates are spread over the last three years, so every period (this year, last year, a quarter)
and every month of a trend has records. Young people's mobile and ID numbers are encrypted and
blind-indexed with the fixed keys of ``bench/_common.py`` (the server started by
``bench/dashboard.py`` reads them); counters that must equal rows (``seats_taken``,
``active_count``, ``places_taken``, ``filled``) are set from the rows. Indexes and foreign
keys of the loaded tables are dropped during the load and made again afterwards (which also
checks every unique index and foreign key), then VACUUM ANALYZE. The last line:

    youth=1000000 projects=100000 enrolments=5000000 seconds=...

PostgreSQL on localhost (trust, user postgres; ``BENCH_PG`` to change).
"""

import argparse
import datetime
import hashlib
import hmac
import io
import json
import os
import subprocess
import sys
import time

from _common import FERNET_KEY, HASH_KEY, PG, ROOT, db_exists, run, text

SIZES = {
    "city": {"db": "yv_bench_city", "youth": 1_000_000},
    "1k": {"db": "yv_bench_1k", "youth": 1_000},
}
ALIASES = {"1m": "city", "large": "city", "small": "1k"}
PASSWORD = "bench-password-0123"  # every account's, hashed once
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SUPERUSER = "admin@bench.youthventure.cn"
DISTRICTS, TOWNS_PER_DISTRICT, VILLAGES_PER_TOWN = 10, 10, 20
DISTRICT_NAMES = ["青山", "城关", "石桥", "柳林", "河口", "梅岭", "新华", "桃源", "白沙", "云溪"]
PLACES = "东南西北上下前后新老大小长高"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂"
SCHOOLS = ["青山职业技术学院", "省农业大学", "青山区职业中专", "师范学院", "理工大学", ""]
SECTORS = ["agriculture", "ecommerce", "manufacturing", "food", "tourism", "retail",
           "services", "technology", "logistics", "culture", "other"]  # fmt: skip
EDUCATION = ["junior_secondary", "senior_secondary", "vocational_secondary", "junior_college",
             "bachelor", "postgraduate"]  # fmt: skip
# employment status by person: studying 10%, seeking 20%, employed 45%, self-employed 15%,
# flexible 10%
EMPLOYMENT = ["studying"] * 2 + ["seeking"] * 4 + ["employed"] * 9 + ["self_employed"] * 3
EMPLOYMENT += ["flexible"] * 2
THREE_YEARS = 3 * 365 * 86400


def db_name(size: str) -> str:
    """The size's database (``BENCH_DB``, or ``--db``, names another, e.g. for a test)."""
    return os.environ.get("BENCH_DB") or SIZES[size]["db"]


def db_url(size: str) -> str:
    return f"{PG}/{db_name(size)}"


def env(size: str, **extra) -> dict:
    return {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": db_url(size),
        "FIELD_ENCRYPTION_KEYS": FERNET_KEY,
        "FIELD_HASH_KEY": HASH_KEY,
        "TASKS_INLINE": "true",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "youthventure.settings",
        **extra,
    }


def is_loaded(size: str) -> bool:
    """The database exists and its load finished (the last step writes a marker)."""
    if not db_exists(db_name(size)):
        return False
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db_name(size), "-tAc",
         "SELECT obj_description('accounts_orgunit'::regclass, 'pg_class')"],
        capture_output=True, text=True,
    ).stdout  # fmt: skip
    return out.strip().startswith("bench-data")


def prepare(size: str, reuse: bool) -> bool:
    """Make the data set unless ``reuse`` and it is already loaded; True if it was loaded."""
    if reuse and is_loaded(size):
        print(f"{size}: {db_name(size)} is loaded, reused", file=sys.stderr)
        return False
    db = db_name(size)
    run("dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", db)
    run("createdb", "-h", "127.0.0.1", "-U", "postgres", db)
    run(sys.executable, __file__, "_load", size, env=env(size))
    return True


# --- inside a Django process ---------------------------------------------------------------


def frac(i: int, salt: int) -> float:
    """A fixed pseudo-random number in [0, 1) for row ``i`` (the same in every run)."""
    return ((i * 2654435761 + salt * 40503) % 1000003) / 1000003


class Loader:
    def __init__(self, size: str):
        from django.db import connection
        from django.utils import timezone

        self.size = size
        self.n = SIZES[size]["youth"]
        self.now = timezone.now().replace(microsecond=0)
        self.cursor = connection.cursor()
        self.timings: list[tuple[str, int, float]] = []
        self.saved: list[tuple[str, str]] = []  # (table, SQL to make an index or constraint)

    # -- plumbing

    def sql(self, statement: str, params=None) -> int:
        self.cursor.execute(statement, params)
        return self.cursor.rowcount

    def timed(self, table: str, statement: str, params=None) -> int:
        started = time.monotonic()
        rows = self.sql(statement, params)
        self.report(table, rows, time.monotonic() - started)
        return rows

    def report(self, table: str, rows: int, seconds: float) -> None:
        self.timings.append((table, rows, seconds))
        print(f"  {table:<34} {rows:>10} rows {seconds:7.1f}s", file=sys.stderr, flush=True)

    def copy(self, table: str, columns: list[str], rows, chunk: int = 200_000) -> int:
        """COPY the tuples of ``rows`` (iterable) in chunks; values as bench.text writes them."""
        started = time.monotonic()
        total, buffer = 0, io.StringIO()
        head = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        for row in rows:
            buffer.write("\t".join([text(v) for v in row]))
            buffer.write("\n")
            total += 1
            if total % chunk == 0:
                buffer.seek(0)
                self.cursor.copy_expert(head, buffer)
                buffer = io.StringIO()
        buffer.seek(0)
        self.cursor.copy_expert(head, buffer)
        self.report(table, total, time.monotonic() - started)
        return total

    def strip(self, tables: list[str]) -> None:
        """Drop the foreign keys, unique constraints and secondary indexes of ``tables``
        (remembered, made again by ``restore``): COPY into a bare heap is several times faster."""
        self.sql("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks on a table altered
        self.sql(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), "
            "c.contype FROM pg_constraint c WHERE c.contype IN ('f', 'u') "
            "AND c.conrelid = ANY(%s::regclass[]) "
            "ORDER BY c.contype DESC",  # unique before foreign keys (which may need them)
            [tables],
        )
        constraints = self.cursor.fetchall()
        for table, name, definition, _kind in constraints:
            self.saved.append((table, f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'))
        # Unique first, foreign keys after, when made again; dropped the other way round.
        self.saved.sort(key=lambda item: "FOREIGN KEY" in item[1])
        for table, name, _definition, _kind in sorted(constraints, key=lambda c: c[3]):
            self.sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        self.sql(
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
            "AND tablename = ANY(%s) AND indexname NOT IN (SELECT conname FROM pg_constraint)",
            [tables],
        )
        for table, name, definition in self.cursor.fetchall():
            self.saved.insert(0, (table, definition))
            self.sql(f'DROP INDEX "{name}"')

    def restore(self) -> None:
        started = time.monotonic()
        self.sql("SET CONSTRAINTS ALL IMMEDIATE")
        self.sql("SET maintenance_work_mem = '512MB'")
        self.sql("SET max_parallel_maintenance_workers = 2")
        for _table, statement in self.saved:
            self.sql(statement)
        self.report(f"indexes and keys ({len(self.saved)})", 0, time.monotonic() - started)

    def sequences(self, tables: list[str]) -> None:
        for table in tables:
            self.sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"GREATEST((SELECT MAX(id) FROM {table}), 1))"
            )

    def when(self, i: int, salt: int, span: int = THREE_YEARS) -> datetime.datetime:
        return self.now - datetime.timedelta(seconds=int(frac(i, salt) * span))

    # -- the data set

    def load(self) -> None:
        from django.contrib.auth.hashers import make_password

        n = self.n
        self.password = make_password(PASSWORD)
        self.counts = {
            "projects": n // 10,
            "courses": max(8, n // 20),
            "enrolments_per_course": 100,
            "mentors": max(3, n // 300),
            "enterprises": max(10, n // 200),
            "referrals": max(10, n // 50),
            "leaders": max(5, n // 200),
            "stations": max(2, n // 2000),
            "vacancies": max(4, n // 100),
            "other_placements": max(5, n // 40),
            "consultations": max(10, n // 20),
            "cases": max(10, n // 100),
            "members": max(10, n // 50),
            "newsstands": max(2, n // 500),
        }
        # id of the k-th young person's account (k = 1..n) and their village
        self.sql(
            "CREATE OR REPLACE FUNCTION pg_temp.village(k bigint) RETURNS bigint "
            "LANGUAGE sql IMMUTABLE AS $$ SELECT 110 + ((k - 1) % 2000) + 1 $$"
        )
        self.sql(
            f"CREATE OR REPLACE FUNCTION pg_temp.person(x bigint) RETURNS bigint "
            f"LANGUAGE sql IMMUTABLE AS $$ SELECT 1 + ((x * 7919) % {n}) $$"
        )
        self.sql(
            "CREATE OR REPLACE FUNCTION pg_temp.frac(i bigint, salt int) RETURNS float8 "
            "LANGUAGE sql IMMUTABLE AS $$ SELECT (((i * 2654435761 + salt * 40503) % 1000003) "
            "/ 1000003.0)::float8 $$"
        )
        self.sql("SELECT setseed(0.2026)")
        self.tree()
        self.staff()
        big = [
            "accounts_user", "accounts_youthprofile", "projects_ventureproject",
            "projects_stagechange", "training_course", "training_session", "training_enrolment",
            "training_attendance", "training_certificate", "mentors_match",
            "mentors_coachingsession", "loans_referral", "internships_application",
            "internships_placement", "jobs_application", "jobs_placement",
            "guidance_consultation", "guidance_case", "facilities_bookclubmember",
        ]  # fmt: skip
        self.strip(big)
        self.youth()
        self.projects()
        self.partners()
        self.training()
        self.mentors()
        self.loans()
        self.internships()
        self.jobs()
        self.guidance()
        self.facilities()
        self.restore()
        self.sequences(
            [*big, "accounts_orgunit", "accounts_mentorrole", "mentors_mentorprofile",
             "partners_enterprise", "partners_bank", "loans_loanproduct", "loans_wealthleader",
             "training_venue", "internships_station", "internships_position", "jobs_vacancy",
             "guidance_office", "facilities_newsstand"]
        )  # fmt: skip

    def tree(self) -> None:
        names = DISTRICT_NAMES
        self.sql(
            "INSERT INTO accounts_orgunit (id, name, code, level, path, address, parent_id) "
            "SELECT d, (%s::text[])[d] || '区', 'd' || lpad(d::text, 2, '0'), 'district', "
            "'d' || lpad(d::text, 2, '0') || '/', '', NULL FROM generate_series(1, 10) d",
            [names],
        )
        self.sql(
            "INSERT INTO accounts_orgunit (id, name, code, level, path, address, parent_id) "
            "SELECT 10 + t, (%s::text[])[(t - 1) / 10 + 1] || substr(%s, (t - 1) %% 10 + 1, 1) "
            "|| '镇', 't' || lpad(t::text, 3, '0'), 'town', "
            "'d' || lpad(((t - 1) / 10 + 1)::text, 2, '0') || '/t' || lpad(t::text, 3, '0') "
            "|| '/', "
            "'', (t - 1) / 10 + 1 FROM generate_series(1, 100) t",
            [names, PLACES],
        )
        self.timed(
            "accounts_orgunit",
            "INSERT INTO accounts_orgunit (id, name, code, level, path, address, parent_id) "
            "SELECT 110 + v, o.name || substr(%s, (v - 1) %% 14 + 1, 1) || (v - 1) %% 20 + 1 "
            "|| '村', 'v' || lpad(v::text, 4, '0'), 'village', "
            "o.path || 'v' || lpad(v::text, 4, '0') || '/', '', o.id "
            "FROM generate_series(1, 2000) v "
            "JOIN accounts_orgunit o ON o.id = 10 + (v - 1) / 20 + 1",
            [PLACES],
        )

    def staff(self) -> None:
        """A superuser, a coordinator per district and an officer per town, with TOTP."""
        from allauth.mfa.totp.internal.auth import TOTP

        from accounts.models import OrgUnit, StaffProfile, User

        started = time.monotonic()
        users = [User(id=1, email=SUPERUSER, name="管理员", is_superuser=True, is_staff=True)]
        profiles = []
        for centre in OrgUnit.objects.exclude(level=OrgUnit.Level.VILLAGE).order_by("id"):
            users.append(User(id=1 + centre.pk, email=f"{centre.code}@bench.youthventure.cn",
                              name=f"{centre.name}干部"))  # fmt: skip
            role = "coordinator" if centre.level == OrgUnit.Level.DISTRICT else "officer"
            profiles.append(StaffProfile(user_id=1 + centre.pk, centre=centre, role=role))
        for user in users:
            user.password = self.password
            user.date_joined = self.now - datetime.timedelta(days=3 * 365 + 30)
        User.objects.bulk_create(users)
        StaffProfile.objects.bulk_create(profiles)
        for user in users:
            TOTP.activate(user, TOTP_SECRET)
        self.sequences(["accounts_user", "accounts_staffprofile", "mfa_authenticator"])
        self.report("accounts_user (staff, with TOTP)", len(users), time.monotonic() - started)

    def youth(self) -> None:
        from django.conf import settings

        from core.crypto import encrypt
        from core.validators import national_id_check_char

        key = settings.FIELD_HASH_KEY.encode()

        def blind(value):
            return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()

        n, now = self.n, self.now
        joined = [None] * (n + 1)
        for k in range(1, n + 1):
            joined[k] = self.when(k, 1)
        self.joined = joined

        def users():
            for k in range(1, n + 1):
                phone = f"13{k:09d}"
                given = GIVEN[(k // 20) % len(GIVEN)] + ("" if k % 3 else GIVEN[k % len(GIVEN)])
                name = SURNAMES[k % 20] + given
                yield (1000 + k, self.password, None, False, False, True, joined[k], name,
                       f"y{k}@bench.youthventure.cn", encrypt(phone), blind(phone), "zh-hans",
                       None, joined[k])  # fmt: skip

        self.copy(
            "accounts_user",
            ["id", "password", "last_login", "is_superuser", "is_staff", "is_active",
             "date_joined", "name", "email", "phone", "phone_hash", "language", "erased_at",
             "phone_verified_at"],
            users(),
        )  # fmt: skip
        base = datetime.date(1992, 1, 1)

        def profiles():
            version = settings.PRIVACY_POLICY_VERSION
            for k in range(1, n + 1):
                complete = frac(k, 2) > 0.08
                male = frac(k, 3) < 0.5
                born = base + datetime.timedelta(days=k % 4380)
                first17 = f"330106{born:%Y%m%d}{(k // 4380) * 2 + male:03d}"
                national_id = first17 + national_id_check_char(first17)
                status = EMPLOYMENT[int(frac(k, 4) * 20)]
                yield (k, ("male" if male else "female") if complete else "",
                       born if complete else None,
                       encrypt(national_id) if complete else None,
                       blind(national_id) if complete else None,
                       EDUCATION[k % 6] if complete else "", SCHOOLS[k % 6],
                       min(born.year + 22, 2027), status, "rural" if k % 3 else "urban", "",
                       f'["{SECTORS[k % 11]}"]', "", "", version, joined[k], joined[k],
                       max(joined[k], now - datetime.timedelta(days=k % 90)),
                       110 + (k - 1) % 2000 + 1, 1000 + k, None, "", "self")  # fmt: skip

        self.copy(
            "accounts_youthprofile",
            ["id", "gender", "date_of_birth", "national_id", "national_id_hash",
             "education_level", "school", "graduation_year", "employment_status", "hukou",
             "skills", "sectors", "business_idea", "avatar", "consent_policy_version",
             "consent_given_at", "created_at", "updated_at", "home_centre_id", "user_id",
             "assisted_by_id", "consent_form", "consent_method"],
            profiles(),
        )  # fmt: skip

    def projects(self) -> None:
        """Projects at every stage, led by young people of the village they belong to, with
        their stage history (the moves of projects/seed.py's PATH)."""
        p = self.counts["projects"]
        stages = ["idea"] * 3 + ["applied"] * 3 + ["under_review"] * 2 + ["signed"] * 3
        stages += ["launched"] * 3 + ["operating"] * 4 + ["closed", "rejected"]
        path = {
            "idea": [], "applied": ["applied"], "under_review": ["applied", "under_review"],
            "signed": ["applied", "under_review", "signed"],
            "launched": ["applied", "under_review", "signed", "launched"],
            "operating": ["applied", "under_review", "signed", "launched", "operating"],
            "rejected": ["applied", "under_review", "rejected"],
            "closed": ["applied", "under_review", "signed", "closed"],
        }  # fmt: skip
        trades = ["茶叶", "民宿", "电商", "果园", "竹编", "烘焙", "汽修", "养殖", "物流", "文创"]
        kinds = ["合作社", "工作室", "服务站", "加工坊", "直播间", "农场"]
        n, now = self.n, self.now
        changes = []

        def projects():
            for i in range(1, p + 1):
                lead = 1 + (i * 7919) % n
                stage = stages[i % 20]
                start = self.when(i, 11, THREE_YEARS - 200 * 86400) - datetime.timedelta(days=200)
                when, dates, history = start, {}, [("", "idea", 1000 + lead, start)]
                for step, to in enumerate(path[stage]):
                    when = min(when + datetime.timedelta(days=5 + (i + step * 7) % 35), now)
                    dates[to] = when
                    actor = 1000 + lead if to == "applied" else 1 + 10 + (lead - 1) % 2000 // 20 + 1
                    history.append((history[-1][1], to, actor, when))
                changes.append(history)
                launched = stage in ("launched", "operating")
                jobs = 1 + i % 29 if launched else 0
                centre = 110 + (lead - 1) % 2000 + 1
                name = f"{DISTRICT_NAMES[i % 10]}{trades[i % 10]}{kinds[i % 6]}{i % 997}"
                yield (i, name, 1000 + lead, SECTORS[i % 11], centre,
                       f"{name}：由返乡青年发起的创业项目，带动周边村民就业增收。", "",
                       launched, name if launched else "",
                       f"92330110MA{i:08d}" if launched else None,
                       (1 + i % 80) * 10_000 if launched else 0, jobs,
                       i % (jobs + 1) if jobs else 0,
                       launched and i % 10 == 0, stage, history[-1][3],
                       dates["signed"].date() if "signed" in dates else None,
                       dates["launched"].date() if "launched" in dates else None,
                       launched and i % 3 == 0, "返乡创业，带动乡亲增收。" if launched else "",
                       start, history[-1][3])  # fmt: skip

        self.copy(
            "projects_ventureproject",
            ["id", "name", "lead_id", "sector", "centre_id", "description", "business_plan",
             "is_registered", "business_name", "uscc", "investment", "jobs_created",
             "jobs_for_youth", "in_demo_park", "stage", "stage_changed_at", "signed_on",
             "launched_on", "showcase_opt_in", "story", "created_at", "updated_at"],
            projects(),
        )  # fmt: skip

        def history():
            for i, moves in enumerate(changes, start=1):
                for frm, to, actor, at in moves:
                    yield (i, frm, to, actor, "", at)

        self.copy(
            "projects_stagechange",
            ["project_id", "from_stage", "to_stage", "actor_id", "reason", "created_at"],
            history(),
        )

    def partners(self) -> None:
        e = self.counts["enterprises"]
        self.timed(
            "partners_enterprise",
            "INSERT INTO partners_enterprise (id, name, uscc, industry, address, contact_name, "
            "contact_phone, contact_email, is_employer, is_internship_host, "
            "is_training_commissioner, description, is_active, created_at, updated_at, centre_id) "
            "SELECT e, '青创企业' || e || '有限公司', '91330100MA' || lpad(e::text, 8, '0'), "
            "'制造', '', '联系人', '1370' || lpad(e::text, 7, '0'), '', true, e <= %s, e %% 3 = 0, "
            "'', e %% 20 <> 0, now() - interval '3 years', now(), 10 + (e - 1) %% 100 + 1 "
            "FROM generate_series(1, %s) e",
            [self.counts["stations"], e],
        )
        self.sql(
            "INSERT INTO partners_bank (id, name, branch, base_interest_rate, contact_name, "
            "contact_phone, address, is_active, created_at, updated_at, centre_id) "
            "SELECT d, '农村商业银行', (%s::text[])[d] || '支行', 4.35, '信贷员', "
            "'1380' || lpad(d::text, 7, '0'), '', true, now() - interval '3 years', now(), d "
            "FROM generate_series(1, 10) d",
            [DISTRICT_NAMES],
        )
        self.sql(
            "INSERT INTO loans_loanproduct (id, name, base_rate, rate_places, min_amount, "
            "max_amount, min_term_months, max_term_months, valid_from, created_at, bank_id) "
            "SELECT d, '青年创业贷', 3.85, 2, 10000, 500000, 6, 36, "
            "(now() - interval '3 years 30 days')::date, now() - interval '3 years', d "
            "FROM generate_series(1, 10) d"
        )

    def training(self) -> None:
        """Venues; courses of the four kinds at the towns; two sessions each; a hundred
        enrolments a course (confirmed up to the capacity, a waitlist on full courses,
        some cancelled); attendances, completions, certificates and hires from them."""
        c, per = self.counts["courses"], self.counts["enrolments_per_course"]
        n, e = self.n, self.counts["enterprises"]
        self.timed(
            "training_venue",
            "INSERT INTO training_venue (id, name, kind, address, seats, centre_id) "
            "SELECT t, o.name || '青年之家', 'centre', '', 120, o.id "
            "FROM generate_series(1, 100) t "
            "JOIN accounts_orgunit o ON o.id = 10 + t "
            "UNION ALL SELECT 100 + d, o.name || '创业实训基地', 'base', '', 300, o.id "
            "FROM generate_series(1, 10) d JOIN accounts_orgunit o ON o.id = d",
        )
        # kind by c % 10: classroom 0-3, skills 4-6, legal 7-8, order-based 9; every fifth
        # course full (capacity 95: 95 confirmed, 3 waitlisted, 2 cancelled), the others with
        # room (capacity 120: 94 confirmed, 6 cancelled). Starts over the last three years.
        self.sql(
            "CREATE TEMP TABLE bench_course AS SELECT c, "
            "CASE WHEN c % 10 < 4 THEN 'classroom' WHEN c % 10 < 7 THEN 'skills' "
            "WHEN c % 10 < 9 THEN 'legal' ELSE 'order' END AS kind, "
            "date_trunc('hour', now() - interval '1 second' "
            "* floor(pg_temp.frac(c, 21) * 94608000) + interval '20 days') AS starts, "
            "c % 5 = 0 AS is_full, 10 + (c - 1) % 100 + 1 AS town "
            f"FROM generate_series(1, {c}) c"
        )
        self.sql("ALTER TABLE bench_course ADD PRIMARY KEY (c)")
        self.timed(
            "training_course",
            "INSERT INTO training_course (id, title, kind, description, capacity, seats_taken, "
            "enrol_opens, enrol_closes, completion_percent, is_published, job_type, "
            "places_commissioned, placement_promise, certificate_grade, created_at, updated_at, "
            "centre_id, enterprise_id, venue_id) "
            "SELECT c, CASE kind WHEN 'classroom' THEN '创业大讲堂第' || c || '期' "
            "WHEN 'skills' THEN '电商直播技能培训第' || c || '期' "
            "WHEN 'legal' THEN '青年普法培训第' || c || '期' ELSE '订单式培训第' || c || '期' END, "
            "kind, '面向返乡青年的培训课程。', CASE WHEN is_full THEN 95 ELSE 120 END, 0, "
            "starts - interval '40 days', starts - interval '1 day', 80, true, "
            "CASE WHEN kind = 'order' THEN '电商运营' ELSE '' END, "
            "CASE WHEN kind = 'order' THEN 30 ELSE 0 END, "
            "CASE WHEN kind = 'order' THEN '结业考核合格者优先录用' ELSE '' END, "
            "CASE WHEN kind IN ('skills', 'order') THEN '合格' ELSE '' END, "
            "starts - interval '45 days', starts - interval '45 days', town, "
            f"CASE WHEN kind = 'order' THEN 1 + c % {e} END, town - 10 FROM bench_course",
        )
        self.timed(
            "training_session",
            "INSERT INTO training_session (id, starts_at, ends_at, topic, trainer, course_id, "
            "venue_id) SELECT (c - 1) * 2 + s, starts + (s - 1) * interval '7 days', "
            "starts + (s - 1) * interval '7 days' + interval '3 hours', '第' || s || '讲', "
            "'讲师', c, NULL FROM bench_course, generate_series(1, 2) s",
        )
        # enrolment k of course c: young person person(c * per + k) (distinct within a course)
        self.timed(
            "training_enrolment",
            "INSERT INTO training_enrolment (id, status, share_with_enterprise, completed, "
            "placement, placement_changed_at, created_at, changed_at, course_id, youth_id) "
            f"SELECT (c - 1) * {per} + k, "
            "CASE WHEN k <= CASE WHEN is_full THEN 95 ELSE 94 END THEN 'confirmed' "
            "WHEN is_full AND k <= 98 THEN 'waitlisted' ELSE 'cancelled' END, kind = 'order', "
            f"k <= 94 AND k % 2 = 0 AND starts + interval '8 days' < now(), "
            "CASE WHEN kind = 'order' AND k <= 94 AND k % 2 = 0 "
            "AND starts + interval '8 days' < now() "
            "THEN (ARRAY['placed', 'offered', ''])[k % 3 + 1] "
            "ELSE '' END, "
            "CASE WHEN kind = 'order' AND k <= 94 AND k % 2 = 0 AND k % 3 < 2 "
            "AND starts + interval '8 days' < now() THEN starts + interval '20 days' END, "
            "starts - interval '40 days' + k * interval '6 hours', "
            "starts - interval '40 days' + k * interval '6 hours', c, "
            f"1000 + 1 + ((c::bigint * {per} + k) * 104729) % {n} "
            f"FROM bench_course, generate_series(1, {per}) k",
        )
        # attendance: the first session for three in four confirmed, the second for those who
        # completed; only sessions already held
        self.timed(
            "training_attendance",
            "INSERT INTO training_attendance (recorded_at, recorded_by_id, enrolment_id, "
            f"session_id) SELECT starts + interval '3 hours', 1 + town, (c - 1) * {per} + k, "
            f"(c - 1) * 2 + 1 FROM bench_course, generate_series(1, 94) k "
            "WHERE k % 4 <> 3 AND starts + interval '3 hours' < now() "
            "UNION ALL SELECT starts + interval '7 days 3 hours', 1 + town, "
            f"(c - 1) * {per} + k, (c - 1) * 2 + 2 FROM bench_course, generate_series(1, 94) k "
            "WHERE k % 2 = 0 AND starts + interval '8 days' < now()",
        )
        self.timed(
            "training_certificate",
            "INSERT INTO training_certificate (number, grade, issued_on, valid_until, issuer, "
            "token, revoked_at, revoke_reason, issued_by_id, enrolment_id) "
            f"SELECT 'QC' || lpad(((c - 1) * {per} + k)::text, 9, '0'), '合格', "
            "(starts + interval '10 days')::date, NULL, '共青团青年培训中心', gen_random_uuid(), "
            "CASE WHEN k = 2 AND c % 50 = 0 THEN starts + interval '30 days' END, "
            "CASE WHEN k = 2 AND c % 50 = 0 THEN '信息有误' ELSE '' END, 1 + town, "
            f"(c - 1) * {per} + k FROM bench_course, generate_series(1, 94) k "
            "WHERE kind IN ('skills', 'order') AND k % 2 = 0 "
            "AND starts + interval '8 days' < now()",
        )
        self.timed(
            "training_course (seats_taken)",
            "UPDATE training_course co SET seats_taken = x.n FROM (SELECT course_id, count(*) n "
            "FROM training_enrolment WHERE status = 'confirmed' GROUP BY course_id) x "
            "WHERE x.course_id = co.id",
        )

    def mentors(self) -> None:
        """Mentors at the towns (capacity 5), fifteen matches each in every state (three
        active), four coaching sessions for each active or ended match."""
        m, n = self.counts["mentors"], self.n
        first = 1000 + n
        self.timed(
            "accounts_user (mentors)",
            "INSERT INTO accounts_user (id, password, is_superuser, is_staff, is_active, "
            "date_joined, name, email, language) SELECT %s + j, %s, false, false, true, "
            "now() - interval '3 years', '导师' || j, 'mentor' || j || '@bench.youthventure.cn', "
            "'zh-hans' FROM generate_series(1, %s) j",
            [first, self.password, m],
        )
        self.sql(
            "INSERT INTO accounts_mentorrole (id, is_active, granted_at, centre_id, "
            "granted_by_id, user_id) SELECT j, true, now() - interval '3 years', "
            "10 + (j - 1) %% 100 + 1, 1, %s + j FROM generate_series(1, %s) j",
            [first, m],
        )
        self.timed(
            "mentors_mentorprofile",
            "INSERT INTO mentors_mentorprofile (id, title, organisation, sectors, skills, bio, "
            "photo, capacity, active_count, is_chief, availability, created_at, updated_at, "
            "centre_id, user_id) SELECT j, '创业导师', '青年企业家协会', "
            "jsonb_build_array((%s::text[])[j %% 11 + 1]), '经营管理', '', '', 5, 0, j = 1, "
            "'open', now() - interval '3 years', now(), 10 + (j - 1) %% 100 + 1, %s + j "
            "FROM generate_series(1, %s) j",
            [SECTORS, first, m],
        )
        # match x = (j - 1) * 15 + s of mentor j: status by s; young person person(x)
        self.timed(
            "mentors_match",
            "INSERT INTO mentors_match (id, status, message, expires_at, accepted_at, ended_at, "
            "end_reason, status_changed_at, created_at, centre_id, project_id, proposed_by_id, "
            "youth_id, mentor_id) SELECT x, st, '希望得到创业指导。', "
            "CASE WHEN st IN ('requested', 'proposed') THEN at + interval '14 days' END, "
            "CASE WHEN st IN ('active', 'ended') THEN at + interval '3 days' END, "
            "CASE WHEN st = 'ended' THEN at + interval '120 days' END, "
            "CASE WHEN st = 'ended' THEN '辅导期满' ELSE '' END, "
            "CASE WHEN st = 'ended' THEN at + interval '120 days' "
            "WHEN st IN ('active', 'declined', 'expired') THEN at + interval '3 days' ELSE at END, "
            "at, pg_temp.village(y), NULL, CASE WHEN st = 'proposed' THEN 1 + 10 + "
            "(pg_temp.village(y) - 111) / 20 + 1 END, 1000 + y, j FROM ("
            "SELECT j, s, (j - 1) * 15 + s AS x, pg_temp.person((j - 1) * 15 + s) AS y, "
            "(ARRAY['active', 'active', 'active', 'requested', 'proposed', 'declined', "
            "'declined', 'expired', 'ended', 'ended', 'ended', 'ended', 'ended', 'ended', "
            "'ended'])[s] AS st, "
            "CASE WHEN s IN (4, 5) THEN now() - interval '1 day' * (1 + (j + s) %% 10) "
            "ELSE now() - interval '1 second' * floor(pg_temp.frac((j - 1) * 15 + s, 31) * "
            "(94608000 - 10368000)) - interval '120 days' END AS at "
            "FROM generate_series(1, %s) j, generate_series(1, 15) s) q",
            [m],
        )
        self.timed(
            "mentors_coachingsession",
            "INSERT INTO mentors_coachingsession (starts_at, mode, status, minutes, topics, "
            "notes, next_steps, private_notes, rating, logged_at, confirmed_at, created_at, "
            "match_id) SELECT t, (ARRAY['in_person', 'phone', 'online'])[s % 3 + 1], st, "
            "CASE WHEN st <> 'planned' THEN 60 + 15 * (s % 3) END, '经营规划', '', '', '', "
            "CASE WHEN st = 'confirmed' THEN 4 + s % 2 END, "
            "CASE WHEN st <> 'planned' THEN t + interval '2 hours' END, "
            "CASE WHEN st = 'confirmed' THEN t + interval '1 day' END, t - interval '3 days', id "
            "FROM (SELECT m.id, s, m.accepted_at + s * interval '21 days' AS t, "
            "CASE WHEN m.accepted_at + s * interval '21 days' > now() THEN 'planned' "
            "WHEN s = 4 OR m.accepted_at + s * interval '21 days' > now() - interval '7 days' "
            "THEN 'logged' ELSE 'confirmed' END AS st "
            "FROM mentors_match m, generate_series(1, 4) s "
            "WHERE m.status IN ('active', 'ended')) q",
        )
        self.sql(
            "UPDATE mentors_mentorprofile p SET active_count = x.n FROM (SELECT mentor_id, "
            "count(*) n FROM mentors_match WHERE status = 'active' GROUP BY mentor_id) x "
            "WHERE x.mentor_id = p.id"
        )

    def loans(self) -> None:
        r = self.counts["referrals"]
        statuses = ["submitted", "info_requested", "referred", "declined", "withdrawn",
                    "approved", "approved", "bank_declined", "disbursed", "disbursed"]  # fmt: skip
        self.timed(
            "loans_referral",
            "INSERT INTO loans_referral (id, amount, term_months, purpose, consent_to_share, "
            "consent_at, status, status_changed_at, referred_on, decision_due_on, decided_at, "
            "base_rate, wealth_leader, approved_amount, approved_rate, approved_term_months, "
            "discount_yuan, decision_reason, disbursed_on, repayment, created_at, applicant_id, "
            "bank_id, centre_id, product_id, project_id) "
            "SELECT x, 50000 + (x %% 10) * 20000, 24, '扩大经营，购置设备', sent, "
            "CASE WHEN sent THEN at END, st, at + interval '20 days', "
            "CASE WHEN sent THEN (at + interval '2 days')::date END, "
            "CASE WHEN sent THEN (at + interval '17 days')::date END, "
            "CASE WHEN st IN ('approved', 'disbursed', 'bank_declined') "
            "THEN at + interval '15 days' END, CASE WHEN sent THEN 3.85 END, false, "
            "CASE WHEN ok THEN 50000 + (x %% 10) * 20000 END, CASE WHEN ok THEN 3.85 END, "
            "CASE WHEN ok THEN 24 END, 0, '', "
            "CASE WHEN st = 'disbursed' THEN (at + interval '20 days')::date END, "
            "CASE WHEN st = 'disbursed' THEN 'current' ELSE '' END, at, 1000 + y, "
            "d, v, d, NULL FROM (SELECT x, y, v, (v - 111) / 200 + 1 AS d, st, "
            "st IN ('referred', 'approved', 'bank_declined', 'disbursed') AS sent, "
            "st IN ('approved', 'disbursed') AS ok, now() - interval '30 days' - interval "
            "'1 second' * floor(pg_temp.frac(x, 41) * (94608000 - 2592000)) AS at "
            "FROM (SELECT x, pg_temp.person(x + 7) AS y, pg_temp.village(pg_temp.person(x + 7)) "
            "AS v, (%s::text[])[x %% 10 + 1] AS st FROM generate_series(1, %s) x) a) b",
            [statuses, r],
        )
        self.timed(
            "loans_wealthleader",
            "INSERT INTO loans_wealthleader (id, evidence, granted_on, expires_on, created_at, "
            "centre_id, granted_by_id, person_id) SELECT x, '带动十户以上村民增收', g, "
            "g + 730, g, pg_temp.village(y), 1, 1000 + y FROM (SELECT x, "
            "pg_temp.person(x * 3 + 1) AS y, (now() - interval '1 day' * "
            "floor(pg_temp.frac(x, 51) * 1095))::date AS g FROM generate_series(1, %s) x) q",
            [self.counts["leaders"]],
        )

    def internships(self) -> None:
        """Stations at the first enterprises, two positions each (10 places), twenty
        applications per position in every status; the accepted ones became placements."""
        st = self.counts["stations"]
        self.sql(
            "INSERT INTO internships_station (id, since, annual_quota, is_active, created_at, "
            "enterprise_id) SELECT s, (now() - interval '3 years')::date, 10, s %% 10 <> 0, "
            "now() - interval '3 years', s FROM generate_series(1, %s) s",
            [st],
        )
        self.sql(
            "INSERT INTO internships_position (id, title, department, places, places_taken, "
            "stipend, duration_months, requirements, is_open, created_at, station_id) "
            "SELECT p, '见习岗位' || p, '综合部', 10, 0, 2500, 6, '', true, "
            "now() - interval '3 years', (p - 1) / 2 + 1 FROM generate_series(1, %s) p",
            [st * 2],
        )
        statuses = ["accepted"] * 3 + ["offered"] + ["interview"] * 2 + ["shortlisted"] * 3
        statuses += ["applied"] * 4 + ["declined"] * 2 + ["withdrawn"] * 2 + ["rejected"] * 3
        self.timed(
            "internships_application",
            "INSERT INTO internships_application (id, education_level, graduation_year, "
            "motivation, status, status_changed_at, interview_at, interview_place, start_date, "
            "reason, created_at, centre_id, youth_id, position_id, station_id) "
            "SELECT x, 'junior_college', 2025, '希望积累工作经验。', st, at + interval '10 days', "
            "CASE WHEN st = 'interview' THEN now() + interval '3 days' END, "
            "CASE WHEN st = 'interview' THEN '企业会议室' ELSE '' END, "
            "CASE WHEN st IN ('offered', 'accepted') THEN (at + interval '20 days')::date END, "
            "'', at, pg_temp.village(y), 1000 + y, p, (p - 1) / 2 + 1 FROM (SELECT "
            "(p - 1) * 20 + k AS x, p, pg_temp.person((p - 1) * 20 + k + 11) AS y, "
            "(%s::text[])[k] AS st, now() - interval '40 days' - interval '1 second' * "
            "floor(pg_temp.frac((p - 1) * 20 + k, 61) * (94608000 - 3456000)) AS at "
            "FROM generate_series(1, %s) p, generate_series(1, 20) k) q",
            [statuses, st * 2],
        )
        self.sql(
            "UPDATE internships_position po SET places_taken = x.n FROM (SELECT position_id, "
            "count(*) n FROM internships_application WHERE status IN ('offered', 'accepted') "
            "GROUP BY position_id) x WHERE x.position_id = po.id"
        )
        self.timed(
            "internships_placement",
            "INSERT INTO internships_placement (start_date, end_date, midterm_due, status, "
            "left_on, leave_reason, outcome, created_at, application_id, centre_id, "
            "outcome_recorded_by_id, youth_id, position_id, station_id) "
            "SELECT start_date, start_date + 182, start_date + 91, st, "
            "CASE WHEN st = 'left_early' THEN start_date + 60 END, "
            "CASE WHEN st = 'left_early' THEN '另有工作' ELSE '' END, "
            "CASE WHEN st = 'completed' THEN (ARRAY['kept_on', 'job_elsewhere', "
            "'self_employed', 'further_study', 'unemployed'])[(id / 20) % 5 + 1] ELSE '' END, "
            "start_date, id, centre_id, NULL, youth_id, position_id, station_id "
            "FROM (SELECT a.*, CASE WHEN a.id % 20 = 3 THEN 'left_early' "
            "WHEN a.start_date + 182 > now()::date THEN 'active' ELSE 'completed' END AS st "
            "FROM internships_application a WHERE a.status = 'accepted') q",
        )

    def jobs(self) -> None:
        """Vacancies of the enterprises (one in ten for labour export), ten applications
        each in every status (two hired, placed through the vacancy), and placements
        recorded by staff, imported, found at fairs or through labour export."""
        v, e = self.counts["vacancies"], self.counts["enterprises"]
        self.timed(
            "jobs_vacancy",
            "INSERT INTO jobs_vacancy (id, title, places, filled, pay_min, pay_max, "
            "location_kind, location, sector, requirements, closes_on, status, created_at, "
            "enterprise_id, posted_by_id) SELECT x, '招聘岗位' || x, 5, 0, 3500, 6000, "
            "CASE WHEN x %% 10 = 0 THEN 'export' WHEN x %% 10 < 3 THEN 'province' "
            "ELSE 'district' END, CASE WHEN x %% 10 = 0 THEN '广东省深圳市' ELSE '本区' END, "
            "(%s::text[])[x %% 11 + 1], '', (at + interval '60 days')::date, "
            "CASE WHEN at + interval '60 days' > now() THEN 'open' ELSE 'closed' END, at, "
            "1 + x %% %s, NULL FROM (SELECT x, now() - interval '1 second' * "
            "floor(pg_temp.frac(x, 71) * 94608000) AS at FROM generate_series(1, %s) x) q",
            [SECTORS, e, v],
        )
        statuses = ["hired", "hired", "accepted", "offered", "shortlisted", "shortlisted",
                    "applied", "applied", "declined", "offer_declined"]  # fmt: skip
        self.timed(
            "jobs_application",
            "INSERT INTO jobs_application (id, message, status, reason, status_changed_at, "
            "created_at, youth_id, vacancy_id) SELECT (x - 1) * 10 + k, '', "
            "(%s::text[])[k], '', va.created_at + interval '12 days', "
            "va.created_at + k * interval '1 day', 1000 + pg_temp.person((x - 1) * 10 + k + 17), "
            "x FROM generate_series(1, %s) x JOIN jobs_vacancy va ON va.id = x, "
            "generate_series(1, 10) k",
            [statuses, v],
        )
        other = self.counts["other_placements"]
        self.timed(
            "jobs_placement",
            "INSERT INTO jobs_placement (employer_name, job_title, job_key, start_date, "
            "how_found, labour_export, created_at, batch_id, centre_id, enterprise_id, "
            "recorded_by_id, youth_id, vacancy_id) "
            "SELECT '青创企业' || va.enterprise_id || '有限公司', va.title, 'vacancy-' || va.id, "
            "(a.status_changed_at + interval '7 days')::date, 'portal', "
            "va.location_kind = 'export', a.status_changed_at, NULL::bigint, "
            "pg_temp.village(a.youth_id - 1000), va.enterprise_id, NULL, a.youth_id, va.id "
            "FROM jobs_application a JOIN jobs_vacancy va ON va.id = a.vacancy_id "
            "WHERE a.status = 'hired' "
            "UNION ALL SELECT CASE WHEN hf = 'labour_export' THEN '外省制造企业' "
            "ELSE '本地企业' || x END, '普工', 'other-' || x, at::date, hf, "
            "hf = 'labour_export', at, NULL, pg_temp.village(y), NULL, 1 + 10 + "
            "(pg_temp.village(y) - 111) / 20 + 1, 1000 + y, NULL FROM (SELECT x, "
            f"pg_temp.person(x * 5 + 3) AS y, (ARRAY['staff', 'import', 'fair', "
            "'labour_export'])[x % 4 + 1] AS hf, now() - interval '1 second' * "
            f"floor(pg_temp.frac(x, 81) * 94608000) AS at FROM generate_series(1, {other}) x) q",
        )
        self.sql(
            "UPDATE jobs_vacancy va SET filled = x.n FROM (SELECT vacancy_id, count(*) n "
            "FROM jobs_placement WHERE vacancy_id IS NOT NULL GROUP BY vacancy_id) x "
            "WHERE x.vacancy_id = va.id"
        )

    def guidance(self) -> None:
        self.sql(
            "INSERT INTO guidance_office (id, name, kind, centre_id) SELECT d, "
            "(%s::text[])[d] || '区青年调解室', 'mediation', d FROM generate_series(1, 10) d "
            "UNION ALL SELECT 10 + d, (%s::text[])[d] || '区法律服务中心', 'legal_service', d "
            "FROM generate_series(1, 10) d",
            [DISTRICT_NAMES, DISTRICT_NAMES],
        )
        self.timed(
            "guidance_consultation",
            "INSERT INTO guidance_consultation (topic, summary, follow_up_on, followed_up_at, "
            "created_at, centre_id, created_by_id, youth_id) SELECT "
            "(ARRAY['policy', 'career', 'legal', 'startup'])[x %% 4 + 1], '咨询创业扶持政策', "
            "CASE WHEN x %% 5 = 0 THEN (at + interval '14 days')::date END, "
            "CASE WHEN x %% 10 = 0 AND at + interval '14 days' < now() "
            "THEN at + interval '14 days' END, at, pg_temp.village(y), "
            "1 + 10 + (pg_temp.village(y) - 111) / 20 + 1, CASE WHEN x %% 7 <> 0 THEN 1000 + y END "
            "FROM (SELECT x, pg_temp.person(x * 2 + 5) AS y, now() - interval '1 second' * "
            "floor(pg_temp.frac(x, 91) * 94608000) AS at FROM generate_series(1, %s) x) q",
            [self.counts["consultations"]],
        )
        self.timed(
            "guidance_case",
            "INSERT INTO guidance_case (kind, other_party, description, amount_claimed, "
            "amount_recovered, status, status_changed_at, last_activity_at, resolved_on, "
            "created_at, centre_id, mediator_id, opened_by_id, youth_id) SELECT "
            "(ARRAY['wages', 'contract', 'injury', 'fraud', 'business', 'other'])[x %% 6 + 1], "
            "'某用工单位', '拖欠工资，请求调解。', 8000 + (x %% 20) * 1000, "
            "CASE WHEN st = 'resolved' THEN 6000 + (x %% 20) * 800 END, st, "
            "at + interval '30 days', at + interval '30 days', "
            "CASE WHEN st = 'resolved' THEN (at + interval '30 days')::date END, at, "
            "pg_temp.village(y), NULL, 1 + 10 + (pg_temp.village(y) - 111) / 20 + 1, 1000 + y "
            "FROM (SELECT x, pg_temp.person(x * 3 + 2) AS y, (ARRAY['open', 'mediation', "
            "'legal_aid', 'resolved', 'resolved', 'resolved', 'closed'])[x %% 7 + 1] AS st, "
            "now() - interval '40 days' - interval '1 second' * floor(pg_temp.frac(x, 93) * "
            "(94608000 - 3456000)) AS at FROM generate_series(1, %s) x) q",
            [self.counts["cases"]],
        )
        # The history of the cases referred to legal aid (those in it now and every other
        # resolved case): the legal-aid figure counts these referrals.
        self.timed(
            "guidance_casechange",
            "INSERT INTO guidance_casechange (case_id, from_status, to_status, actor_id, note, "
            "created_at) SELECT id, 'mediation', 'legal_aid', NULL, '', "
            "created_at + interval '10 days' FROM guidance_case WHERE status = 'legal_aid' "
            "OR (status = 'resolved' AND mod(id, 2) = 0)",
        )

    def facilities(self) -> None:
        self.timed(
            "facilities_bookclubmember",
            "INSERT INTO facilities_bookclubmember (name, card_number, joined_on, status, "
            "books_on_loan, created_at, centre_id, youth_id) SELECT u.name, "
            "'BC' || lpad(x::text, 8, '0'), at::date, (ARRAY['active', 'active', 'active', "
            "'active', 'active', 'active', 'active', 'active', 'suspended', 'left'])[x %% 10 + 1], "
            "0, at, pg_temp.village(y), 1000 + y FROM (SELECT x, pg_temp.person(x * 4 + 9) AS y, "
            "now() - interval '1 second' * floor(pg_temp.frac(x, 97) * 94608000) AS at "
            "FROM generate_series(1, %s) x) q JOIN accounts_user u ON u.id = 1000 + y",
            [self.counts["members"]],
        )
        self.timed(
            "facilities_newsstand",
            "INSERT INTO facilities_newsstand (id, name, address, latitude, longitude, "
            "opened_on, status, papers, updated_at, centre_id) SELECT x, o.name || '读报栏', "
            "'村委会门口', 30.0 + (x %% 100) / 200.0, 120.0 + (x / 100) / 200.0, "
            "(now() - interval '1 day' * (x %% 1000))::date, CASE WHEN x %% 25 = 0 "
            "THEN 'closed' ELSE 'open' END, '人民日报、中国青年报', now(), o.id "
            "FROM generate_series(1, %s) x JOIN accounts_orgunit o ON o.id = 110 + "
            "(x * 7 - 1) %% 2000 + 1",
            [self.counts["newsstands"]],
        )


def cmd_load(size: str) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    started = time.monotonic()
    call_command("migrate", "--noinput", verbosity=0)
    call_command("createcachetable", verbosity=0)
    migrated = time.monotonic()
    print(f"  migrate {migrated - started:.1f}s", file=sys.stderr, flush=True)
    loader = Loader(size)
    with transaction.atomic():
        loader.sql("SET LOCAL synchronous_commit = off")
        loader.load()
        loader.sql("COMMENT ON TABLE accounts_orgunit IS %s", [f"bench-data {size}"])
    vacuum = time.monotonic()
    connection.cursor().execute("VACUUM ANALYZE")
    loader.report("VACUUM ANALYZE", 0, time.monotonic() - vacuum)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        disk = cursor.fetchone()[0]
        counts = {}
        for key, table in (("youth", "accounts_youthprofile"),
                           ("projects", "projects_ventureproject"),
                           ("enrolments", "training_enrolment")):  # fmt: skip
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[key] = cursor.fetchone()[0]
    print(f"  database {db_name(size)}: {disk}", file=sys.stderr)
    print(json.dumps({"size": size, "disk": disk, "seconds": round(time.monotonic() - started, 1)}))
    print(
        f"youth={counts['youth']} projects={counts['projects']} "
        f"enrolments={counts['enrolments']} seconds={time.monotonic() - started:.0f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="city", help="city (1,000,000 young people) or 1k")
    parser.add_argument("--reuse", action="store_true", help="keep a database already loaded")
    parser.add_argument("--db", default="", help="another database name than the size's")
    args = parser.parse_args()
    if args.db:
        os.environ["BENCH_DB"] = args.db
    size = ALIASES.get(args.size, args.size)
    if size not in SIZES:
        parser.error(f"--size: one of {', '.join(SIZES)}")
    if not prepare(size, args.reuse):
        print(f"youth={SIZES[size]['youth']} reused=1")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "_load":
        cmd_load(ALIASES.get(sys.argv[2], sys.argv[2]))
    else:
        sys.exit(main())
