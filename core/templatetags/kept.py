"""``{% keep "name" value1 value2 ... %}...{% endkeep %}``: a part of a page written once for
each set of values it shows, and kept a minute in the process's memory (``core.caching.memo``,
on when there is a ``local`` cache).

The values must be everything the part shows (the navigation bar: the person, their name,
roles, menu and unread count, the language): then what is kept is exactly what would be
written. Two things differ on every request and are put in afresh: the CSRF token of the
part's forms and the current address (``request.get_full_path``, the language switch's
"next"). Without a ``local`` cache the part is written every time.
"""

from django import template
from django.urls import get_script_prefix
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.caching import memo

register = template.Library()

_TOKEN = "kept-csrf-token-5b1e"
_PATH = "/kept-current-path-5b1e"


class _Request:
    """The request as the kept part sees it: its address is a placeholder."""

    def __init__(self, request):
        self._request = request

    def get_full_path(self):
        return _PATH

    def __getattr__(self, name):
        return getattr(self._request, name)


class KeepNode(template.Node):
    def __init__(self, nodelist, name, values):
        self.nodelist = nodelist
        self.name = name
        self.values = values

    def render(self, context):
        request = context.get("request")
        token = context.get("csrf_token")
        if request is None or not token or token == "NOTPROVIDED":
            return self.nodelist.render(context)
        parts = (
            "keep",
            self.name.resolve(context),
            get_language(),
            get_script_prefix(),
            *(str(value.resolve(context)) for value in self.values),
        )

        def write():
            with context.push(csrf_token=_TOKEN, request=_Request(request)):
                return self.nodelist.render(context)

        html = memo(parts, write, seconds=60).replace(_TOKEN, str(token))
        return mark_safe(html.replace(_PATH, conditional_escape(request.get_full_path())))  # noqa: S308


@register.tag
def keep(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% keep %} needs a name and the values it shows")
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    values = [parser.compile_filter(bit) for bit in bits[2:]]
    return KeepNode(nodelist, parser.compile_filter(bits[1]), values)
