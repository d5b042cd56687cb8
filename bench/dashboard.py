"""Benchmark: the staff dashboard at city scale against a minimal Django view and a small city.

    make bench-dashboard                   # loads both data sets if missing, then measures
    .venv/bin/python bench/dashboard.py --rounds 2 --duration 2

Both data sets come from ``bench/data.py`` (``yv_bench_city``: 1,000,000 young people;
``yv_bench_1k``: 1,000; reused when already loaded). On each, ``manage.py refresh_figures``
runs first if the portal has that command (figures kept in a summary table); then a district
coordinator and the superuser (the whole city) are signed in (sessions written to the
session store, two-factor flag included), and each dashboard page is requested once through
Django's test client: that first, uncached request's time is printed (it also fills the
figures cache that the served pages share). The portal (``DEBUG=false``) and the minimal view
(``bench/minimal_site.py``) are then served by gunicorn with the same ``gunicorn.conf.py``, and
wrk measures ``/staff/`` (and ``/staff/?period=last_year`` when the page offers periods) for
each viewer in alternating rounds with the minimal view, as ``bench/pages.py`` does. At the
city size, the queries behind every figure are timed under EXPLAIN ANALYZE for the superuser.

One line per size, viewer and page, then the summary line:

    dashboard_rps_ratio=0.21 p50_ms_1m=12.3 p50_ms_1k=10.1 scale_ratio=1.22

``dashboard_rps_ratio``: the lowest dashboard req/s over the minimal view's req/s (same
round, median over rounds) at 1,000,000; ``scale_ratio``: the highest p50 at 1,000,000 over
the same page's p50 at 1,000 (with those two p50s). Budget (issue 19): ratio at least 0.20,
scale ratio at most 1.5; the exit code is 1 when over budget.

PostgreSQL (trust, user postgres) and Redis on localhost (database 13, ``BENCH_REDIS_URL``).
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import data
from _common import FERNET_KEY, HASH_KEY, ROOT, Server, check, plan_summary, run, wrk

REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
WORKDIR = Path(os.environ.get("BENCH_WORKDIR", "/tmp/yv-bench-dashboard"))
SIZES = ("city", "1k")
VIEWERS = {
    "coordinator": "d01@bench.youthventure.cn",  # a district coordinator: the district
    "superuser": data.SUPERUSER,  # the whole city
}
PAGES = [("dashboard", "/staff/"), ("last_year", "/staff/?period=last_year")]
RPS_BUDGET, SCALE_BUDGET = 0.20, 1.5


def _env(size: str) -> dict:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "bench-dashboard-secret-key-not-for-production-0123456789",
        "DATABASE_URL": data.db_url(size),
        "REDIS_URL": REDIS,
        "FIELD_ENCRYPTION_KEYS": FERNET_KEY,
        "FIELD_HASH_KEY": HASH_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SITE_URL": "http://127.0.0.1:8000",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "MEDIA_ROOT": str(WORKDIR / size / "media"),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "youthventure.settings",
    }


# --- inside a Django process ---------------------------------------------------------------


def _django():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def cmd_session(size: str) -> None:
    """refresh_figures (if the portal has it), sessions for the viewers, and the first
    (uncached) request of each page: one JSON line."""
    _django()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.core.cache import caches
    from django.core.management import call_command, get_commands
    from django.test import Client
    from django.utils.module_loading import import_string

    from accounts.middleware import StaffSessionMiddleware
    from accounts.models import User

    # A data set loaded by an older portal gets the newer tables and indexes first.
    call_command("migrate", "--noinput", verbosity=0)
    refreshed = None
    if "refresh_figures" in get_commands():
        started = time.monotonic()
        call_command("refresh_figures")
        refreshed = round(time.monotonic() - started, 2)
    engine = import_string(settings.SESSION_ENGINE + ".SessionStore")
    clients = {}
    for who, email in VIEWERS.items():
        user = User.objects.get(email=email)
        session = engine()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[StaffSessionMiddleware.SESSION_KEY] = int(time.time())
        session[StaffSessionMiddleware.MFA_KEY] = True
        session.save()
        clients[who] = Client()
        clients[who].cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    # The process's first request (imports, templates, catalogues) is not the figures' cost:
    # one request first, then the caches emptied, then each page's first request timed.
    next(iter(clients.values())).get(PAGES[0][1])
    for alias in settings.CACHES:
        caches[alias].clear()
    first = {}
    for who, client in clients.items():
        home = ""
        for name, path in PAGES:
            started = time.monotonic()
            response = client.get(path)
            took = (time.monotonic() - started) * 1000
            if name == "dashboard" and response.status_code == 200:
                home = response.content.decode()
            # a dashboard with periods offers them (a period choice or link on /staff/);
            # otherwise the query string changes nothing and the page is not measured twice
            offered = name == "dashboard" or 'name="period"' in home or "?period=" in home
            first[f"{who}:{name}"] = {
                "status": response.status_code,
                "ms": round(took, 1),
                "measure": response.status_code == 200 and offered,
            }
    sessions = {who: client.cookies[settings.SESSION_COOKIE_NAME].value
                for who, client in clients.items()}  # fmt: skip
    print(json.dumps({"sessions": sessions, "first": first, "refresh_figures_s": refreshed}))


def cmd_explain() -> None:
    """Every figure of each viewer's dashboard: its queries under EXPLAIN ANALYZE, one JSON
    line per viewer and figure (with the plan of its slowest query), slowest first."""
    _django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    rows = []
    for who, email in VIEWERS.items():
        user = User.objects.get(email=email)
        rows.extend(_explain_figures(who, user, connection, CaptureQueriesContext))
    for row in sorted(rows, key=lambda r: (r["viewer"], -r["ms"])):
        print(json.dumps(row, ensure_ascii=False))


def _explain_figures(who, user, connection, capture) -> list[dict]:
    from core.figures import FIGURES
    from dashboard import selectors

    work = [(figure.key, lambda figure=figure: figure.value(user)) for figure in FIGURES]
    work.append(("dashboard.youth_by_centre", lambda: selectors.youth_by_centre(user)))
    rows = []
    for key, count in work:
        with capture(connection) as captured:
            count()
        total, slowest, queries = 0.0, (0.0, ""), 0
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip("( ").upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                plan = cursor.fetchone()[0]
                if isinstance(plan, str):
                    plan = json.loads(plan)
            ms = plan[0]["Execution Time"]
            total, queries = total + ms, queries + 1
            if ms >= slowest[0]:
                slowest = (ms, " > ".join(plan_summary(plan[0]["Plan"])))
        rows.append(
            {"viewer": who, "figure": key, "ms": round(total, 1), "queries": queries,
             "plan": slowest[1][:200]}
        )  # fmt: skip
    return rows


# --- the runner ----------------------------------------------------------------------------


def _csrf_secret(who: str) -> str:
    """A CSRF secret as Django makes them (32 letters and digits), fixed per viewer."""
    return (who * 32)[:32].replace(":", "x").replace("_", "x")


def measure(size: str, targets: list[tuple], args) -> dict:
    env = _env(size)
    logs = WORKDIR / size
    portal = Server("youthventure.wsgi:application", env, logs / "portal.log")
    minimal = Server("minimal_site:application", env, logs / "minimal.log", "--pythonpath", "bench")
    try:
        urls = [(name, portal.url + path, cookie) for name, path, cookie in targets]
        for _name, url, cookie in urls:
            check(url, cookie)
        check(minimal.url + "/", None)
        for _name, url, cookie in urls:  # every worker loads its templates and figures
            wrk(url, cookie, 1, args.connections)
        wrk(minimal.url + "/", None, 1, args.connections)
        runs = {name: [] for name, *_ in urls}
        runs["minimal"] = []
        for round_no in range(args.rounds):
            order = urls if round_no % 2 == 0 else list(reversed(urls))
            for name, url, cookie in order:
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=int, default=3, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--fresh", action="store_true", help="load the data sets again")
    parser.add_argument("--no-explain", action="store_true", help="skip EXPLAIN ANALYZE")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install -y wrk", file=sys.stderr)
        return 2
    for size in SIZES:
        started = time.monotonic()
        if data.prepare(size, reuse=not args.fresh):
            print(f"{size}: loaded in {time.monotonic() - started:.0f}s", flush=True)
    run("redis-cli", "-u", REDIS, "FLUSHDB", stdout=subprocess.DEVNULL)
    run(sys.executable, "manage.py", "collectstatic", "--noinput", "-v0", env=_env(SIZES[0]))

    results = {}
    for size in SIZES:
        (WORKDIR / size).mkdir(parents=True, exist_ok=True)
        out = run(
            sys.executable, __file__, "_session", size,
            env=_env(size), stdout=subprocess.PIPE, text=True,
        ).stdout  # fmt: skip
        info = json.loads(out.strip().splitlines()[-1])
        if info["refresh_figures_s"] is not None:
            print(f"{size}: refresh_figures took {info['refresh_figures_s']:.1f}s", flush=True)
        else:
            print(f"{size}: no refresh_figures command; figures are counted live", flush=True)
        targets = []
        for who in VIEWERS:
            # The cookies a browser sends after signing in: its session and its CSRF secret
            # (set by the sign-in page; the staff home is kept per browser by it).
            cookie = f"sessionid={info['sessions'][who]}; csrftoken={_csrf_secret(who)}"
            for name, path in PAGES:
                first = info["first"][f"{who}:{name}"]
                print(
                    f"{size:<5} {who:<12} {name:<10} first request (uncached) {first['ms']:9.1f}ms"
                    f" status {first['status']}{'' if first['measure'] else ' (not measured)'}",
                    flush=True,
                )
                if first["measure"]:
                    targets.append((f"{who}:{name}", path, cookie))
        stats = measure(size, targets, args)
        results[size] = stats
        base = stats["minimal"]
        print(
            f"{size:<5} {'minimal':<23} req/s {base['rps']:8.1f}  p50 {base['p50']:7.2f}ms  "
            f"p99 {base['p99']:7.2f}ms",
            flush=True,
        )
        for name, *_ in targets:
            s = stats[name]
            print(
                f"{size:<5} {name:<23} req/s {s['rps']:8.1f}  p50 {s['p50']:7.2f}ms  "
                f"p99 {s['p99']:7.2f}ms  share {s['share']:.3f}",
                flush=True,
            )
        if size == "city" and not args.no_explain:
            out = run(
                sys.executable, __file__, "_explain",
                env=_env(size), stdout=subprocess.PIPE, text=True,
            ).stdout  # fmt: skip
            print("city  figures under EXPLAIN ANALYZE, uncached (slowest first; plan of the "
                  "slowest query):")  # fmt: skip
            for line in out.splitlines():
                if line.startswith("{"):
                    row = json.loads(line)
                    if row["ms"] >= 1.0:
                        print(
                            f"city  {row['viewer']:<12} {row['figure']:<30} {row['ms']:8.1f}ms "
                            f"({row['queries']}q): {row['plan'][:100]}",
                            flush=True,
                        )
        run("redis-cli", "-u", REDIS, "FLUSHDB", stdout=subprocess.DEVNULL)

    pages = [name for name in results["city"] if name != "minimal" and name in results["1k"]]
    share = min(results["city"][name]["share"] for name in pages)
    worst = max(pages, key=lambda name: results["city"][name]["p50"] / results["1k"][name]["p50"])
    p50_1m, p50_1k = results["city"][worst]["p50"], results["1k"][worst]["p50"]
    ratio = p50_1m / p50_1k
    print(
        f"dashboard_rps_ratio={share:.2f} p50_ms_1m={p50_1m:.1f} p50_ms_1k={p50_1k:.1f} "
        f"scale_ratio={ratio:.2f}"
    )
    return 0 if share >= RPS_BUDGET and ratio <= SCALE_BUDGET else 1


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "_session":
        cmd_session(sys.argv[2])
    elif len(sys.argv) > 1 and sys.argv[1] == "_explain":
        cmd_explain()
    else:
        sys.exit(main())
