import functools

from django.db.models import Value
from django.http import Http404
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import get_language

from accounts.models import OrgUnit
from core.caching import COUNT_KEPT_FROM, kept_page, remembered
from core.db_router import reads_from_replica
from core.decorators import staff_required
from core.figures import FIGURES
from core.paging import CountedPaginator
from core.periods import PeriodError, parse_period, standard_periods
from core.scoping import in_scope, scope_key, staff_centre

from . import selectors
from .drill import drill_rows
from .refresh import REFRESH_MINUTES


@functools.lru_cache(maxsize=512)
def _month_label(month, language: str) -> str:
    """A chart's month in the language's format ("2026年11月"), written once per process."""
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


def _period(request):
    """The period the request names, or this year and the message saying what was wrong."""
    try:
        return parse_period(request.GET), ""
    except PeriodError as error:
        return parse_period({}), str(error)


def _home_version(request):
    """What the staff home shows besides the viewer and the address (``core.caching.kept_page``):
    the viewer's part of the tree, the day ("this year", the periods offered), when the figures
    were recounted and when the viewer's queues were counted. None for a period counted live."""
    period, _error = _period(request)
    span = selectors.counted_span()
    if selectors.is_live(period, span):
        return None
    return (
        scope_key(request.user),
        timezone.localdate().isoformat(),
        *(moment.isoformat() for moment in span),
        selectors.counted_queues(request.user)["counted_at"].isoformat(),
    )


@staff_required
@reads_from_replica
@kept_page(_home_version, seconds=selectors.KEPT_SECONDS)
def index(request):
    """The staff home: the queue card, the period's figures, trends and the table by centre.
    Kept whole a minute per viewer, address and version (``_home_version``): shown again, it
    is the session and user queries and a lookup in memory."""
    user = request.user
    period, error = _period(request)
    counted = selectors.figures_for(user, period)
    charts = selectors.trends(user, counted["version"])
    chart_data = [
        {
            "key": chart["key"],
            "label": str(chart["label"]),
            "months": [_month_label(m["month"], get_language()) for m in chart["months"]],
            "values": [m["value"] for m in chart["months"]],
        }
        for chart in charts
    ]
    return render(
        request,
        "dashboard/index.html",
        {
            "card": selectors.work_queue_card(user),
            "centre": staff_centre(user) if not user.is_superuser else None,
            "period": period,
            "period_error": error,
            "periods": standard_periods(),
            "figures": counted["figures"],
            "sections": selectors.grouped(counted["figures"]),
            "headline": [f for f in counted["figures"] if f["headline"]],
            "by_centre": counted["by_centre"],
            "counted_at": counted["counted_at"],
            "live": counted["live"],
            "refresh_minutes": REFRESH_MINUTES,
            "charts": charts,
            "chart_data": chart_data,
        },
    )


@staff_required
@reads_from_replica
def figure(request, key):
    if key not in FIGURES:
        raise Http404
    figure = FIGURES.get(key)
    period, error = _period(request)
    centre = None
    if request.GET.get("centre"):
        try:
            centre = OrgUnit.objects.get(pk=int(request.GET["centre"]))
        except (ValueError, OrgUnit.DoesNotExist):
            raise Http404 from None
        if not in_scope(request.user, centre):
            raise Http404
    records = figure.records(request.user, period.start, period.end)
    if centre is not None:
        path = f"{figure.centre_field}__path" if figure.centre_field else "path"
        records = records.filter(**{f"{path}__startswith": centre.path})
    listed, kind = drill_rows(figure, records)
    page = CountedPaginator(listed, 50).get_page(request.GET.get("page"))
    # Like the list's count, the figure over a long list is kept a minute per scope, centre
    # and period (core.caching); over a short one it is always exact.
    value = remembered(
        records.annotate(_figure_value=Value(figure.key)),  # its own key, not the list's count
        lambda: figure.aggregate(records),
        keep=lambda _value: page.paginator.count >= COUNT_KEPT_FROM,
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "dashboard/figure.html",
        {
            "figure": figure,
            "value": value,
            "period": period,
            "period_error": error,
            "centre": centre,
            "page": page,
            "rows": kind.rows(page.object_list),
            "people": kind.people,
            "query": query.urlencode(),
            "dashboard_query": period.query(),
        },
    )


@staff_required
@reads_from_replica
def queues(request):
    """Every work queue of the viewer, each paged on its own (``?queue=<key>&page=<n>``)."""
    paged = request.GET.get("queue", "")
    entries = selectors.queue_pages(
        request.user, paged_key=paged, page_number=request.GET.get("page")
    )
    return render(request, "dashboard/queues.html", {"queues": entries})
