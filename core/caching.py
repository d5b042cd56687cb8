"""What pages may keep for a few seconds, in each process's memory (the ``local`` cache).

Only what is the same for everyone who may see it: anonymous pages (per address and language)
and the counts of long lists (per query, so per scope and filter). Never who may see what:
access is decided on every request, before anything here is read. Without a ``local`` cache
in ``settings.CACHES`` (the test settings replace CACHES) everything is computed every time.
"""

import hashlib
import re
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

# A public page may be this old: a change shows there within half a minute.
PAGE_SECONDS = 30
# A list's count may be this old, once it is large enough to cost something to count; a
# small one is always exact (a stale small count could hide a new row on the last page).
COUNT_SECONDS = 60
COUNT_KEPT_FROM = 1000

_CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_CSRF_PLACEHOLDER = "csrf-token-placeholder-8d3c1f"
# Headers a view sets itself (the middleware adds the rest again on every response).
_KEPT_HEADERS = ("Content-Type", "Cache-Control", "Expires")


def local():
    return caches["local"] if "local" in settings.CACHES else None


def _key(*parts) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def remembered(queryset, compute, *, keep=lambda value: True, seconds: int = COUNT_SECONDS):
    """``compute()``, the result remembered for ``seconds`` under the SQL of ``queryset``
    (its filters, so the viewer's scope) when ``keep(result)`` says it is worth it."""
    cache = local()
    if cache is None:
        return compute()
    sql, params = queryset.query.sql_with_params()
    key = "q:" + _key(queryset.db, sql, params)
    value = cache.get(key)
    if value is None:
        value = compute()
        if keep(value):
            cache.set(key, value, seconds)
    return value


def remembered_count(queryset) -> int:
    """``queryset.count()``; a count of COUNT_KEPT_FROM rows or more is kept a minute."""
    return remembered(queryset, queryset.count, keep=lambda n: n >= COUNT_KEPT_FROM)


def _anonymous_and_quiet(request) -> bool:
    """Nobody signed in and no message waiting to be shown (e.g. "You have signed out")."""
    if request.method != "GET" or request.user.is_authenticated:
        return False
    if request.COOKIES.get(CookieStorage.cookie_name):
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.get(SessionStorage.session_key))


def cache_anonymous_page(view):
    """Keep the page a view shows to anonymous visitors for PAGE_SECONDS, per address and
    language. The CSRF token in its forms (the language switch, the sign-in form) is the
    visitor's own: a placeholder is kept and replaced on every response."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        cache = local()
        if cache is None or not _anonymous_and_quiet(request):
            return view(request, *args, **kwargs)
        key = "page:" + _key(request.get_host(), request.get_full_path(), get_language())
        kept = cache.get(key)
        if kept is not None:
            headers, body = kept
            response = HttpResponse(body.replace(_CSRF_PLACEHOLDER, get_token(request)))
            for name, value in headers:
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if response.status_code == 200 and not response.streaming and not response.cookies:
            body = response.content.decode(response.charset)
            headers = [(name, response[name]) for name in _KEPT_HEADERS if name in response]
            cache.set(key, (headers, _CSRF_INPUT.sub(rf"\g<1>{_CSRF_PLACEHOLDER}\2", body)),
                      PAGE_SECONDS)  # fmt: skip
        return response

    return wrapper
