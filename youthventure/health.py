"""/healthz for load balancers and monitoring, and the friendly 503 when the database is away."""

import sys
import time
from functools import cache

import redis
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.cache import never_cache


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "down"
    return "ok"


@cache
def _redis_client(url: str) -> redis.Redis:
    """One client per process (and URL), whose pool keeps its connection between checks:
    a probe every few seconds should not open a connection every time. Redis-py is
    thread-safe and reconnects by itself after an outage."""
    return redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)


def _redis() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    try:
        _redis_client(settings.REDIS_URL).ping()
    except redis.RedisError:
        return "down"
    return "ok"


# Probes in the same second share one check per process: a load balancer that probes every
# few seconds always gets a fresh answer, and a flood of probes (several balancers, monitors,
# a retry storm) asks the database and Redis at most once a second per process. Off without
# the ``local`` cache (the test settings), like everything else kept in the process.
CHECK_SECONDS = 1.0
_last_check: list = [0.0, None]


def _checked_state() -> dict:
    from core.caching import local

    if local() is None:
        return {"database": _database(), "redis": _redis()}
    checked_at, state = _last_check  # two threads at once may both check: no harm
    if state is None or time.monotonic() - checked_at >= CHECK_SECONDS:
        state = {"database": _database(), "redis": _redis()}
        _last_check[:] = [time.monotonic(), state]
    return state


@login_not_required
@never_cache
def healthz(request):
    """200 while the database answers (Redis down only delays messages), else 503."""
    state = _checked_state()
    return JsonResponse(state, status=200 if state["database"] == "ok" else 503)


HEALTHZ_PATH = "/healthz"


class HealthzMiddleware:
    """Answers /healthz right after the security middleware: a load balancer's probe, every
    few seconds on every node, needs no session, language, CSRF token, user or page policy,
    and all of them together cost more than the check itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTHZ_PATH:
            return healthz(request)
        return self.get_response(request)


@login_not_required
def server_error(request):
    """handler500: a database outage gets the friendly 503 page with Retry-After; anything
    else the plain 500 page. Both are static HTML, so they render without a database."""
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        # Drop the broken connection so the next request starts afresh (never inside a
        # transaction that someone else owns, such as a test's).
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(render_to_string("500.html"), status=500)


@login_not_required
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says."""
    return redirect(static("favicon.svg"), permanent=True)
