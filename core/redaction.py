"""Secret tokens in addresses never reach the audit table or a log line.

Some links are secrets: the e-mail confirmation key (``/accounts/confirm-email/<key>/``), the
password-reset key (``/accounts/password/reset/key/<uidb36>-<key>/``), an invitation's token
(``/invitation/<token>/``), a registration drive's token. Whoever reads them can act as the
person the link was sent to. Wherever a path is written down (``audit.Entry.path``, the
request lines of the runserver and gunicorn access logs, Django's "Not Found: ..." warnings)
it goes through ``scrub_path`` or ``scrub_text``: the URL is resolved and the values of its
secret parameters (``SECRET_KWARGS``, by name, for every app's URLs, allauth's included) are
replaced with ``REDACTED``. Query strings are scrubbed too (``?next=/invitation/<token>/``).

``SecretsFilter`` does it for log records (settings.LOGGING) and also keeps a refused request
(403, 404) to one line, without the traceback Django attaches to it.
"""

import logging
import re
from urllib.parse import unquote

from django.urls import Resolver404, get_urlconf, resolve

SECRET_KWARGS = frozenset({"key", "token", "uidb36", "uidb64"})
REDACTED = "[redacted]"
# A path inside free text: a slash and what may follow it in a URL, up to a space, a quote or
# the start of the query string.
_PATH = re.compile(r"/[^\s\"'<>?#]*")
_QUERY = re.compile(r"\?[^\s\"'<>#]*")


# Where the URL configuration cannot be asked (a process without Django set up), the secret
# parts of the known secret links, by pattern.
KNOWN_SECRETS = [
    re.compile(r"(/accounts/confirm-email/)[^/\s\"'<>?#]+"),
    re.compile(r"(/accounts/password/reset/key/)[^/\s\"'<>?#]+"),
    re.compile(r"(/invitation/)[^/\s\"'<>?#]+"),
    re.compile(r"(/drive/)[^/\s\"'<>?#]+"),
]


def _by_pattern(path: str) -> str:
    for pattern in KNOWN_SECRETS:
        path = pattern.sub(lambda m: m.group(1) + REDACTED, path)
    return path


# Paths known to hold no secret, by URL configuration: an access-log line has a dozen values
# with a slash in them (the request line, the referrer, the browser's name), and resolving
# each on every request cost more than serving a kept page. A path with a secret is never
# kept here; the set stops growing at _CLEAN_LIMIT.
_CLEAN: set[tuple] = set()
_CLEAN_LIMIT = 20_000


def _scrub_bare_path(path: str) -> str:
    key = (get_urlconf(), path)
    if key in _CLEAN:
        return path
    scrubbed = _scrub_resolved(path)
    if scrubbed == path and len(_CLEAN) < _CLEAN_LIMIT:
        _CLEAN.add(key)
    return scrubbed


def _scrub_resolved(path: str) -> str:
    try:
        match = resolve(path)
    except (Resolver404, ValueError, TypeError):
        return _by_pattern(path)
    except Exception:  # no URL configuration here (Django not set up)
        return _by_pattern(path)
    for name, value in match.kwargs.items():
        if name in SECRET_KWARGS and value:
            path = path.replace(str(value), REDACTED)
    return path


def scrub_path(path: str) -> str:
    """``path`` (with or without a query string) without the values of secret parameters."""
    bare, mark, query = (path or "").partition("?")
    bare = _scrub_bare_path(bare)
    if query:
        unquoted = unquote(query)
        scrubbed = _PATH.sub(lambda m: _scrub_bare_path(m.group(0)), unquoted)
        if scrubbed != unquoted:
            query = scrubbed
    return bare + mark + query


def scrub_text(text: str) -> str:
    """Every portal path in ``text`` (a log line, a request line) scrubbed."""
    if not text or "/" not in text:
        return text
    text = _PATH.sub(lambda m: _scrub_bare_path(m.group(0)), text)
    return _QUERY.sub(lambda m: scrub_path("/" + m.group(0))[1:], text)


class SecretsFilter(logging.Filter):
    """For the handlers of settings.LOGGING: the message with its paths scrubbed; refused
    requests (django.request below 500) as one line, without a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("django.request") and getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to the handler to report
            return True
        scrubbed = scrub_text(message)
        if scrubbed != message:
            record.msg, record.args = scrubbed, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = scrub_text(logging.Formatter().formatException(record.exc_info))
        return True
