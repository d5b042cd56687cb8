"""Periods of time as people say them: how long something has waited, which quarter.

``duration(days)`` gives one unit, rounded down ("6 个月", "2 周", "3 天"), never Django's
``timesince`` pair of units, which in Chinese ("6 月，1 周") reads like a date in June.
``quarter_label(2026, 3)`` gives "2026年第三季度" (English "Q3 2026"). Templates use them
through ``{% load periods %}`` (core/templatetags/periods.py).
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def duration(days: int) -> str:
    """``days`` in the largest unit that fits at least once (rounded down)."""
    days = max(days, 0)
    if days >= 365:
        n = days // 365
        return ngettext("%(n)d year", "%(n)d years", n) % {"n": n}
    if days >= 60:
        n = days // 30
        return ngettext("%(n)d month", "%(n)d months", n) % {"n": n}
    if days >= 14:
        n = days // 7
        return ngettext("%(n)d week", "%(n)d weeks", n) % {"n": n}
    if days >= 1:
        return ngettext("%(n)d day", "%(n)d days", days) % {"n": days}
    return _("less than a day")


def quarter_label(year: int, quarter: int) -> str:
    """The quarter in the active language: "2026年第三季度", "Q3 2026"."""
    labels = {
        1: _("Q1 %(year)s"),
        2: _("Q2 %(year)s"),
        3: _("Q3 %(year)s"),
        4: _("Q4 %(year)s"),
    }
    return labels[int(quarter)] % {"year": int(year)}
