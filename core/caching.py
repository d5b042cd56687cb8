"""What pages may keep for a few seconds, in each process's memory (the ``local`` cache).

Only what is the same for everyone who may see it: anonymous pages (per address and language)
and the counts of long lists (per query, so per scope and filter). Never who may see what:
access is decided on every request, before anything here is read. Without a ``local`` cache
in ``settings.CACHES`` (the test settings replace CACHES) everything is computed every time.
"""

import collections
import functools
import hashlib
import re
import threading
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, get_script_prefix, resolve
from django.utils.translation import get_language

from .roles import SESSION_KEY as ROLE_SESSION_KEY

# A public page may be this old: a change shows there within half a minute.
PAGE_SECONDS = 30
# A list's count may be this old, once it is large enough to cost something to count; a
# small one is always exact (a stale small count could hide a new row on the last page).
COUNT_SECONDS = 60
COUNT_KEPT_FROM = 1000

_CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")([^"]*)(")')
_CSRF_PLACEHOLDER = "csrf-token-placeholder-8d3c1f"
_CSRF_PLACEHOLDER_BYTES = _CSRF_PLACEHOLDER.encode()


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


def kept(parts: tuple, compute, seconds: int = PAGE_SECONDS):
    """``compute()``, kept ``seconds`` under ``parts`` (everything the result depends on)."""
    cache = local()
    if cache is None:
        return compute()
    key = "kept:" + _key(*parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


_MEMO: "collections.OrderedDict[tuple, tuple[float, object]]" = collections.OrderedDict()
_MEMO_LOCK = threading.Lock()


def forget(parts: tuple) -> bool:
    """Drop what ``kept`` or ``memo`` keeps under ``parts`` in this process; whether there
    was any."""
    cache = local()
    in_cache = cache is not None and cache.delete("kept:" + _key(*parts))
    with _MEMO_LOCK:
        in_memo = _MEMO.pop(parts, None) is not None
    return in_cache or in_memo


def forget_all() -> None:
    """Drop everything ``memo`` keeps in this process (``caches["local"].clear()`` drops the
    rest)."""
    with _MEMO_LOCK:
        _MEMO.clear()


# Parts of pages are kept here (a staff home's content is ~85 KB): at most ~40 MB a process.
MEMO_ENTRIES = 500


def memo(parts: tuple, compute, seconds: int = PAGE_SECONDS):
    """Like ``kept`` for Python objects that must not be pickled (lazy translations come back
    from a pickle as a new class each time, ~1 ms apiece): kept as they are in this process's
    memory, the oldest MEMO_ENTRIES-th forgotten first. Off with the ``local`` cache."""
    if local() is None:
        return compute()
    found = memo_get(parts)
    if found is not None:
        return found
    value = compute()
    memo_set(parts, value, seconds)
    return value


def memo_get(parts: tuple):
    """What ``memo`` keeps under ``parts`` and is not yet due, else None."""
    found = _MEMO.get(parts)
    if found is not None and found[0] > time.monotonic():
        return found[1]
    return None


def memo_set(parts: tuple, value, seconds: int) -> None:
    """Keep ``value`` under ``parts`` for ``seconds`` (as ``memo`` does)."""
    with _MEMO_LOCK:
        _MEMO[parts] = (time.monotonic() + seconds, value)
        _MEMO.move_to_end(parts)
        while len(_MEMO) > MEMO_ENTRIES:
            _MEMO.popitem(last=False)


def kept_page(version, seconds: int = PAGE_SECONDS):
    """Keep a signed-in page whole for ``seconds`` in the process, per viewer and browser.

    ``version(request, *args, **kwargs)`` returns what the page shows besides the viewer and
    the address (a tuple: e.g. the scope and when its numbers were counted), or None to write
    the page afresh (e.g. a figure counted live). The key also holds the person, their name,
    active role and unread count (the navigation), the address, the language, the URL prefix
    and the browser's CSRF secret: the page's forms carry tokens made from it, so each browser
    has its own copy, served as written, and a rotated secret writes the page again. A browser
    without a secret yet shares a copy with a placeholder for the token, which gets a token of
    its own on every response. Access is decided before: put the decorator under the access
    check (``@staff_required``). Not kept: anything but a GET, a page while a message waits to
    be shown, a response that is not a 200. The response passes through the middleware as
    usual (headers, the CSRF cookie)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if local() is None or request.method != "GET" or _message_waiting(request):
                return view(request, *args, **kwargs)
            own = version(request, *args, **kwargs)
            user = request.user
            unread = getattr(user, "inbox_unread_count", None)
            if own is None or unread is None:
                return view(request, *args, **kwargs)
            secret = request.META.get("CSRF_COOKIE") or None
            parts = (
                "page",
                view.__module__,
                view.__qualname__,
                user.pk,
                str(user),
                request.session.get(ROLE_SESSION_KEY),
                unread,
                secret,
                request.get_full_path(),
                get_language(),
                get_script_prefix(),
                *own,
            )
            found = memo_get(parts)
            if found is not None:
                content_type, body = found
                if secret is None:
                    body = body.replace(_CSRF_PLACEHOLDER_BYTES, get_token(request).encode())
                return HttpResponse(body, content_type)
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming:
                return response
            if secret is not None and request.META.get("CSRF_COOKIE") == secret:
                memo_set(parts, (response["Content-Type"], response.content), seconds)
            elif secret is None:
                # Tokens made from the secret this response creates: kept as a placeholder,
                # unless the token shows anywhere else on the page.
                html = response.content.decode()
                tokens = {match.group(2) for match in _CSRF_INPUT.finditer(html)}
                body = _with_placeholder(html)
                if not any(token in body for token in tokens):
                    memo_set(parts, (response["Content-Type"], body.encode()), seconds)
            return response

        return wrapper

    return decorate


def _with_placeholder(html: str) -> str:
    """The page with a placeholder for the CSRF token of its forms (put back per response)."""
    return _CSRF_INPUT.sub(rf"\g<1>{_CSRF_PLACEHOLDER}\3", html)


def _message_waiting(request) -> bool:
    """A message to show on the next page (cookie or session storage): that page is not kept."""
    return CookieStorage.cookie_name in request.COOKIES or bool(
        request.session.get(SessionStorage.session_key)
    )


def remembered_count(queryset) -> int:
    """``queryset.count()``; a count of COUNT_KEPT_FROM rows or more is kept a minute."""
    return remembered(queryset, queryset.count, keep=lambda n: n >= COUNT_KEPT_FROM)


def cache_anonymous_page(view):
    """Mark a view whose page for anonymous visitors may be kept PAGE_SECONDS, per address and
    language (``AnonymousPageCacheMiddleware`` keeps and serves it)."""
    view.anonymous_page_cache = True
    return view


def _quiet_visitor(request) -> bool:
    """A GET from someone with no session at all (so nobody signed in, no sign-in under way)
    and no message waiting to be shown (e.g. "You have signed out")."""
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


class AnonymousPageCacheMiddleware:
    """Serves the marked pages (``cache_anonymous_page``) to quiet anonymous visitors from the
    ``local`` cache, before the rest of the middleware and the view: the kept response has the
    headers they gave it (security policy, frame options, caching). The CSRF token in its forms
    (the language switch, the sign-in form) is the visitor's own: a placeholder is kept and
    replaced on every response. Sits after the authentication middleware, so the session,
    language and CSRF middleware still see every request and response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cache = local()
        if cache is None or not _quiet_visitor(request):
            return self.get_response(request)
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return self.get_response(request)
        if not getattr(match.func, "anonymous_page_cache", False):
            return self.get_response(request)
        key = "page:" + _key(request.get_host(), request.get_full_path(), get_language())
        kept = cache.get(key)
        if kept is not None:
            headers, body = kept
            response = HttpResponse(body.replace(_CSRF_PLACEHOLDER, get_token(request)))
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            body = _with_placeholder(response.content.decode())
            headers = [(k, v) for k, v in response.items() if k.lower() != "content-length"]
            cache.set(key, (headers, body), PAGE_SECONDS)
        return response
