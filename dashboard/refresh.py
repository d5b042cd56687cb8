"""Counting every figure in advance into the summary table (``FigureValue``).

The staff home must not count a million young people on every request, so every few minutes
(Celery beat, ``dashboard.tasks.refresh_figures``; ``manage.py refresh_figures`` anywhere)
each registered figure (core.figures) is counted for every youth centre's subtree and for the
whole programme, for every standard period (core.periods.standard_periods) and, for the
figures drawn as trends, for each of the last ``TREND_MONTHS`` months.

How, so that it stays a few grouped queries per figure whatever the number of records:

- a stock figure (no ``date_field``): ``Figure.by_centre`` once (one query per tree level) and
  one programme-wide aggregate, stored under the period ``"now"``;
- a figure that counts or sums records (no ``distinct``): ONE query grouped by the record's
  centre path and month; every period (years, quarters, months, all time are whole months) and
  every centre's subtree is then a sum in Python, exact because counts and sums add up;
- a figure that counts people once (``distinct``): people do not add up across months or
  centres, so ``Figure.by_centre`` (one query per tree level) and an aggregate per period.

Each figure is written in its own transaction, only the values that moved; a figure whose
counting fails keeps its previous values and time (``FigureRefresh``), and the others go on.
"""

import datetime
import logging
import time
from collections import defaultdict

from django.db import transaction
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accounts.models import OrgUnit
from core.figures import FIGURES, Figure
from core.periods import EPOCH, Period, standard_periods

from .models import FigureRefresh, FigureValue

logger = logging.getLogger(__name__)

# Beat recounts this often (settings.CELERY_BEAT_SCHEDULE); the page says so.
REFRESH_MINUTES = 10
TREND_MONTHS = 24
# The figures drawn as monthly trends on the staff home (only these are kept per month).
TREND_KEYS = (
    "accounts.youth_registered",
    "jobs.placed",
    "training.attendances",
    "mentors.sessions",
)
STOCK = "now"
PROGRAMME = None  # FigureValue.centre for the whole programme


def stored_key(period: Period) -> str | None:
    """The summary table's name of a period, or None for one counted live (custom)."""
    if period.key in ("this_year", "last_year"):
        return str(period.start.year)
    if period.key == "custom":
        return None
    return period.key


def month_key(month: datetime.date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def trend_months(today: datetime.date | None = None) -> list[datetime.date]:
    """The first days of the last TREND_MONTHS months, oldest first, this month last."""
    today = today or timezone.localdate()
    months = []
    y, m = today.year, today.month
    for _ in range(TREND_MONTHS):
        months.append(datetime.date(y, m, 1))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return months[::-1]


def counted_periods(figure: Figure, today: datetime.date) -> list[tuple[str, Period]]:
    """(stored key, period) of every period the figure is kept for."""
    if figure.is_stock:
        return [(STOCK, Period("all", EPOCH, today))]
    periods = {stored_key(p): p for p in standard_periods(today)}
    if figure.key in TREND_KEYS:
        for month in trend_months(today):
            end = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
            periods[month_key(month)] = Period("custom", month, end)
    return list(periods.items())


def _centre_path(figure: Figure) -> str:
    return f"{figure.centre_field}__path" if figure.centre_field else "path"


def _count_stock(figure, centres, periods):
    values = {(c, STOCK): v for c, v in figure.by_centre(centres).items()}
    values[(PROGRAMME, STOCK)] = figure.aggregate(figure.base())
    return values


def _count_by_period(figure, centres, periods):
    """People counted once: by_centre and a programme aggregate for each period."""
    values = {}
    for name, period in periods:
        for centre, value in figure.by_centre(centres, period.start, period.end).items():
            values[(centre, name)] = value
        records = figure.in_period(figure.base(), period.start, period.end)
        values[(PROGRAMME, name)] = figure.aggregate(records)
    return values


def _count_by_month(figure, centres, periods):
    """Counts and sums: one query grouped by (centre path, month), added up per period and
    per subtree. The months' raw sums are added before rounding (minutes -> hours)."""
    date = figure.date_field
    # In the current time zone, as Figure.in_period compares a date-time's date.
    month = TruncMonth(date)
    rows = (
        figure.base()
        .filter(**{f"{date}__isnull": False})
        .annotate(_month=month)
        .order_by()
        .values(_centre_path(figure), "_month")
        .annotate(_v=figure._aggregation())
        .values_list(_centre_path(figure), "_month", "_v")
    )
    by_path = {c.path: c.pk for c in centres}
    # (centre pk or PROGRAMME, (year, month)) -> raw sum
    raw: dict = defaultdict(lambda: defaultdict(int))
    for path, when, value in rows:
        if when is None or not value:
            continue
        ym = (when.year, when.month)
        raw[PROGRAMME][ym] += value
        if path:
            parts = path.rstrip("/").split("/")
            for i in range(1, len(parts) + 1):
                pk = by_path.get("/".join(parts[:i]) + "/")
                if pk is not None:
                    raw[pk][ym] += value
    values = {}
    for name, period in periods:
        first = (period.start.year, period.start.month)
        last = (period.end.year, period.end.month)
        for owner, months in raw.items():
            total = sum(v for ym, v in months.items() if first <= ym <= last)
            if total:
                values[(owner, name)] = figure._finish(total)
    return values


def count_figure(figure: Figure, centres, today: datetime.date) -> dict:
    """{(centre pk or None, stored period): value} for one figure (zeros may be left out)."""
    periods = counted_periods(figure, today)
    if figure.is_stock:
        return _count_stock(figure, centres, periods)
    if figure.once_per_person:
        return _count_by_period(figure, centres, periods)
    return _count_by_month(figure, centres, periods)


def _write(figure: Figure, values: dict, now, seconds: float) -> int:
    """Make the table hold exactly ``values`` (those other than 0) for the figure; returns
    the number of rows written or removed."""
    wanted = {k: v for k, v in values.items() if v}
    with transaction.atomic():
        refresh, _ = FigureRefresh.objects.select_for_update().get_or_create(
            key=figure.key, defaults={"counted_at": now}
        )
        existing = {
            (centre, period): (pk, value)
            for pk, centre, period, value in FigureValue.objects.filter(key=figure.key).values_list(
                "pk", "centre_id", "period", "value"
            )
        }
        gone = [pk for k, (pk, _v) in existing.items() if k not in wanted]
        changed = []
        new = []
        for (centre, period), value in wanted.items():
            old = existing.get((centre, period))
            if old is None:
                new.append(
                    FigureValue(key=figure.key, centre_id=centre, period=period, value=value)
                )
            elif old[1] != value:
                changed.append(FigureValue(pk=old[0], value=value))
        for start in range(0, len(gone), 5000):
            FigureValue.objects.filter(pk__in=gone[start : start + 5000]).delete()
        FigureValue.objects.bulk_update(changed, ["value"], batch_size=2000)
        FigureValue.objects.bulk_create(new, batch_size=2000)
        refresh.counted_at = now
        refresh.seconds = seconds
        refresh.save(update_fields=["counted_at", "seconds"])
    return len(gone) + len(changed) + len(new)


def refresh_figures(keys=None, today: datetime.date | None = None) -> dict:
    """Count every registered figure (or those of ``keys``) into the summary table.
    Idempotent; returns {"figures", "rows", "failed", "seconds"}."""
    started = time.monotonic()
    today = today or timezone.localdate()
    centres = list(OrgUnit.objects.only("pk", "path"))
    written = 0
    failed = []
    done = 0
    for figure in FIGURES:
        if keys is not None and figure.key not in keys:
            continue
        began = time.monotonic()
        try:
            values = count_figure(figure, centres, today)
            written += _write(figure, values, timezone.now(), time.monotonic() - began)
            done += 1
        except Exception:
            # The previous values stay; the next recount tries again.
            logger.exception("dashboard: counting the figure %s failed", figure.key)
            failed.append(figure.key)
    return {
        "figures": done,
        "rows": written,
        "failed": failed,
        "seconds": round(time.monotonic() - started, 2),
    }
