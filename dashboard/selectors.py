"""The staff home's reads: the figures of the viewer's part of the centre tree for a period.

Standard periods (this year, last year, quarters, all time) are read from the summary table
(``FigureValue``, kept current by dashboard/refresh.py): a few indexed queries whatever the
number of records. A custom period is counted live from the records (``live``), with
``Figure.by_centre``: one query per figure and tree level. Superusers see the whole programme
(``centre`` None), staff their centre's subtree (core.scoping).
"""

import datetime
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Max, Min, Window
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import get_language

from accounts.models import OrgUnit
from core.caching import kept, local, memo, memo_get, memo_set
from core.figures import FIGURES, GROUPS
from core.periods import Period
from core.queues import QUEUES, queues_for
from core.scoping import scope_key, staff_centre

from .models import FigureRefresh, FigureValue
from .refresh import (
    REFRESH_MINUTES,
    STOCK,
    TREND_KEYS,
    month_key,
    stored_key,
    trend_months,
)

# Months drawn in a trend chart (the table keeps TREND_MONTHS).
TREND_SHOWN = 12
# A figures_for() result is kept this long per scope, period and recount in each process.
KEPT_SECONDS = 60


def viewer_centre(user):
    """The centre whose subtree the viewer's figures count; None: the whole programme."""
    if user.is_superuser:
        return None
    return staff_centre(user)


def children_of(user) -> list:
    """The centres one level below the viewer's (the districts for the whole programme)."""
    centre = viewer_centre(user)
    if centre is None:
        return list(OrgUnit.objects.filter(parent__isnull=True).only("pk", "name", "path"))
    return list(OrgUnit.objects.filter(parent=centre).only("pk", "name", "path"))


def drill_url(key: str, period: Period, centre=None) -> str:
    url = reverse("dashboard:figure", args=[key]) + "?" + period.query()
    if centre is not None:
        url += "&" + urlencode({"centre": centre.pk})
    return url


def is_live(period: Period, span) -> bool:
    """Whether ``figures_for`` counts ``period`` from the records (a custom period, or no
    recount has run yet) rather than reading the summary table."""
    return stored_key(period) is None or span[0] is None


# How long a process may go on showing the previous recount after a new one is written.
SPAN_SECONDS = 5


def counted_span():
    """(oldest, newest) time a figure was counted into the table; (None, None) before the
    first recount. Read at most every SPAN_SECONDS per process (every page shows it)."""
    return memo(("counted_span",), _counted_span, SPAN_SECONDS)


def _counted_span():
    span = FigureRefresh.objects.aggregate(oldest=Min("counted_at"), newest=Max("counted_at"))
    return span["oldest"], span["newest"]


def figures_for(user, period: Period) -> dict:
    """The viewer's figures for ``period``:

    - ``figures``: a dict per registered figure (``key``, ``label``, ``explanation``,
      ``value``, ``unit``, ``group``, ``headline``, ``drill``: the drill-down URL with the
      period, ``url``: the app's own list or "");
    - ``by_centre``: a row per centre one level down (``centre``, ``values`` by key,
      ``cells``: the headline figures' ``key``, ``value`` and ``drill`` in order);
    - ``counted_at``: when the values were counted (the oldest figure's recount);
    - ``live``: counted from the records for this request (a custom period, or no recount
      has run yet);
    - ``version``: the newest recount's time ("" when live), for keeping what is written
      from these values.
    """
    oldest, newest = counted_span()
    stored = stored_key(period)
    if is_live(period, (oldest, newest)):
        result = _assemble(user, period, *_live_values(user, period), timezone.now(), True)
        return {**_with_words(result), "version": ""}
    parts = (
        "figures_for",
        scope_key(user),
        period.query(),
        oldest.isoformat(),
        newest.isoformat(),
        get_script_prefix(),
    )
    result = kept(
        parts,
        lambda: _assemble(user, period, *_stored_values(user, stored), oldest, False),
        KEPT_SECONDS,
    )
    # What the kept part of the page depends on besides the scope and period: a recount of
    # only some figures moves the newest time, not the oldest.
    return {**_with_words(result), "version": newest.isoformat()}


def _with_words(result: dict) -> dict:
    """The figures' label and explanation, added after the kept numbers are read: kept, each
    lazy translation was unpickled into a new class (≈ 45 ms a request for 45 figures)."""
    figures = []
    for entry in result["figures"]:
        figure = FIGURES.get(entry["key"])
        figures.append({**entry, "label": figure.label, "explanation": figure.explanation})
    return {**result, "figures": figures}


def _stored_values(user, stored: str):
    centre = viewer_centre(user)
    children = children_of(user)
    periods = [stored, STOCK]
    own = FigureValue.objects.filter(period__in=periods)
    own = own.filter(centre__isnull=True) if centre is None else own.filter(centre=centre)
    values = dict(own.values_list("key", "value"))
    headline = [f.key for f in FIGURES if f.headline]
    child_values: dict[int, dict] = {c.pk: {} for c in children}
    for centre_id, key, value in FigureValue.objects.filter(
        centre__in=[c.pk for c in children], period__in=periods, key__in=headline
    ).values_list("centre_id", "key", "value"):
        child_values[centre_id][key] = value
    return values, children, child_values


def _live_values(user, period: Period):
    centre = viewer_centre(user)
    children = children_of(user)
    centres = children + ([centre] if centre is not None else [])
    values: dict[str, int] = {}
    child_values: dict[int, dict] = {c.pk: {} for c in children}
    for figure in FIGURES:
        counted = figure.by_centre(centres, period.start, period.end)
        for child in children:
            child_values[child.pk][figure.key] = counted[child.pk]
        if centre is None:
            records = figure.in_period(figure.base(), period.start, period.end)
            values[figure.key] = figure.aggregate(records)
        else:
            values[figure.key] = counted[centre.pk]
    return values, children, child_values


def _assemble(user, period, values, children, child_values, counted_at, live) -> dict:
    figures = [
        {
            "key": figure.key,
            "value": values.get(figure.key, 0),
            "unit": figure.unit,
            "group": figure.group,
            "headline": figure.headline,
            "stock": figure.is_stock,
            "drill": drill_url(figure.key, period),
            "url": figure.url() if figure.url else "",
        }
        for figure in FIGURES
    ]
    headline = [f for f in figures if f["headline"]]
    rows = []
    for child in children:
        own = child_values.get(child.pk, {})
        rows.append(
            {
                "centre": child,
                "values": {f["key"]: own.get(f["key"], 0) for f in headline},
                "cells": [
                    {
                        "key": f["key"],
                        "unit": f["unit"],
                        "value": own.get(f["key"], 0),
                        "drill": drill_url(f["key"], period, child),
                    }
                    for f in headline
                ],
            }
        )
    return {"figures": figures, "by_centre": rows, "counted_at": counted_at, "live": live}


def grouped(figures: list[dict]) -> list[dict]:
    """The figures in the sections of core.figures.GROUPS (empty sections left out)."""
    sections = []
    for key, label in GROUPS:
        shown = [f for f in figures if f["group"] == key]
        if shown:
            sections.append({"key": key, "label": label, "figures": shown})
    return sections


def trends(user, version: str = "", today: datetime.date | None = None) -> list[dict]:
    """Monthly values of the trend figures for the viewer's subtree over the last TREND_SHOWN
    months, from the summary table (one query, kept like figures_for under ``version``, the
    newest recount's time): [{key, label, unit, months: [{month, value}]}]."""
    if not version:
        charts = _trends(user, today)
    else:
        parts = ("trends", scope_key(user), version, (today or timezone.localdate()).isoformat())
        charts = kept(parts, lambda: _trends(user, today), KEPT_SECONDS)
    # Only numbers are kept: a kept lazy translation is unpickled into a new class each time.
    return [
        {**chart, "label": FIGURES.get(chart["key"]).label, "unit": FIGURES.get(chart["key"]).unit}
        for chart in charts
        if chart["key"] in FIGURES
    ]


def _trends(user, today=None) -> list[dict]:
    months = trend_months(today)[-TREND_SHOWN:]
    keys = [month_key(m) for m in months]
    centre = viewer_centre(user)
    rows = FigureValue.objects.filter(key__in=TREND_KEYS, period__in=keys)
    rows = rows.filter(centre__isnull=True) if centre is None else rows.filter(centre=centre)
    found = {(k, p): v for k, p, v in rows.values_list("key", "period", "value")}
    charts = []
    for key in TREND_KEYS:
        if key not in FIGURES:
            continue
        charts.append(
            {
                "key": key,
                "months": [
                    {"month": m, "value": found.get((key, month_key(m)), 0)} for m in months
                ],
            }
        )
    return charts


__all__ = ["REFRESH_MINUTES", "figures_for", "grouped", "trends", "drill_url"]


# --- Work queues (core.queues) ----------------------------------------------------------------

QUEUE_CARD_ITEMS = 5
_queue_urls: dict[tuple, str] = {}


def _queue_url(queue) -> str:
    """A queue's link to its app's list never changes while the process runs: reversed once."""
    if not queue.url:
        return ""
    key = (queue.key, get_script_prefix())
    url = _queue_urls.get(key)
    if url is None:
        url = _queue_urls[key] = queue.url()
    return url


QUEUE_PAGE_SIZE = 20


def _queue_item(queue, obj) -> dict:
    return {
        "label": queue.item_label(obj),
        "url": queue.item_url(obj),
        "due": queue.due(obj) if queue.due else None,
        "urgent": bool(queue.urgent(obj)) if queue.urgent else False,
    }


def _queue_entry(queue, count: int, items: list) -> dict:
    return {
        "key": queue.key,
        "label": queue.label,
        "explanation": queue.explanation,
        "count": count,
        "items": [_queue_item(queue, obj) for obj in items],
        "url": _queue_url(queue),
    }


def work_queues(user, limit: int = QUEUE_CARD_ITEMS) -> list[dict]:
    """The non-empty queues awaiting ``user`` (staff only): each with its count and its first
    ``limit`` items, most urgent first. One query per queue, whatever the number of rows: the
    count rides on the first rows as a window aggregate (``COUNT(*) OVER ()`` is computed before
    the LIMIT), and a queue without rows has nothing to count."""
    entries = []
    for queue in queues_for(user):
        rows = list(queue.records(user).annotate(queue_total=Window(Count("pk")))[:limit])
        if rows:
            entries.append(_queue_entry(queue, rows[0].queue_total, rows))
    return entries


# The card on the staff home is kept five minutes per person and language: 18 queues are 18
# queries, too many for the page staff open first on every visit, and at city scale the
# superuser's take about a second (sessions without attendance: an anti-join over every past
# session). The card says when it was counted; the full page (/staff/queues/) is always
# counted when opened.
QUEUE_CARD_MAX_AGE = datetime.timedelta(minutes=5)


def counted_queues(user) -> dict:
    """The counts and first items of ``user``'s queues: ``{"counted_at", "rows"}``, counted at
    most every QUEUE_CARD_MAX_AGE and kept in the shared cache; each process also keeps its
    copy until that copy is due (so a page shown again reads no cache table)."""
    key = f"dashboard:queues:{user.pk}:{get_language()}"
    here = local() is not None
    counted = memo_get((key,)) if here else None
    if counted is not None:
        return counted
    counted = cache.get(key)
    if counted is None:
        entries = work_queues(user)
        # Labels and explanations are read from the registry again: only data is kept.
        rows = [{k: e[k] for k in ("key", "count", "items")} for e in entries]
        counted = {"counted_at": timezone.now(), "rows": rows}
        cache.set(key, counted, int(QUEUE_CARD_MAX_AGE.total_seconds()))
    left = int((counted["counted_at"] + QUEUE_CARD_MAX_AGE - timezone.now()).total_seconds())
    if here and left >= 1:
        memo_set((key,), counted, left)
    return counted


def work_queue_card(user) -> dict:
    """``queues`` as ``work_queues(user)`` gives them, from ``counted_queues`` (``counted_at``
    says when they were counted)."""
    counted = counted_queues(user)
    shown = []
    for row in counted["rows"]:
        if row["key"] not in QUEUES:
            continue
        queue = QUEUES.get(row["key"])
        shown.append({**_queue_entry(queue, row["count"], []), "items": row["items"]})
    return {
        "queues": shown,
        "counted_at": counted["counted_at"],
        "max_age_minutes": int(QUEUE_CARD_MAX_AGE.total_seconds() // 60),
    }


def queue_pages(user, *, paged_key: str = "", page_number=None) -> list[dict]:
    """Every queue of ``user``, empty ones too, each with a page of its items: page
    ``page_number`` of the queue ``paged_key``, the first page of the others. Two queries per
    non-empty queue (its count and its page), one per empty one."""
    entries = []
    for queue in queues_for(user):
        number = page_number if queue.key == paged_key else 1
        page = Paginator(queue.records(user), QUEUE_PAGE_SIZE).get_page(number)
        entry = _queue_entry(queue, page.paginator.count, list(page.object_list))
        entry["page"] = page
        entries.append(entry)
    return entries
