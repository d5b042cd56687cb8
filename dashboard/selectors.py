"""Figures for the staff home, always limited to the viewer's part of the centre tree.

Counting them at city scale takes a few hundred milliseconds (four full-table aggregates, one
a 9-way OR), too long for the page staff open first. So they are counted at most every
FIGURES_MAX_AGE per part of the tree, kept in the default cache (shared by every process, so
everyone looking at one centre sees the same numbers) and shown with the time they were
counted. Figures therefore depend only on the viewer's scope: their centre, or all of them
for a superuser (as ``core.scoping`` decides).
"""

import datetime

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.translation import get_language

from accounts.models import OrgUnit, YouthProfile
from core.caching import local
from core.figures import FIGURES, values_for
from core.queues import QUEUES, queues_for
from core.scoping import centre_q, staff_centre

FIGURES_MAX_AGE = datetime.timedelta(minutes=5)
NEAR_SECONDS = 30


def _scope_key(user) -> str:
    centre = staff_centre(user)
    return f"dashboard:{'all' if user.is_superuser else ''}:{centre.path if centre else ''}"


def overview(user) -> dict:
    """``figures`` and ``by_centre`` as below, and ``counted_at``: when they were counted."""
    key = _scope_key(user)
    # A copy in this process's memory for a few seconds first, then the shared one: both
    # hold the same counting, so every process shows the same numbers and time.
    near = local()
    counted = near.get(key) if near is not None else None
    if counted is None:
        counted = cache.get(key)
        if counted is None:
            counted = {
                "counted_at": timezone.now(),
                "values": {figure.key: value for figure, value in values_for(user)},
                "by_centre": youth_by_centre(user),
            }
            cache.set(key, counted, int(FIGURES_MAX_AGE.total_seconds()))
        if near is not None:
            age = (timezone.now() - counted["counted_at"]).total_seconds()
            left = int(FIGURES_MAX_AGE.total_seconds() - age)
            if left > 0:
                near.set(key, counted, min(left, NEAR_SECONDS))
    return {
        # The figures are the counted values of this part of the tree at this time:
        # the page's part written from them is kept by {% keep %} under the same two.
        "scope": key,
        "figures": figures(user, counted["values"]),
        "by_centre": counted["by_centre"],
        "counted_at": counted["counted_at"],
        "max_age_minutes": int(FIGURES_MAX_AGE.total_seconds() // 60),
    }


def figures(user, values: dict | None = None) -> list[dict]:
    """Every registered figure for the viewer's part of the tree (core.figures), counted now
    unless ``values`` (by key) are given."""
    if values is None:
        values = {figure.key: value for figure, value in values_for(user)}
    return [
        {
            "key": figure.key,
            "label": figure.label,
            "explanation": figure.explanation,
            "value": values[figure.key],
            "url": _figure_url(figure),
            "headline": figure.headline,
        }
        for figure in FIGURES
        if figure.key in values
    ]


_figure_urls: dict[tuple, str] = {}


def _figure_url(figure) -> str:
    """A figure's (or a queue's) drill-down link never changes while the process runs:
    reversed once."""
    if not figure.url:
        return ""
    key = (figure.key, get_script_prefix())
    url = _figure_urls.get(key)
    if url is None:
        url = _figure_urls[key] = figure.url()
    return url


def youth_by_centre(user) -> list[dict]:
    """Youth per centre one level below the viewer's (towns for the district)."""
    centre = staff_centre(user)
    if centre is None:  # superuser without a centre: the districts' towns
        children = OrgUnit.objects.filter(level=OrgUnit.Level.TOWN)
    else:
        children = OrgUnit.objects.filter(parent=centre)
    rows = []
    totals = dict(
        YouthProfile.objects.filter(centre_q(user, "home_centre"))
        .values_list("home_centre__path")
        .annotate(n=Count("pk"))
    )
    for child in children.order_by("path"):
        count = sum(n for path, n in totals.items() if path and path.startswith(child.path))
        rows.append({"centre": child, "count": count})
    return rows


# --- Work queues (core.queues) ----------------------------------------------------------------

QUEUE_CARD_ITEMS = 5
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
        "url": _figure_url(queue),
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


# The card on the staff home is kept a minute per person and language: 18 queues are 18
# queries (each cheap, from an index), too many for the page staff open first on every visit.
# The full page (/staff/queues/) is always counted when opened.
QUEUE_CARD_MAX_AGE = datetime.timedelta(minutes=1)


def work_queue_card(user) -> dict:
    """``queues`` as ``work_queues(user)`` gives them, counted at most every
    QUEUE_CARD_MAX_AGE (``counted_at`` says when) and kept in the shared cache."""
    key = f"dashboard:queues:{user.pk}:{get_language()}"
    counted = cache.get(key)
    if counted is None:
        entries = work_queues(user)
        # Labels and explanations are read from the registry again: only data is kept.
        rows = [{k: e[k] for k in ("key", "count", "items")} for e in entries]
        counted = {"counted_at": timezone.now(), "rows": rows}
        cache.set(key, counted, int(QUEUE_CARD_MAX_AGE.total_seconds()))
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
