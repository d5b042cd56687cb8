"""Filters for the rows of list pages, where a template does the same thing 25 times.

``{{ profile|display:"education_level" }}`` is ``profile.get_education_level_display``
without rebuilding the field's choices (and translating every label) on each call.
``{{ profile.pk|row_url:"accounts:youth_detail" }}`` is ``{% url "accounts:youth_detail"
profile.pk %}`` for a pattern whose only argument is the primary key, reversed once.
"""

from functools import cache

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()

# Stands for the key in a reversed URL; no prefix or pattern of ours contains it.
_KEY = 918273645


@cache
def _labels(field) -> dict:
    return dict(field.flatchoices)


@register.filter
def display(obj, field_name: str):
    field = obj._meta.get_field(field_name)
    value = getattr(obj, field.attname)
    return _labels(field).get(value, value)


@cache
def _url_pattern(name: str, prefix: str, urlconf) -> tuple[str, str]:
    url = reverse(name, args=[_KEY], urlconf=urlconf)
    before, _, after = url.partition(str(_KEY))
    return before, after


@register.filter
def row_url(pk, name: str) -> str:
    before, after = _url_pattern(name, get_script_prefix(), get_urlconf())
    return f"{before}{int(pk)}{after}"
