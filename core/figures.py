"""The programme's figures, declared by the apps that hold the records behind them.

Each app registers ``Figure``s in ``<app>/figures.py``; the dashboard counts them for a viewer's
part of the centre tree and a period, keeps them current in a summary table, draws their monthly
trend, breaks them down by centre and lists the records behind each number (the drill-down).

How a figure is counted is declared, not coded, so that the live count, the summary table, the
drill-down list, the export and the generated work report all count the same way:

- ``base()``: every record behind the figure, unscoped (e.g. ``Placement.objects.all()``,
  already filtered to the outcome: ``status="resolved"``). The dashboard scopes it with
  ``centre_field`` and limits it to a period with ``date_field``.
- ``centre_field``: the path to the record's centre (a FK to ``accounts.OrgUnit``), e.g.
  ``"youth__home_centre"``; it decides whose figure the record is and where it falls in the
  breakdown by centre.
- ``date_field``: when the outcome happened (a DateField or DateTimeField path), e.g.
  ``"start_date"``; the figure for a period counts records whose date falls in it. ``None`` for a
  stock figure (mentors on the books, newsstands open): counted as of now, whatever the period.
- ``distinct``: a field counted once (``"youth_id"``): a young person with several outcomes of
  this kind counts once. ``None``: each record counts.
- ``total``: a numeric field summed instead of counted (``"amount_recovered"``: yuan), divided
  by ``per`` and rounded (``total="minutes", per=60``: hours).
- ``unit``: how the value reads: ``"count"``, ``"yuan"`` or ``"hours"``.
- ``group``: the section of the dashboard the figure is shown in (``core.figures.GROUPS``).
- ``url``: the app's own list of these records (a "see them in the app" link beside the
  dashboard's drill-down).

Outcomes across services. A young person helped into a job may show up in several apps (a job
placement, an order-based trainee hired by the commissioning enterprise, an intern kept on by
the host); the programme counts the person once per outcome kind. Apps register
``OutcomeSource``s (``register_source``: the outcome kind of ``OUTCOMES``, the records, the path
to the young person's ``User`` and the outcome's date) from their ``figures.py``; an
``OutcomeFigure`` (registered by ``accounts``, whose base is ``YouthProfile``) counts the young
people, by home centre, with at least one source record of its kind in the period. No app
imports another: the sources meet only in this registry.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .registry import Registry
from .scoping import centre_q

# The sections of the staff home, in order: (key, label).
GROUPS = [
    ("projects", _("Venture projects")),
    ("youth", _("Young people")),
    ("training", _("Training")),
    ("mentors", _("Mentors")),
    ("loans", _("Microloans")),
    ("internships", _("Internship station")),
    ("jobs", _("Jobs")),
    ("guidance", _("Guidance and rights protection")),
    ("facilities", _("Book club and newsstands")),
    ("centres", _("Youth centres")),
]
UNITS = ("count", "yuan", "hours")
# The kinds of outcome a young person is counted once for, whichever services recorded it.
OUTCOMES = {
    "job": _("Helped into a job"),
    "self_employed": _("Helped into self-employment"),
}


@dataclass(frozen=True)
class Figure:
    key: str  # "<app>.<name>"
    label: Any
    explanation: Any  # how it is counted, in a sentence shown beside the number
    base: Callable[[], Any]  # () -> QuerySet of every record behind the figure (unscoped)
    centre_field: str  # path to the record's OrgUnit FK
    date_field: str | None = None  # when the outcome happened; None: a stock figure (as of now)
    distinct: str | None = None  # counted once per value of this field (a person)
    total: str | None = None  # summed instead of counted
    per: int = 1  # a summed total is divided by this and rounded (minutes -> hours: 60)
    unit: str = "count"
    group: str = "youth"
    order: int = 100
    url: Callable[[], str] | None = None
    headline: bool = False  # one of the programme's headline figures (highlighted)

    def records(self, user, start=None, end=None):
        """The records behind the figure in the viewer's part of the tree, and if ``start``
        and ``end`` (dates, both inclusive) are given and the figure has a date, in that period."""
        queryset = self.base().filter(centre_q(user, self.centre_field))
        return self.in_period(queryset, start, end)

    def in_period(self, queryset, start=None, end=None):
        if self.date_field is None or start is None or end is None:
            return queryset
        return queryset.filter(_between(queryset.model, self.date_field, start, end))

    def aggregate(self, queryset) -> int:
        """The figure's value over ``queryset`` (records already scoped and in the period)."""
        if not self.total and not self.distinct:
            return queryset.count()
        return self._finish(queryset.aggregate(v=self._aggregation())["v"])

    def _aggregation(self):
        from django.db.models import Count, Sum

        if self.total:
            return Sum(self.total)
        if self.distinct:
            return Count(self.distinct, distinct=True)
        return Count("pk")

    def _finish(self, value) -> int:
        value = value or 0
        if self.total:  # yuan and hours: rounded to the nearest whole one, never cut off
            return int(round(value / self.per))
        return int(value)

    def by_centre(self, centres, start=None, end=None) -> dict[int, int]:
        """The figure for each of ``centres`` (OrgUnits): the records of its subtree, in the
        period if given, a person counted once per subtree. One query per path length (one
        per level of the tree), whatever the number of centres or records."""
        from django.db.models.functions import Substr

        path = f"{self.centre_field}__path" if self.centre_field else "path"
        by_length: dict[int, dict[str, int]] = {}
        for centre in centres:
            by_length.setdefault(len(centre.path), {})[centre.path] = centre.pk
        values: dict[int, int] = dict.fromkeys((c.pk for c in centres), 0)
        for length, pks in by_length.items():
            rows = (
                self.in_period(self.base(), start, end)
                .annotate(_prefix=Substr(path, 1, length))
                .filter(_prefix__in=list(pks))
                .order_by()
                .values("_prefix")
                .annotate(_v=self._aggregation())
                .values_list("_prefix", "_v")
            )
            for prefix, value in rows:
                values[pks[prefix]] = self._finish(value)
        return values

    def value(self, user, start=None, end=None) -> int:
        """Counted live from the records (the dashboard reads its summary table instead)."""
        return self.aggregate(self.records(user, start, end))

    @property
    def once_per_person(self) -> bool:
        """Does a young person count at most once (rather than each record)?"""
        return self.distinct is not None

    @property
    def is_stock(self) -> bool:
        """Counted as of now, whatever the period (read this, not ``date_field is None``:
        an ``OutcomeFigure`` has no date of its own but counts per period)."""
        return self.date_field is None


@dataclass(frozen=True)
class OutcomeSource:
    """Records of one service that show a young person reached an outcome (``OUTCOMES``)."""

    key: str  # "<app>.<name>"
    outcome: str  # a key of OUTCOMES
    label: Any  # what the records are, shown in the figure's explanation
    base: Callable[[], Any]  # () -> QuerySet of the records (unscoped)
    person_field: str  # path to the young person's User (e.g. "youth", "lead")
    # When the outcome happened; None: it holds now (a profile's status), whatever the period.
    date_field: str | None = None

    def people(self, start=None, end=None):
        """The ids of the young people (``User`` pks) with a record in the period."""
        queryset = self.base().filter(**{f"{self.person_field}__isnull": False})
        if self.date_field is not None and start is not None and end is not None:
            queryset = queryset.filter(_between(queryset.model, self.date_field, start, end))
        return queryset.order_by().values(self.person_field)


OUTCOME_SOURCES: "Registry[OutcomeSource]" = Registry("outcome sources", key=lambda s: s.key)
register_source = OUTCOME_SOURCES.register


@dataclass(frozen=True)
class OutcomeFigure(Figure):
    """The young people with an outcome of one kind, each once however many services recorded
    it: ``base`` gives the young people (``YouthProfile``), ``centre_field`` their home centre,
    ``person_field`` their ``User``; a person counts in a period when at least one registered
    source of ``outcome`` has a record of theirs dated in it (or an undated one that holds now).
    ``date_field`` is unused: the sources carry the dates."""

    outcome: str = ""
    person_field: str = "user"

    def sources(self) -> list[OutcomeSource]:
        return [s for s in OUTCOME_SOURCES if s.outcome == self.outcome]

    def in_period(self, queryset, start=None, end=None):
        match = Q(pk__in=[])
        for source in self.sources():
            match |= Q(**{f"{self.person_field}__in": source.people(start, end)})
        return queryset.filter(match)

    @property
    def once_per_person(self) -> bool:
        return True

    @property
    def is_stock(self) -> bool:
        return False


def _between(model, field: str, start, end) -> Q:
    """``field`` on one of the days ``start``..``end`` (both included). A DateTimeField is
    compared with the local midnights around the days (not ``__date``, which no index on the
    column can serve): the same records, read from the index."""
    if not _is_datetime(model, field):
        return Q(**{f"{field}__gte": start, f"{field}__lte": end})
    import datetime

    from django.utils import timezone

    first = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    after = timezone.make_aware(
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min)
    )
    return Q(**{f"{field}__gte": first, f"{field}__lt": after})


def _is_datetime(model, path: str) -> bool:
    from django.db import models

    field = None
    for part in path.split("__"):
        field = model._meta.get_field(part)
        if field.is_relation:
            model = field.related_model
    return isinstance(field, models.DateTimeField)


FIGURES: Registry[Figure] = Registry("figures", key=lambda f: f.key, sort=lambda f: f.order)
register = FIGURES.register


def values_for(user, start=None, end=None) -> list[tuple[Figure, int]]:
    return [(figure, figure.value(user, start, end)) for figure in FIGURES]
