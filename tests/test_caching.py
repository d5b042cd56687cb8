"""What is kept for a few seconds (core/caching.py): anonymous pages per address and language,
with each visitor's own CSRF token, never for someone signed in or with a message waiting;
and the counts of long lists, per query."""

import re
from unittest import mock

import pytest
from django.core.cache import caches
from django.shortcuts import render as django_render
from django.test import Client
from django.urls import reverse

from accounts.models import YouthProfile
from core import caching
from core.caching import forget_all

from .conftest import PASSWORD
from .factories import YouthProfileFactory

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def local_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": LOCMEM, "LOCATION": "test-default"},
        "local": {"BACKEND": LOCMEM, "LOCATION": "test-local"},
    }
    caches["local"].clear()
    forget_all()
    yield caches["local"]
    caches["local"].clear()
    forget_all()


def _renders():
    """Counts the templates rendered for the page (a kept page renders none)."""
    from django.test.signals import template_rendered

    seen = []

    def on_render(sender, template, context, **kwargs):
        seen.append(template.name)

    template_rendered.connect(on_render)
    return seen, lambda: template_rendered.disconnect(on_render)


@pytest.mark.parametrize("url_name", ["home", "account_login", "projects:showcase"])
def test_an_anonymous_page_is_kept_and_each_visitor_gets_a_token_of_their_own(
    local_cache, db, url_name
):
    url = reverse(url_name)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    fresh = first.get(url)
    seen, stop = _renders()
    try:
        kept = second.get(url)
    finally:
        stop()

    assert fresh.status_code == kept.status_code == 200
    assert seen == []  # nothing rendered the second time
    tokens = TOKEN.findall(fresh.content.decode()), TOKEN.findall(kept.content.decode())
    assert tokens[0] and tokens[1] and tokens[0] != tokens[1]
    assert TOKEN.sub("", fresh.content.decode()) == TOKEN.sub("", kept.content.decode())
    # The kept page's token is good for the visitor's own cookie: switching language works.
    response = second.post(
        reverse("set_language"),
        {"language": "en", "next": url, "csrfmiddlewaretoken": tokens[1][0]},
    )
    assert response.status_code == 302


def test_a_kept_sign_in_page_still_signs_in(local_cache, youth_a):
    url = reverse("account_login")
    Client().get(url)  # kept now
    visitor = Client(enforce_csrf_checks=True)
    token = TOKEN.search(visitor.get(url).content.decode()).group(1)

    response = visitor.post(
        url, {"login": youth_a.email, "password": PASSWORD, "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
    assert visitor.session["_auth_user_id"] == str(youth_a.pk)


def test_each_language_has_its_own_page(local_cache, db):
    chinese = Client().get(reverse("home")).content.decode()
    english_visitor = Client()
    english_visitor.cookies["django_language"] = "en"
    english = english_visitor.get(reverse("home")).content.decode()

    assert 'lang="zh-hans"' in chinese and 'lang="en"' in english
    assert 'lang="zh-hans"' in Client().get(reverse("home")).content.decode()


def test_signed_in_people_never_get_the_anonymous_page(local_cache, client, youth_a):
    Client().get(reverse("projects:showcase"))  # kept for anonymous visitors
    client.force_login(youth_a)

    html = client.get(reverse("projects:showcase")).content.decode()

    assert str(youth_a) in html and reverse("account_logout") in html


def test_a_waiting_message_is_shown_not_a_kept_page(local_cache, client, youth_a):
    Client().get(reverse("home"))  # kept
    client.force_login(youth_a)
    response = client.post(reverse("account_logout"), follow=True)

    assert response.redirect_chain and response.request["PATH_INFO"] == reverse("home")
    assert response.context is not None  # rendered, not the kept page
    assert list(response.context["messages"])


def test_without_a_local_cache_nothing_is_kept(db, settings):
    assert "local" not in settings.CACHES  # the test settings' own CACHES
    with mock.patch("accounts.views.render", wraps=django_render) as render:
        Client().get(reverse("home"))
        Client().get(reverse("home"))
    assert render.call_count == 2


def test_a_long_lists_count_is_kept_and_a_short_ones_is_not(local_cache, village_a1):
    YouthProfileFactory.create_batch(3, home_centre=village_a1)
    small = YouthProfile.objects.filter(home_centre=village_a1)
    assert caching.remembered_count(small) == 3
    YouthProfileFactory(home_centre=village_a1)
    assert caching.remembered_count(small) == 4  # not kept: exact

    with mock.patch.object(caching, "COUNT_KEPT_FROM", 4):
        assert caching.remembered_count(small) == 4
        YouthProfileFactory(home_centre=village_a1)
        assert caching.remembered_count(small) == 4  # kept for a minute
        # Another query (another scope or filter) is counted on its own.
        assert caching.remembered_count(small.exclude(pk=-1)) == 5


@pytest.mark.parametrize("url_name", ["home", "account_login", "projects:showcase"])
def test_a_kept_page_has_the_headers_of_a_fresh_one(local_cache, db, url_name):
    url = reverse(url_name)
    fresh, kept = Client().get(url), Client().get(url)
    ignore = {"Set-Cookie", "Expires", "Content-Length"}
    assert {k: v for k, v in fresh.items() if k not in ignore} == {
        k: v for k, v in kept.items() if k not in ignore
    }
    assert kept["Content-Security-Policy"] and kept["X-Frame-Options"] == "DENY"


def test_the_board_writes_its_cards_once_and_never_shows_a_moved_project_as_it_was(
    local_cache, client, town_staff, village_a1
):
    from projects.models import Stage, VentureProject

    from .factories import VentureProjectFactory

    project = VentureProjectFactory(centre=village_a1, name="茶园直播", stage=Stage.APPLIED)
    client.force_login(town_staff)
    client.get(reverse("projects:board"))
    seen, stop = _renders()
    try:
        again = client.get(reverse("projects:board"))
        assert "projects/partials/_board_columns.html" not in seen  # kept
        VentureProject.objects.filter(pk=project.pk).update(
            name="茶园直播间", stage=Stage.UNDER_REVIEW
        )
        moved = client.get(reverse("projects:board"))
    finally:
        stop()

    assert "茶园直播" in again.content.decode()
    assert "projects/partials/_board_columns.html" in seen  # written again
    columns = {c["stage"]: [p.name for p in c["cards"]] for c in moved.context["columns"]}
    assert columns[Stage.UNDER_REVIEW] == ["茶园直播间"] and columns[Stage.APPLIED] == []
    assert "茶园直播间" in moved.content.decode()


def test_views_see_the_loaded_user_not_a_lazy_proxy(client, town_staff):
    """youthventure.middleware.LoadedUserMiddleware: the user is loaded once and handed on
    as itself (each read through Django's lazy proxy cost a microsecond, ~60 a page)."""
    from django.utils.functional import LazyObject

    client.force_login(town_staff)
    response = client.get(reverse("accounts:youth_list"))
    user = response.wsgi_request.user
    assert not isinstance(user, LazyObject) and user.pk == town_staff.pk


def test_the_quick_csrf_token_is_one_django_accepts(rf):
    """core.csrf.get_token: Django's token format and secret handling, drawn at once."""
    from django.middleware.csrf import _check_token_format, _does_token_match

    from core.csrf import get_token

    request = rf.get("/")
    first = get_token(request)
    secret = request.META["CSRF_COOKIE"]
    assert len(secret) == 32 and request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    tokens = {first} | {get_token(request) for _ in range(200)}
    assert len(tokens) == 201  # a new mask each time, on the same secret
    assert request.META["CSRF_COOKIE"] == secret
    for token in tokens:
        _check_token_format(token)
        assert _does_token_match(token, secret)
    other = rf.get("/")
    get_token(other)
    assert other.META["CSRF_COOKIE"] != secret
    assert not _does_token_match(first, other.META["CSRF_COOKIE"])


def test_no_address_carries_a_language_prefix():
    """ChineseFirstLocaleMiddleware skips Django's look for a language in the path: right
    only while the URLs use no i18n_patterns."""
    from django.conf import settings
    from django.conf.urls.i18n import is_language_prefix_patterns_used

    assert is_language_prefix_patterns_used(settings.ROOT_URLCONF) == (False, False)
