"""Django's ``{% url %}``, keeping what it rendered for URLs without arguments (core/links.py).

Installed as a template builtin (settings.TEMPLATES), so every template's ``{% url %}`` is
this one; with arguments, or ``as var``, it is Django's own.
"""

from django import template
from django.template import defaulttags
from django.urls import get_script_prefix, get_urlconf

register = template.Library()

_rendered: dict[tuple, str] = {}


class CachedURLNode(defaulttags.URLNode):
    def render(self, context):
        if self.args or self.kwargs or self.asvar:
            return super().render(context)
        try:  # as URLNode.render decides it
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        key = (
            self.view_name.resolve(context),
            current_app,
            context.autoescape,
            get_script_prefix(),
            get_urlconf(),
        )
        url = _rendered.get(key)
        if url is None:
            url = _rendered[key] = super().render(context)
        return url


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    return CachedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
