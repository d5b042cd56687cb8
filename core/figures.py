"""The programme's figures, declared by the apps that hold the records behind them.

Each app registers ``Figure``s in ``<app>/figures.py``. A figure says how it is counted
(``explanation``, shown on the staff home), counts for a viewer's part of the centre tree
(``records(user)`` is the queryset of the records behind the number, already scoped; the count
is its ``count()`` unless ``count`` is given), and where its records are listed (``url``,
a drill-down link with the filter applied). The staff home shows what is registered.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .registry import Registry


@dataclass(frozen=True)
class Figure:
    key: str  # "<app>.<name>"
    label: Any
    explanation: Any
    records: Callable[[Any], Any]  # user -> QuerySet, scoped to the user's centres
    order: int = 100
    url: Callable[[], str] | None = None
    count: Callable[[Any], int] | None = None
    headline: bool = False  # one of the programme's headline figures (highlighted)

    def value(self, user) -> int:
        return self.count(user) if self.count else self.records(user).count()


FIGURES: Registry[Figure] = Registry("figures", key=lambda f: f.key, sort=lambda f: f.order)
register = FIGURES.register


def values_for(user) -> list[tuple[Figure, int]]:
    return [(figure, figure.value(user)) for figure in FIGURES]
