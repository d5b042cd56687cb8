"""One young person's records across apps, in date order.

Each app registers a ``Source`` in ``<app>/timeline.py``. A source gives ``parts(person,
viewer)``: ``Part`` rows, each a queryset of the records of ``person`` (a User) that
``viewer`` may see, newest first, with the ``fields`` an entry needs and ``make(row)`` that
turns one row (a dict of those fields) into an ``Entry``. All parts of all sources are asked
in ONE query (a UNION ALL of each part's newest rows), compiled once per viewer and prepared
on PostgreSQL (core/prepared.py): the young person's home and the staff's youth page used to
ask one or two queries per app. A source that needs no query (``entries(person, viewer)``,
e.g. from the already loaded profile) may give entries directly.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import IntegerField, Value
from django.db.models.functions import JSONObject
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from .prepared import KeptQueries
from .registry import Registry
from .scoping import scope_key


@dataclass(frozen=True)
class Entry:
    when: datetime.datetime
    what: Any  # a (lazy) translated sentence
    url: str = ""
    app: str = ""


@dataclass(frozen=True)
class Part:
    """``queryset``: ordered newest first, not sliced (``limit`` cuts it); ``fields``: name ->
    field path (or expression) of what ``make`` reads from each row."""

    queryset: Any
    fields: dict[str, Any]
    make: Callable[[dict], Entry]
    limit: int = 50


@dataclass(frozen=True)
class Source:
    app: str
    entries: Callable[[Any, Any], Iterable[Entry]] | None = None
    parts: Callable[[Any, Any], list[Part]] | None = None


SOURCES: Registry[Source] = Registry("timeline", key=lambda s: s.app)
register = SOURCES.register


def moment(value) -> datetime.datetime | None:
    """A date-time read from a part's row (JSON gives it as text), aware."""
    if value is None or isinstance(value, datetime.datetime):
        return value
    parsed = parse_datetime(value)
    if parsed is None:  # a date
        parsed = datetime.datetime.combine(parse_date(value), datetime.time.min)
        return timezone.make_aware(parsed)
    return parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=datetime.UTC)


def day(value) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    return parse_date(value[:10])


# The union of every part, per viewer (their scope decides the SQL) and database connection;
# the person is the one value that changes.
_KEPT = KeptQueries(generic=True)
_MAKERS: dict[Any, list[tuple[str, Callable[[dict], Entry]]]] = {}


def _querysets(parts: list[tuple[str, Part]]) -> list:
    return [
        part.queryset.annotate(
            yv_part=Value(number, output_field=IntegerField()),
            yv_row=JSONObject(**part.fields),
        ).values_list("yv_part", "yv_row")[: part.limit]
        for number, (_app, part) in enumerate(parts)
    ]


def _parts(person, viewer) -> list[tuple[str, Part]]:
    return [
        (source.app, part)
        for source in SOURCES
        if source.parts
        for part in source.parts(person, viewer)
    ]


def _makers(parts) -> list[tuple[str, Callable[[dict], Entry]]]:
    return [(app, part.make) for app, part in parts]


def _rows(person, viewer) -> list[tuple[str, Callable, dict]]:
    """(app, make, row) of every part, in the parts' order and each part's order."""
    connection = connections["default"]
    if not connection.features.supports_slicing_ordering_in_compound:
        # SQLite (the tests' default): each part on its own.
        parts = _parts(person, viewer)
        makers = _makers(parts)
        return [
            (*makers[number], row) for queryset in _querysets(parts) for number, row in queryset
        ]
    key = (scope_key(viewer), viewer.pk)

    def build(marker):
        ghost = person._meta.model(pk=marker)
        ghost._state.adding = False
        parts = _parts(ghost, viewer)
        if len(_MAKERS) >= 512:
            _MAKERS.clear()
        _MAKERS[key] = _makers(parts)
        first, *rest = _querysets(parts)
        return first.union(*rest, all=True) if rest else first

    rows = _KEPT.run(key, build, value=person.pk)
    makers = _MAKERS.get(key)
    if makers is None:  # forgotten since it was compiled
        makers = _makers(_parts(person, viewer))
        _MAKERS[key] = makers
    rows = sorted(rows, key=lambda row: row[0])  # stable: each part keeps its order
    return [(*makers[number], row) for number, row in rows]


def timeline(person, viewer, *, limit: int = 50) -> list[Entry]:
    """Newest first."""
    made: dict[str, list[Entry]] = {}
    if any(source.parts for source in SOURCES):
        for app, make, row in _rows(person, viewer):
            made.setdefault(app, []).append(make(row))
    rows: list[Entry] = []
    for source in SOURCES:  # in the sources' order, as the sort below keeps it among equals
        rows.extend(made.get(source.app, ()))
        if source.entries:
            rows.extend(source.entries(person, viewer))
    rows.sort(key=lambda e: e.when, reverse=True)
    return rows[:limit]
