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
from contextlib import ExitStack

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import caches
from django.db import connections
from django.http import HttpResponse
from django.urls import Resolver404, get_script_prefix, resolve
from django.utils.translation import get_language

from .csrf import get_token
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
    be shown, a response that is not a 200 or sets a cookie. The response passes through the
    middleware as usual (headers, the CSRF cookie)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _may_keep(request):
                return view(request, *args, **kwargs)
            own = version(request, *args, **kwargs)
            parts = _page_parts(request, view, own)
            if parts is None:
                return view(request, *args, **kwargs)
            found = _kept_response(request, parts)
            if found is not None:
                return found
            response = view(request, *args, **kwargs)
            _keep_response(request, parts, response, seconds)
            return response

        return wrapper

    return decorate


# The tables each kept-until-changed view has been seen to read, per view (learned in the
# process: a page whose queries name a table not yet known is written, not kept).
_TABLES_READ: dict[tuple, frozenset] = {}


def kept_until_changed(view=None, *, seconds: int = PAGE_SECONDS):
    """Keep a signed-in page whole (as ``kept_page`` does, per viewer, browser, address and
    language) until any table its queries read is written to, and at most ``seconds``.

    The page's version is the database's own count of writes to those tables
    (core/changes.py: a trigger on every table, in the writing transaction), read before the
    page's queries: a page is never shown from before a change its reader could see. Which
    tables: every table its queries named the last time it was written, learned from the
    queries themselves (raw SQL and prepared statements included); a page that reads a table
    not among them is written again and not kept until the next time. Never kept: a page whose
    request writes anything (a logged reveal of personal data, a message marked read), reads
    another database, or runs where writes are not counted (SQLite: ``make run``). The key
    also holds the viewer's scope and the rows loaded with them (roles, centre, flags): a
    changed role or centre writes the page again. Put it under the access check, as
    ``kept_page``."""

    def decorate(view):
        ident = (view.__module__, view.__qualname__)

        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            from . import changes
            from .scoping import scope_key

            if not _may_keep(request) or not changes.supported(connections["default"]):
                return view(request, *args, **kwargs)
            tables = _TABLES_READ.get(ident)
            parts = None
            if tables is not None:
                loaded = getattr(request.user, "data_changes", None)  # with the user
                if loaded is not None:
                    count = changes.version_from(loaded, tables)
                else:
                    count = changes.version(tables)
                viewer = (scope_key(request.user), _loaded_rows(request.user))
                parts = _page_parts(request, view, ("tables", count, viewer))
                found = parts and _kept_response(request, parts)
                if found:
                    return found
            reads = _Reads(changes.counted_tables())
            with ExitStack() as stack:
                for connection in connections.all():
                    stack.enter_context(connection.execute_wrapper(reads))
                response = view(request, *args, **kwargs)
            if not reads.keepable:
                return response
            if tables is None or not reads.tables <= tables:
                _TABLES_READ[ident] = (tables or frozenset()) | reads.tables
                return response
            if parts is not None:
                _keep_response(request, parts, response, seconds)
            return response

        return wrapper

    return decorate(view) if view is not None else decorate


_WRITE = re.compile(r"\b(INSERT|UPDATE|DELETE|TRUNCATE|COPY|CREATE|DROP|ALTER|LOCK)\b", re.I)
_STATEMENT = re.compile(r"\byv_prepared_\d+\b")


class _Reads:
    """An execute wrapper that notes the counted tables a page's queries name, and whether
    anything it ran makes the page unfit to keep (a write, another database, a prepared
    statement whose text this process does not know)."""

    def __init__(self, counted: set[str]):
        self.tables: set[str] = set()
        self.keepable = True
        self.cache_tables = {
            cache["LOCATION"]
            for cache in settings.CACHES.values()
            if cache["BACKEND"].endswith(".DatabaseCache")
        }
        self.known = counted | self.cache_tables

    def __call__(self, execute, sql, params, many, context):
        from . import changes
        from .prepared import STATEMENTS

        sql_text = text = sql if isinstance(sql, str) else str(sql)
        for name in _STATEMENT.findall(text):
            body = STATEMENTS.get(name)
            if body is None:
                self.keepable = False
            else:
                text = f"{text} {body}"
        named = changes.tables_in(text, self.known)
        if not (named & self.cache_tables):  # a shared cache's own lifetime rules there
            if context["connection"].alias != "default" or _WRITE.search(sql_text):
                self.keepable = False
            self.tables |= named
        return execute(sql, params, many, context)


def _loaded_rows(user) -> tuple | str:
    """The viewer's rows as the authentication backend loaded them (user, staff profile and
    centre, youth profile, mentor role ...): any change to them writes the page again."""
    seen = {}
    objects = [user]
    while objects:
        obj = objects.pop()
        meta = getattr(obj, "_meta", None)
        if meta is None or (meta.label, obj.pk) in seen:  # a profile's user is the user again
            continue
        seen[meta.label, obj.pk] = [getattr(obj, f.attname) for f in meta.concrete_fields]
        objects.extend(v for v in obj._state.fields_cache.values() if v is not None)
    rows = tuple(sorted((label, tuple(values)) for label, values in seen.items()))
    try:
        hash(rows)
    except TypeError:  # a JSON field's list, say
        return repr(rows)
    return rows


def _may_keep(request) -> bool:
    return local() is not None and request.method == "GET" and not _message_waiting(request)


def _page_parts(request, view, own) -> tuple | None:
    """Everything a kept page is kept under (see ``kept_page``), or None: not kept."""
    user = request.user
    unread = getattr(user, "inbox_unread_count", None)
    if own is None or unread is None:
        return None
    return (
        "page",
        view.__module__,
        view.__qualname__,
        user.pk,
        str(user),
        request.session.get(ROLE_SESSION_KEY),
        unread,
        request.META.get("CSRF_COOKIE") or None,
        request.get_full_path(),
        get_language(),
        get_script_prefix(),
        *own,
    )


def _kept_response(request, parts):
    found = memo_get(parts)
    if found is None:
        return None
    headers, body = found
    if parts[7] is None:  # no CSRF secret yet: this response's own token
        body = body.replace(_CSRF_PLACEHOLDER_BYTES, get_token(request).encode())
    response = HttpResponse(body)
    for name, value in headers:
        response[name] = value
    return response


def _keep_response(request, parts, response, seconds: int) -> None:
    if response.status_code != 200 or response.streaming or response.cookies:
        return
    headers = [(k, v) for k, v in response.items() if k.lower() != "content-length"]
    secret = parts[7]
    if secret is not None and request.META.get("CSRF_COOKIE") == secret:
        memo_set(parts, (headers, response.content), seconds)
    elif secret is None:
        # Tokens made from the secret this response creates: kept as a placeholder,
        # unless the token shows anywhere else on the page.
        html = response.content.decode()
        tokens = {match.group(2) for match in _CSRF_INPUT.finditer(html)}
        body = _with_placeholder(html)
        if not any(token in body for token in tokens):
            memo_set(parts, (headers, body.encode()), seconds)


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
        # Looked up before the address is resolved (a page is only ever kept for a marked
        # view): resolving an address late in the URL list costs more than the rest.
        key = "page:" + _key(request.get_host(), request.get_full_path(), get_language())
        kept = cache.get(key)
        if kept is not None:
            headers, body = kept
            response = HttpResponse(body.replace(_CSRF_PLACEHOLDER, get_token(request)))
            for name, value in headers:
                response[name] = value
            return response
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return self.get_response(request)
        if not getattr(match.func, "anonymous_page_cache", False):
            return self.get_response(request)
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            body = _with_placeholder(response.content.decode())
            headers = [(k, v) for k, v in response.items() if k.lower() != "content-length"]
            cache.set(key, (headers, body), PAGE_SECONDS)
        return response
