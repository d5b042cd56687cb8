"""Benchmark: every page against its budget, at the demo's size and at district and city scale.

    make bench-pages                      # both sizes, about 10 minutes on 2 cores
    .venv/bin/python bench/pages.py --sizes small --rounds 2 --duration 2 --reuse

For each size it loads a data set into a database of its own (``small``: ``seed_demo``,
300 young people and 32 projects; ``large``: the demo plus young people and projects written
with ``COPY`` up to 100,000 and 10,000, with encrypted numbers and blind indexes made as the
portal makes them), signs in a district coordinator and a young person (sessions written
straight to the session store, two-factor flag included), and serves the portal
(``DEBUG=false``) and a minimal Django view (``bench/minimal_site.py``) with the same
``gunicorn.conf.py``. wrk (Debian's package) then measures each page and the minimal view in
alternating rounds (minimal, page; minimal, next page ...; the next round in reverse order),
so a busy moment on the machine weighs on both. A page's *share* is its requests per second
over the minimal view's in the same round (the median over rounds).

One line per page and size, then the slowest query of each list page under EXPLAIN ANALYZE
(its plan in short, so a lost index shows up), and one summary line:

    pages=22 within_budget=22 worst=youth_list:0.16 dashboard_scale_ratio=1.2

``within_budget`` counts pages within budget at every size run; ``worst`` is the page
closest to (or furthest below) its budget with its share; ``dashboard_scale_ratio`` is the
staff home's p50 at the large size over its p50 at the small one (budget: at most 1.5).

PostgreSQL (trust, user postgres) and Redis on localhost; databases ``yv_bench_small`` and
``yv_bench_large`` (kept for ``--reuse``, dropped with ``--drop``), Redis database 5.
"""

import argparse
import datetime
import io
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import (
    FERNET_KEY,
    HASH_KEY,
    PG,
    ROOT,
    Server,
    check,
    db_exists,
    plan_summary,
    run,
    text,
    wrk,
)

REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
WORKDIR = Path(os.environ.get("BENCH_WORKDIR", "/tmp/yv-bench-pages"))

SIZES = {
    "small": {"db": "yv_bench_small", "youth": 300, "projects": 32},
    "large": {"db": "yv_bench_large", "youth": 100_000, "projects": 10_000},
}
STAFF_LOGIN = "district@demo.youthventure.cn"  # the widest scope: every record of the district
YOUTH_LOGIN = "youth001@demo.youthventure.cn"
SHOWN_PROJECT = "绿野有机蔬菜合作社"  # an operating demo project with history and a photo

# name, path (``{youth}``, ``{project}`` filled in), who asks, budget (share of the minimal view)
PAGES = [
    ("home", "/", None, 0.50),
    ("showcase", "/showcase/", None, 0.50),
    ("sign_in", "/accounts/login/", None, 0.50),
    ("healthz", "/healthz", None, 0.50),
    ("youth_home", "/me/", "youth", 0.20),
    ("youth_list", "/staff/youth/", "staff", 0.15),
    ("youth_detail", "/staff/youth/{youth}/", "staff", 0.20),
    ("project_board", "/staff/projects/", "staff", 0.15),
    ("project_list", "/staff/projects/list/", "staff", 0.15),
    ("project_detail", "/projects/{project}/", "staff", 0.15),
    ("dashboard", "/staff/", "staff", 0.20),
    # The apps that came after (seed_demo's data; the same budgets bind them): the public lists
    # as a visitor sees them, the staff's main list of each.
    ("training_public", "/training/", None, 0.50),
    ("jobs_public", "/jobs/", None, 0.50),
    ("internships_public", "/internships/", None, 0.50),
    ("newsstands_public", "/newsstands/", None, 0.50),
    ("mentors_list", "/staff/mentors/", "staff", 0.15),
    ("training_manage", "/training/manage/", "staff", 0.15),
    ("loans_pipeline", "/staff/loans/", "staff", 0.15),
    ("internship_applications", "/internships/applications/", "staff", 0.15),
    ("jobs_placements", "/staff/placements/", "staff", 0.15),
    ("guidance_cases", "/staff/cases/", "staff", 0.15),
    ("book_club_members", "/staff/book-club/", "staff", 0.15),
]
LIST_PAGES = (
    *("youth_list", "project_list", "project_board", "showcase", "mentors_list"),
    *("training_manage", "loans_pipeline", "internship_applications", "jobs_placements"),
    *("guidance_cases", "book_club_members"),
)
DASHBOARD_SCALE_LIMIT = 1.5


def _env(size: str, *, debug: bool = False, port: int = 0) -> dict:
    return {
        **os.environ,
        "DEBUG": "true" if debug else "false",
        "SECRET_KEY": "bench-pages-secret-key-not-for-production-0123456789",
        "DATABASE_URL": f"{PG}/{SIZES[size]['db']}",
        "REDIS_URL": REDIS,
        "FIELD_ENCRYPTION_KEYS": FERNET_KEY,
        "FIELD_HASH_KEY": HASH_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SITE_URL": f"http://127.0.0.1:{port or 8000}",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "MEDIA_ROOT": str(WORKDIR / size / "media"),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "youthventure.settings",
    }


# --- inside a Django process: load, sign in, explain ----------------------------------------


def _django():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _copy(model, objects, now) -> None:
    """Write model instances with COPY, explicit ids given by the caller. Numbers are
    encrypted and blind-indexed by their own fields, as ``save()`` does; JSON as JSON."""
    from django.db import connection

    from core.crypto import BlindIndexField, EncryptedCharField

    started = time.monotonic()
    fields = list(model._meta.concrete_fields)

    def reader(field):
        attname = field.attname
        if isinstance(field, BlindIndexField):
            return lambda obj: field.pre_save(obj, add=True)
        if isinstance(field, EncryptedCharField):
            return lambda obj: field.get_prep_value(getattr(obj, attname))
        if field.get_internal_type() == "JSONField":
            return lambda obj: json.dumps(getattr(obj, attname), ensure_ascii=False)
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return lambda obj: getattr(obj, attname) or now
        return lambda obj: getattr(obj, attname)

    readers = [reader(field) for field in fields]
    out = io.StringIO()
    for obj in objects:
        out.write("\t".join([text(read(obj)) for read in readers]) + "\n")
    out.seek(0)
    prepared = time.monotonic()
    table = model._meta.db_table
    columns = ", ".join(f'"{f.column}"' for f in fields)
    with connection.cursor() as cursor:
        cursor.copy_expert(f'COPY "{table}" ({columns}) FROM STDIN', out)
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f'(SELECT MAX(id) FROM "{table}"))'
        )
    print(
        f"  {table}: {len(objects)} rows prepared in {prepared - started:.1f}s, "
        f"copied in {time.monotonic() - prepared:.1f}s",
        file=sys.stderr,
    )


def _next_id(model) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def load_large(youth_total: int, projects_total: int) -> None:
    """The demo district grown to ``youth_total`` young people and ``projects_total``
    projects: users, e-mail addresses, profiles, welcome messages, projects, their team
    members and stage history, written with COPY."""
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import (
        Education,
        EmploymentStatus,
        Gender,
        Hukou,
        OrgUnit,
        Sector,
        User,
        YouthProfile,
    )
    from accounts.seed import SCHOOLS, person_name
    from core.validators import national_id_check_char
    from notifications.models import Message
    from projects.models import Stage, StageChange, VentureProject
    from projects.seed import PATH

    rng = random.Random(2026)
    now = timezone.now()
    villages = list(OrgUnit.objects.filter(level=OrgUnit.Level.VILLAGE).order_by("path"))
    staff = User.objects.get(email=STAFF_LOGIN)
    password = User.objects.get(email=YOUTH_LOGIN).password  # the demo's hash, made once
    statuses = [s for s, _ in EmploymentStatus.choices]
    weights = [10, 20, 45, 15, 10]

    extra = youth_total - YouthProfile.objects.count()
    user_id, profile_id = _next_id(User), _next_id(YouthProfile)
    address_id, message_id = _next_id(EmailAddress), _next_id(Message)
    users, addresses, profiles, messages, leads = [], [], [], [], []
    for i in range(extra):
        uid = user_id + i
        email = f"youth{uid:06d}@bench.youthventure.cn"
        male = rng.random() < 0.5
        born = datetime.date(1992, 1, 1) + datetime.timedelta(days=(i * 7919) % 4380)
        first17 = f"330106{born:%Y%m%d}{(i // 4380) * 2 + (1 if male else 0):03d}"
        complete = rng.random() > 0.08
        joined = now - datetime.timedelta(seconds=rng.randrange(3 * 365 * 86400))
        village = villages[rng.randrange(len(villages))]
        users.append(
            User(
                id=uid,
                email=email,
                name=person_name(rng),
                phone=f"139{i:08d}",
                password=password,
                date_joined=joined,
                last_login=None,
            )
        )
        addresses.append(
            EmailAddress(id=address_id + i, user_id=uid, email=email, verified=True, primary=True)
        )
        profiles.append(
            YouthProfile(
                id=profile_id + i,
                user_id=uid,
                gender=(Gender.MALE if male else Gender.FEMALE) if complete else "",
                date_of_birth=born if complete else None,
                national_id=first17 + national_id_check_char(first17) if complete else None,
                education_level=rng.choice(Education.values) if complete else "",
                school=rng.choice(SCHOOLS),
                graduation_year=min(born.year + 22, 2027),
                employment_status=rng.choices(statuses, weights)[0],
                hukou=rng.choice([Hukou.RURAL, Hukou.RURAL, Hukou.URBAN]),
                home_centre_id=village.pk,
                skills=rng.choice(["电工", "直播带货", "茶艺", "汽修", "烹饪", "平面设计", ""]),
                sectors=rng.sample(Sector.values, k=rng.randint(1, 3)),
                consent_policy_version=settings.PRIVACY_POLICY_VERSION,
                consent_given_at=joined,
                created_at=joined,
                updated_at=joined,
            )
        )
        messages.append(
            Message(
                id=message_id + i,
                key=f"welcome-{uid}:inapp",
                kind="accounts.welcome",
                recipient_id=uid,
                channel=Message.Channel.INAPP,
                subject="欢迎加入青春创业",
                body="欢迎注册青春创业！完善资料后，青年中心就能为您推荐导师、培训和岗位。",
                status=Message.Status.SENT,
                available_at=joined,
                created_at=joined,
                sent_at=joined,
                read_at=joined if rng.random() < 0.7 else None,
            )
        )
        leads.append((uid, village.pk, joined))
    with transaction.atomic():
        _copy(User, users, now)
        _copy(EmailAddress, addresses, now)
        _copy(YouthProfile, profiles, now)
        _copy(Message, messages, now)

    stages = [Stage.IDEA, Stage.APPLIED, Stage.UNDER_REVIEW, Stage.SIGNED, Stage.LAUNCHED,
              Stage.OPERATING, Stage.CLOSED, Stage.REJECTED]  # fmt: skip
    stage_weights = [15, 15, 10, 15, 15, 20, 5, 5]
    places = ["青山", "城关", "石桥", "柳林", "河口", "梅岭", "新华", "桃源", "白沙"]
    trades = ["茶叶", "民宿", "电商", "果园", "竹编", "烘焙", "汽修", "养殖", "物流", "文创"]
    kinds = ["合作社", "工作室", "服务站", "加工坊", "直播间", "农场"]
    extra = projects_total - VentureProject.objects.count()
    project_id, change_id = _next_id(VentureProject), _next_id(StageChange)
    member_id = _next_id(VentureProject.members.through)
    projects, changes, members = [], [], []
    for i in range(extra):
        pid = project_id + i
        lead, centre, joined = leads[rng.randrange(len(leads))]
        stage = rng.choices(stages, stage_weights)[0]
        path = PATH[stage]
        start = max(joined, now - datetime.timedelta(days=700)) + datetime.timedelta(days=1)
        when = start
        history = [("", Stage.IDEA, lead, start)]
        for to_stage in path:
            when += datetime.timedelta(days=rng.randrange(5, 40), seconds=rng.randrange(86400))
            actor = lead if to_stage == Stage.APPLIED else staff.pk
            history.append((history[-1][1], to_stage, actor, min(when, now)))
        dates = {to: at for _, to, _, at in history}
        launched = stage in (Stage.LAUNCHED, Stage.OPERATING)
        jobs = rng.randrange(1, 30) if launched else 0
        name = f"{rng.choice(places)}{rng.choice(trades)}{rng.choice(kinds)}{i % 997}"
        projects.append(
            VentureProject(
                id=pid,
                name=name,
                lead_id=lead,
                sector=rng.choice(Sector.values),
                centre_id=centre,
                description=f"{name}：由返乡青年发起的创业项目，带动周边村民就业增收。",
                investment=rng.randrange(0, 80) * 10_000 if launched else 0,
                jobs_created=jobs,
                jobs_for_youth=rng.randrange(0, jobs + 1) if jobs else 0,
                in_demo_park=launched and rng.random() < 0.1,
                stage=stage,
                stage_changed_at=history[-1][3],
                signed_on=dates[Stage.SIGNED].date() if Stage.SIGNED in dates else None,
                launched_on=dates[Stage.LAUNCHED].date() if Stage.LAUNCHED in dates else None,
                showcase_opt_in=launched and rng.random() < 0.3,
                story="返乡创业，带动乡亲增收。" if launched else "",
                created_at=start,
                updated_at=history[-1][3],
            )
        )
        for n, (from_stage, to_stage, actor, at) in enumerate(history):
            changes.append(
                StageChange(
                    id=change_id + len(changes),
                    project_id=pid,
                    from_stage=from_stage,
                    to_stage=to_stage,
                    actor_id=actor,
                    reason="" if n else "",
                    created_at=at,
                )
            )
        if rng.random() < 0.2:
            for uid in {leads[rng.randrange(len(leads))][0] for _ in range(rng.randint(1, 2))}:
                if uid != lead:
                    members.append(
                        VentureProject.members.through(
                            id=member_id + len(members), ventureproject_id=pid, user_id=uid
                        )
                    )
    with transaction.atomic():
        _copy(VentureProject, projects, now)
        _copy(StageChange, changes, now)
        _copy(VentureProject.members.through, members, now)


def cmd_prepare(size: str, fresh: bool) -> None:
    """Load the data set (when ``fresh``), then sign in; prints a JSON line for the runner."""
    _django()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.core.management import call_command
    from django.db import connection
    from django.utils.module_loading import import_string

    from accounts.middleware import StaffSessionMiddleware
    from accounts.models import User, YouthProfile
    from projects.models import VentureProject

    call_command("migrate", "--noinput", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if fresh:
        started = time.monotonic()
        call_command("seed_demo", stdout=io.StringIO())
        seeded = time.monotonic() - started
        spec = SIZES[size]
        if spec["youth"] > YouthProfile.objects.count():
            load_large(spec["youth"], spec["projects"])
        with connection.cursor() as cursor:
            vacuum = time.monotonic()
            cursor.execute("VACUUM ANALYZE")
            print(f"  VACUUM ANALYZE in {time.monotonic() - vacuum:.1f}s", file=sys.stderr)
        took = time.monotonic() - started
        print(
            f"{size}: loaded {YouthProfile.objects.count()} young people and "
            f"{VentureProject.objects.count()} projects in {took:.1f}s "
            f"(seed_demo {seeded:.1f}s, COPY and VACUUM ANALYZE {took - seeded:.1f}s)",
            file=sys.stderr,
        )

    engine = import_string(settings.SESSION_ENGINE + ".SessionStore")
    sessions = {}
    for who, email in (("staff", STAFF_LOGIN), ("youth", YOUTH_LOGIN)):
        user = User.objects.get(email=email)
        session = engine()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        if who == "staff":  # what the sign-in with a second factor leaves behind
            session[StaffSessionMiddleware.SESSION_KEY] = int(time.time())
            session[StaffSessionMiddleware.MFA_KEY] = True
        session.save()
        sessions[who] = session.session_key
    info = {
        "sessions": sessions,
        "youth": YouthProfile.objects.get(user__email=YOUTH_LOGIN).pk,
        "project": VentureProject.objects.filter(name=SHOWN_PROJECT).order_by("pk").first().pk,
        "youth_count": YouthProfile.objects.count(),
        "project_count": VentureProject.objects.count(),
    }
    print(json.dumps(info))


def _first(item):
    return item[0]


def cmd_explain(info_json: str) -> None:
    """The slowest query of each list page and the query of its rows, under EXPLAIN ANALYZE,
    as JSON lines (``sorts``: the plan sorts rows instead of reading them in order)."""
    _django()
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    info = json.loads(info_json)
    for alias in settings.CACHES:
        caches[alias].clear()  # the page's own queries, not a cached count
    for name, path, who, _budget in PAGES:
        if name not in LIST_PAGES:
            continue
        client = Client()
        if who:
            client.cookies[settings.SESSION_COOKIE_NAME] = info["sessions"][who]
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path.format(**info))
        assert response.status_code == 200, (name, response.status_code)
        explained = []
        prepared = {}  # statements prepared on the server (core/prepared.py): name -> SQL
        for query in captured.captured_queries:
            sql = query["sql"]
            head = sql.lstrip("( ").upper()
            if head.startswith("PREPARE "):
                statement, _as, body = sql.split(None, 3)[1:]
                prepared[statement] = body
                continue
            if head.startswith("EXECUTE "):
                # EXPLAIN EXECUTE runs the prepared plan; the SQL behind it says what it is.
                statement = sql.split(None, 1)[1].split("(", 1)[0]
                text = prepared.get(statement, "")
            elif head.startswith("SELECT"):
                text = sql
            else:
                continue
            with connection.cursor() as cursor:
                for _ in range(2):  # the second run, with the pages in memory
                    cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                    plan = cursor.fetchone()[0]
                    if isinstance(plan, str):
                        plan = json.loads(plan)
            explained.append((plan[0]["Execution Time"], plan[0]["Plan"], text))
        # The page's rows: the query cut with a LIMIT of more than one row.
        rows = [e for e in explained if any(int(n) > 1 for n in re.findall(r"LIMIT (\d+)", e[2]))]
        shown = [("slowest", max(explained, key=_first))]
        if rows:
            shown.append(("rows", max(rows, key=_first)))
        for kind, (ms, plan, sql) in shown:
            summary = plan_summary(plan)
            print(
                json.dumps(
                    {
                        "page": name,
                        "kind": kind,
                        "queries": len(captured.captured_queries),
                        "ms": ms,
                        "sorts": any(
                            node.startswith(("Sort", "Incremental Sort")) for node in summary
                        ),
                        "plan": " > ".join(summary),
                        "sql": sql[:160],
                    },
                    ensure_ascii=False,
                )
            )


# --- the runner --------------------------------------------------------------------------


def measure(size: str, info: dict, args) -> dict:
    env = _env(size)
    logs = WORKDIR / size
    portal = Server("youthventure.wsgi:application", env, logs / "portal.log")
    minimal = Server("minimal_site:application", env, logs / "minimal.log", "--pythonpath", "bench")
    cookies = {who: f"sessionid={key}" for who, key in info["sessions"].items()}
    try:
        targets = []
        for name, path, who, budget in PAGES:
            url = portal.url + path.format(**info)
            check(url, cookies.get(who))
            targets.append((name, url, cookies.get(who), budget))
        check(minimal.url + "/", None)
        for _name, url, cookie, _budget in targets:  # every worker loads its templates
            wrk(url, cookie, 1, args.connections)
        wrk(minimal.url + "/", None, 1, args.connections)

        runs = {name: [] for name, *_ in targets}
        runs["minimal"] = []
        for round_no in range(args.rounds):
            order = targets if round_no % 2 == 0 else list(reversed(targets))
            for name, url, cookie, _budget in order:
                base = wrk(minimal.url + "/", None, args.duration, args.connections)
                page = wrk(url, cookie, args.duration, args.connections)
                page["share"] = page["rps"] / base["rps"]
                runs["minimal"].append(base)
                runs[name].append(page)
    finally:
        portal.stop()
        minimal.stop()
    return {
        name: {
            key: statistics.median(r[key] for r in results)
            for key in ("rps", "p50", "p99", *(("share",) if name != "minimal" else ()))
        }
        for name, results in runs.items()
    }


def prepare(size: str, reuse: bool) -> dict:
    db = SIZES[size]["db"]
    fresh = not (reuse and db_exists(db))
    if fresh:
        run("dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", db)
        run("createdb", "-h", "127.0.0.1", "-U", "postgres", db)
        shutil.rmtree(WORKDIR / size, ignore_errors=True)
    (WORKDIR / size).mkdir(parents=True, exist_ok=True)
    env = {**_env(size, debug=True), "TASKS_INLINE": "true"}  # seed_demo delivers in-app
    out = run(
        sys.executable, __file__, "_prepare", size, *(["--fresh"] if fresh else []),
        env=env, stdout=subprocess.PIPE, text=True,
    ).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def explain(size: str, info: dict) -> list[dict]:
    out = run(
        sys.executable, __file__, "_explain", json.dumps(info),
        env=_env(size), stdout=subprocess.PIPE, text=True,
    ).stdout  # fmt: skip
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="small,large")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=3, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--reuse", action="store_true", help="keep loaded databases")
    parser.add_argument("--drop", action="store_true", help="drop the databases afterwards")
    parser.add_argument("--pages", default="", help="only these pages (comma-separated names)")
    args = parser.parse_args()
    if args.pages:
        wanted = set(args.pages.split(","))
        PAGES[:] = [page for page in PAGES if page[0] in wanted]
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install -y wrk", file=sys.stderr)
        return 2
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    run("redis-cli", "-u", REDIS, "FLUSHDB", stdout=subprocess.DEVNULL)
    # Production settings serve static files from the collected manifest.
    run(sys.executable, "manage.py", "collectstatic", "--noinput", "-v0", env=_env(sizes[0]))

    results: dict[str, dict] = {}
    for size in sizes:
        started = time.monotonic()
        info = prepare(size, args.reuse)
        print(
            f"{size}: {info['youth_count']} young people, {info['project_count']} projects "
            f"ready in {time.monotonic() - started:.1f}s",
            flush=True,
        )
        stats = measure(size, info, args)
        results[size] = stats
        base = stats["minimal"]
        print(
            f"{size:<6} {'minimal':<15} req/s {base['rps']:8.1f}  p50 {base['p50']:7.2f}ms  "
            f"p99 {base['p99']:7.2f}ms",
            flush=True,
        )
        for name, _path, _who, budget in PAGES:
            s = stats[name]
            verdict = "ok" if s["share"] >= budget else "OVER BUDGET"
            print(
                f"{size:<6} {name:<15} req/s {s['rps']:8.1f}  p50 {s['p50']:7.2f}ms  "
                f"p99 {s['p99']:7.2f}ms  share {s['share']:.3f}  budget {budget:.2f}  {verdict}",
                flush=True,
            )
        for row in explain(size, info):
            what = "slowest query" if row["kind"] == "slowest" else "its rows     "
            print(
                f"{size:<6} {row['page']:<15} {what} {row['ms']:7.2f}ms"
                f"{' (sorted)' if row['sorts'] else ''}: {row['plan'][:150]}",
                flush=True,
            )
        run("redis-cli", "-u", REDIS, "FLUSHDB", stdout=subprocess.DEVNULL)
        if args.drop:
            run("dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", SIZES[size]["db"])

    ratio = None
    if "small" in results and "large" in results and "dashboard" in results["small"]:
        ratio = results["large"]["dashboard"]["p50"] / results["small"]["dashboard"]["p50"]
    within, worst = 0, None
    for name, _path, _who, budget in PAGES:
        share = min(results[size][name]["share"] for size in results)
        ok = share >= budget and (name != "dashboard" or ratio is None or ratio <= 1.5)
        within += ok
        if worst is None or share / budget < worst[1] / worst[2]:
            worst = (name, share, budget)
    print(
        f"pages={len(PAGES)} within_budget={within} worst={worst[0]}:{worst[1]:.2f} "
        f"dashboard_scale_ratio={'n/a' if ratio is None else f'{ratio:.2f}'}"
    )
    return 0 if within == len(PAGES) else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_prepare":
        cmd_prepare(sys.argv[2], fresh="--fresh" in sys.argv)
    elif len(sys.argv) > 1 and sys.argv[1] == "_explain":
        cmd_explain(sys.argv[2])
    else:
        sys.exit(main())
