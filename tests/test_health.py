from unittest import mock

from django.db import OperationalError
from django.test import Client
from django.urls import reverse


def test_healthz_reports_the_database_and_redis(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "redis": "not configured"}


def test_healthz_is_503_when_the_database_is_down(client, db):
    with mock.patch("youthventure.health._database", return_value="down"):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_healthz_reports_a_redis_that_does_not_answer(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    assert client.get(reverse("healthz")).json()["redis"] == "down"


def test_a_database_outage_gets_the_friendly_503_page_not_a_traceback(db, youth_a):
    client = Client(raise_request_exception=False)
    client.force_login(youth_a)
    with mock.patch(
        "accounts.views.render", side_effect=OperationalError("server closed the connection")
    ):
        response = client.get(reverse("accounts:my_profile"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "系统正在维护" in html and "Traceback" not in html


def test_other_errors_get_the_plain_500_page(db, youth_a):
    client = Client(raise_request_exception=False)
    client.force_login(youth_a)
    with mock.patch("accounts.views.render", side_effect=RuntimeError("boom")):
        response = client.get(reverse("accounts:my_profile"))
    assert response.status_code == 500
    assert "服务暂时出现问题" in response.content.decode()


def test_healthz_reuses_one_redis_client(client, db, settings):
    """A load balancer probes every few seconds: the check keeps its client (and the
    client's pool its connection) instead of connecting every time."""
    settings.REDIS_URL = "redis://127.0.0.1:6399/7"  # this test's own: a fresh client
    with mock.patch("youthventure.health.redis.Redis.from_url") as from_url:
        for _ in range(5):
            assert client.get(reverse("healthz")).json()["redis"] == "ok"
    assert from_url.call_count == 1
    assert from_url.return_value.ping.call_count == 5


def test_healthz_skips_sessions_and_the_rest_of_the_middleware(client, db, youth_a):
    """A probe costs the check alone: with a session cookie its session is not even read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(youth_a)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert [q["sql"] for q in queries.captured_queries] == ["SELECT 1"]
    assert response["X-Content-Type-Options"] == "nosniff"  # the security middleware ran
    assert "no-store" in response["Cache-Control"]


def test_probes_in_the_same_second_share_one_check(client, db, settings):
    """With the process cache on (production), a flood of probes asks the database at most
    once a second per process; a probe a second later checks again and sees an outage."""
    from youthventure import health

    locmem = "django.core.cache.backends.locmem.LocMemCache"
    settings.CACHES = {
        "default": {"BACKEND": locmem, "LOCATION": "health-default"},
        "local": {"BACKEND": locmem, "LOCATION": "health-local"},
    }
    health._last_check[:] = [0.0, None]
    now = [1000.0]
    try:
        with (
            mock.patch("youthventure.health.time.monotonic", side_effect=lambda: now[0]),
            mock.patch("youthventure.health._database", return_value="ok") as database,
        ):
            for _ in range(5):
                assert client.get(reverse("healthz")).status_code == 200
            assert database.call_count == 1
            now[0] += health.CHECK_SECONDS
            database.return_value = "down"
            response = client.get(reverse("healthz"))
        assert response.status_code == 503 and database.call_count == 2
    finally:
        health._last_check[:] = [0.0, None]
