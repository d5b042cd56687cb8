"""``{{ message.url|here }}``: a link into the portal, made relative to wherever it is open.

Messages keep absolute links (``SITE_URL`` + path) because e-mails and text messages need
them; shown inside the portal (the in-app inbox) the same link is better as a path, so it
works at whichever address and port the portal runs (``make run PORT=8001``), including for
messages written while it ran elsewhere. Links that are not pages of the portal stay as
they are.
"""

from urllib.parse import urlsplit

from django import template
from django.urls import Resolver404, resolve

register = template.Library()


@register.filter
def here(url: str) -> str:
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.path.startswith("/"):
        return url
    try:
        resolve(parts.path)
    except Resolver404:
        return url
    return parts.path + (f"?{parts.query}" if parts.query else "")
