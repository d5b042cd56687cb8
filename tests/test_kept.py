"""The navigation bar is written once per person, menu, unread count and language and kept
({% keep %} in base.html): what is kept is what would be written, with the request's own CSRF
token and address put in."""

import re

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from core.caching import forget, forget_all

from .test_caching import _renders

NAV = re.compile(r"<nav class=\"navbar.*?</nav>", re.S)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOCMEM = "django.core.cache.backends.locmem.LocMemCache"


def _nav(response) -> str:
    return NAV.search(response.content.decode()).group(0)


def _fresh_nav(settings, client, url) -> str:
    caches_before = settings.CACHES
    settings.CACHES = {"default": {"BACKEND": LOCMEM, "LOCATION": "kept-fresh"}}
    try:
        return _nav(client.get(url))
    finally:
        settings.CACHES = caches_before


@pytest.fixture
def local_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": LOCMEM, "LOCATION": "kept-default"},
        "local": {"BACKEND": LOCMEM, "LOCATION": "kept-local"},
    }
    # Both are new settings but LocMem caches of the same name live on in the process:
    # figures or pages kept by an earlier test of the same part of the tree are gone.
    caches["default"].clear()
    caches["local"].clear()
    forget_all()
    yield
    caches["default"].clear()
    caches["local"].clear()
    forget_all()


URLS = [
    reverse("dashboard:index"),
    reverse("accounts:youth_list") + '?q="><script>&centre=',
    reverse("projects:board"),
]


def test_a_kept_bar_is_the_bar_that_would_be_written(local_cache, settings, client, cast):
    for who in ("town_staff", "district_staff", "youth_a", "mentor"):
        client.force_login(cast[who])
        url = reverse("accounts:my_profile") if who == "youth_a" else None
        for address in [url] if url else URLS:
            kept = _nav(client.get(address))
            again = client.get(address)
            assert _nav(again) == kept or TOKEN.sub("", _nav(again)) == TOKEN.sub("", kept)
            fresh = _fresh_nav(settings, client, address)
            assert TOKEN.sub("", kept) == TOKEN.sub("", fresh), (who, address)
            assert str(cast[who]) in kept


def test_the_address_and_the_token_are_the_requests_own(local_cache, client, town_staff):
    client.force_login(town_staff)
    first = client.get(URLS[0])
    second = client.get(URLS[1])

    assert f'name="next" value="{URLS[0]}"' in _nav(first)
    nav = _nav(second)
    path = second.wsgi_request.get_full_path()
    assert "&" in path and f'name="next" value="{escape(path)}"' in nav
    token = TOKEN.search(_nav(second)).group(1)
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def test_each_person_and_language_has_their_own_bar(local_cache, client, town_staff, youth_a):
    staff, youth = Client(), Client()
    staff.force_login(town_staff)
    youth.force_login(youth_a)
    staff_nav = _nav(staff.get(reverse("dashboard:index")))
    youth_nav = _nav(youth.get(reverse("accounts:my_profile")))
    staff.cookies["django_language"] = "en"
    english = _nav(staff.get(reverse("dashboard:index")))

    assert str(town_staff) in staff_nav and str(youth_a) not in staff_nav
    assert str(youth_a) in youth_nav and str(town_staff) not in youth_nav
    assert english != staff_nav and "Sign out" in english


def test_the_staff_home_is_written_once_per_count_and_shows_a_new_count(
    local_cache, settings, client, town_staff, village_a1
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dashboard.refresh import refresh_figures

    from .factories import YouthProfileFactory

    refresh_figures()
    client.force_login(town_staff)
    url = reverse("dashboard:index")
    first = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url).content.decode()
    assert TOKEN.sub("", again) == TOKEN.sub("", first)
    # Kept: the summary table is not read again, only when the figures were counted.
    assert not any("dashboard_figurevalue" in q["sql"] for q in queries.captured_queries)
    assert TOKEN.sub("", _fresh_body(settings, client, url)) == TOKEN.sub("", first)

    YouthProfileFactory(home_centre=village_a1)
    refresh_figures()  # a recount: a new time, so the kept part is written again
    # ... once the process reads the recount times again (every SPAN_SECONDS).
    assert forget(("counted_span",))
    again = client.get(url)
    shown = {f["key"]: f["value"] for s in again.context["sections"] for f in s["figures"]}
    assert shown["accounts.youth_registered"] == 1
    assert 'data-figure="accounts.youth_registered">1</div>' in again.content.decode()


def _fresh_body(settings, client, url) -> str:
    caches_before = settings.CACHES
    settings.CACHES = {"default": {"BACKEND": LOCMEM, "LOCATION": "kept-fresh"}}
    caches["default"].clear()  # an earlier test's figures of the same part of the tree
    try:
        return client.get(url).content.decode()
    finally:
        settings.CACHES = caches_before


# --- The staff home kept whole (core.caching.kept_page) ---------------------------------------


def _home(client, query: str = "") -> tuple[str, list[str]]:
    seen, stop = _renders()
    try:
        response = client.get(reverse("dashboard:index") + query)
    finally:
        stop()
    assert response.status_code == 200
    return response.content.decode(), seen


@pytest.fixture
def recounted(db):
    from dashboard.refresh import refresh_figures

    refresh_figures()


def test_the_staff_home_shown_again_is_the_page_that_would_be_written(
    local_cache, settings, recounted, town_staff
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(town_staff)
    client.get(reverse("accounts:privacy"))  # as after signing in: the browser has a secret
    first, written = _home(client)
    again, rendered = _home(client)

    assert "dashboard/index.html" in written
    assert rendered == []  # kept: no template written
    assert TOKEN.sub("", again) == TOKEN.sub("", first)
    assert TOKEN.sub("", again) == TOKEN.sub(
        "", _fresh_body(settings, client, reverse("dashboard:index"))
    )
    # The forms' token is accepted, in this browser and in another one of the same person
    # (whose page is its own: its token is made from its own secret).
    token = TOKEN.search(again).group(1)
    response = client.post(
        reverse("set_language"), {"language": "zh-hans", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    other = Client(enforce_csrf_checks=True)
    other.force_login(town_staff)
    other.get(reverse("accounts:privacy"))  # its secret
    _home(other)
    page, rendered = _home(other)
    assert rendered == []
    response = other.post(
        reverse("set_language"),
        {"language": "zh-hans", "next": "/", "csrfmiddlewaretoken": TOKEN.search(page).group(1)},
    )
    assert response.status_code == 302
    assert TOKEN.search(page).group(1) != token


def test_each_viewer_period_and_language_has_their_own_staff_home(
    local_cache, recounted, town_staff, district_staff
):
    town, district = Client(), Client()
    town.force_login(town_staff)
    district.force_login(district_staff)
    town_page, _ = _home(town)
    district_page, rendered = _home(district)
    assert (
        rendered and str(district_staff) in district_page and str(town_staff) not in district_page
    )
    assert str(town_staff) in town_page

    last_year, rendered = _home(town, "?period=last_year")
    assert rendered and 'value="last_year" selected' in last_year
    town.cookies["django_language"] = "en"
    english, rendered = _home(town)
    assert rendered and 'lang="en"' in english


def test_a_waiting_message_and_a_live_period_are_never_kept(local_cache, recounted, town_staff):
    from django.contrib.messages.storage.cookie import CookieStorage

    client = Client()
    client.force_login(town_staff)
    client.get(reverse("accounts:privacy"))
    _home(client)
    _page, rendered = _home(client)
    assert rendered == []  # kept
    custom = "?period=custom&start=2026-01-01&end=2026-03-31"
    _home(client, custom)
    _page, rendered = _home(client, custom)
    assert "dashboard/index.html" in rendered  # counted live: written every time

    client.cookies[CookieStorage.cookie_name] = "pending"
    _page, rendered = _home(client)
    assert "dashboard/index.html" in rendered


def test_a_new_message_in_the_inbox_shows_on_the_kept_staff_home(
    local_cache, recounted, town_staff
):
    from notifications.models import Message

    client = Client()
    client.force_login(town_staff)
    client.get(reverse("accounts:privacy"))
    _home(client)
    assert _home(client)[1] == []  # kept
    Message.objects.create(
        key="kept-home-test",
        kind="test",
        recipient=town_staff,
        channel=Message.Channel.INAPP,
        status=Message.Status.SENT,
        sent_at=timezone.now(),
        body="b",
    )
    page, rendered = _home(client)
    assert rendered, "the unread count is part of what the kept page is kept under"
    assert re.search(r"text-bg-light\">1<span", page)


def test_a_browser_without_a_csrf_secret_gets_the_kept_page_with_a_token_of_its_own(
    local_cache, recounted, town_staff
):
    from django.conf import settings as django_settings

    client = Client(enforce_csrf_checks=True)
    client.force_login(town_staff)
    pages = []
    for _ in range(3):
        client.cookies.pop(django_settings.CSRF_COOKIE_NAME, None)
        page, rendered = _home(client)
        pages.append((page, rendered))
    (first, written), _second, (third, rendered) = pages
    assert written and rendered == []  # kept after the first
    assert TOKEN.sub("", third) == TOKEN.sub("", first)
    # the third response made a new secret and a token from it; the two belong together
    token = TOKEN.search(third).group(1)
    assert token != TOKEN.search(first).group(1)
    response = client.post(
        reverse("set_language"), {"language": "zh-hans", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
