"""One young person's records across apps, in date order.

Each app registers a ``Source`` in ``<app>/timeline.py``: ``entries(person, viewer)`` yields
``Entry`` rows for ``person`` (a User) that ``viewer`` may see, with a fixed number of
queries (one or two per app, never one per row).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .registry import Registry


@dataclass(frozen=True)
class Entry:
    when: datetime.datetime
    what: Any  # a (lazy) translated sentence
    url: str = ""
    app: str = ""


@dataclass(frozen=True)
class Source:
    app: str
    entries: Callable[[Any, Any], Iterable[Entry]]


SOURCES: Registry[Source] = Registry("timeline", key=lambda s: s.app)
register = SOURCES.register


def timeline(person, viewer, *, limit: int = 50) -> list[Entry]:
    """Newest first."""
    rows: list[Entry] = []
    for source in SOURCES:
        rows.extend(source.entries(person, viewer))
    rows.sort(key=lambda e: e.when, reverse=True)
    return rows[:limit]
