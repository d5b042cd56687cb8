"""URLs without arguments, reversed once per process (and script prefix).

``reverse()`` walks the URL patterns every time: 30 µs here, and a page asked for 30 of
them (the menu, the navigation bar, the dashboard's links). A URL without arguments never
changes while the process runs, so ``link(name)`` and the ``{% url %}`` of the templates
(``core/templatetags/cached_urls.py``, a builtin) keep what they reversed.
"""

from django.urls import get_script_prefix, get_urlconf, reverse

_links: dict[tuple, str] = {}


def link(name: str, current_app: str | None = None) -> str:
    key = (name, current_app, get_script_prefix(), get_urlconf())
    url = _links.get(key)
    if url is None:
        url = _links[key] = reverse(name, current_app=current_app)
    return url
