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


# Periods the dashboard, its exports and the work report are counted for.
import datetime  # noqa: E402
from dataclasses import dataclass  # noqa: E402

from django.utils import timezone  # noqa: E402

# The programme's records start no earlier than this ("all time" starts here).
EPOCH = datetime.date(2000, 1, 1)


@dataclass(frozen=True)
class Period:
    """A span of whole days, both ends included. ``key`` names it in a URL (``this_year``,
    ``last_year``, ``2026q3``, ``all``, ``custom``); custom periods also carry their dates."""

    key: str
    start: datetime.date
    end: datetime.date

    @property
    def label(self) -> str:
        if self.key == "this_year" or self.key == "last_year":
            return _("%(year)s") % {"year": self.start.year}
        if self.key == "all":
            return _("all time")
        if len(self.key) == 6 and self.key[4] == "q":
            return quarter_label(self.start.year, int(self.key[5]))
        return _("%(start)s to %(end)s") % {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }

    @property
    def is_standard(self) -> bool:
        """A period the dashboard keeps counted in advance (not a custom one)."""
        return self.key != "custom"

    def query(self) -> str:
        """The query string that names this period (for links and exports)."""
        if self.key == "custom":
            return f"period=custom&start={self.start.isoformat()}&end={self.end.isoformat()}"
        return f"period={self.key}"

    def months(self) -> list[datetime.date]:
        """The first day of every month the period touches (for trends), at most up to today."""
        last = min(self.end, timezone.localdate())
        month = self.start.replace(day=1)
        months = []
        while month <= last:
            months.append(month)
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        return months


def year(y: int, key: str) -> Period:
    return Period(key, datetime.date(y, 1, 1), datetime.date(y, 12, 31))


def quarter(y: int, q: int) -> Period:
    start = datetime.date(y, 3 * (q - 1) + 1, 1)
    end = (datetime.date(y + (q == 4), (3 * q) % 12 + 1, 1)) - datetime.timedelta(days=1)
    return Period(f"{y}q{q}", start, end)


def standard_periods(today: datetime.date | None = None) -> list[Period]:
    """The periods offered in the dashboard's chooser: this year, last year, the quarters of
    both years up to the current one, all time."""
    today = today or timezone.localdate()
    periods = [year(today.year, "this_year"), year(today.year - 1, "last_year")]
    current_q = (today.month - 1) // 3 + 1
    periods += [quarter(today.year, q) for q in range(current_q, 0, -1)]
    periods += [quarter(today.year - 1, q) for q in range(4, 0, -1)]
    periods.append(Period("all", EPOCH, datetime.date(today.year, 12, 31)))
    return periods


class PeriodError(ValueError):
    """The request named no period we can count (the message says why, translated)."""


def parse_period(params, today: datetime.date | None = None) -> Period:
    """The period a request's query parameters name (``period``, and ``start``/``end`` for a
    custom one); this year when none is named. Raises ``PeriodError`` for a bad one."""
    today = today or timezone.localdate()
    key = (params.get("period") or "this_year").strip().lower()
    if key == "custom":
        try:
            start = datetime.date.fromisoformat(params.get("start", ""))
            end = datetime.date.fromisoformat(params.get("end", ""))
        except ValueError:
            raise PeriodError(_("Give the custom period's first and last day as dates.")) from None
        if start > end:
            raise PeriodError(_("The period's first day comes after its last day."))
        if start < EPOCH or end.year > today.year + 1:
            raise PeriodError(_("The period lies outside the programme's records."))
        return Period("custom", start, end)
    if key == "this_year":
        return year(today.year, key)
    if key == "last_year":
        return year(today.year - 1, key)
    if key == "all":
        return Period("all", EPOCH, datetime.date(today.year, 12, 31))
    if len(key) == 6 and key[4] == "q" and key[:4].isdigit() and key[5] in "1234":
        y = int(key[:4])
        if EPOCH.year <= y <= today.year:
            return quarter(y, int(key[5]))
    raise PeriodError(_("There is no such period."))
