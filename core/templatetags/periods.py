"""``{{ since|waited }}`` ("6 个月") and ``{% quarter 2026 3 %}`` ("2026年第三季度"): see
core/periods.py."""

import datetime

from django import template
from django.utils import timezone

from core.periods import duration, quarter_label

register = template.Library()


@register.filter
def waited(since: datetime.datetime | None) -> str:
    """How long since ``since``, as one unit, for sentences such as "已停留 6 个月"."""
    if since is None:
        return ""
    return duration((timezone.now() - since).days)


@register.simple_tag
def quarter(year, quarter) -> str:
    return quarter_label(year, quarter)
