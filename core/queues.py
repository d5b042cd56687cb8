"""Work queues: what awaits a staff member, declared by the apps that hold the records.

Each app registers ``Queue``s in ``<app>/queues.py``. A queue says what is in it and why it
awaits action (``explanation``, shown on the staff home and the queues page), which records
await this staff member (``records(user)``: a queryset already scoped to the user's part of the
centre tree through the app's ``visible_to``, preferring what is assigned to them or to nobody
where the app assigns work to a person, and **ordered most urgent first**), how one item is
shown (``item_label(obj)`` and ``item_url(obj)``: no personal data beyond what the app's own list
shows; ``due(obj)``: the date it is due or has waited since, and ``urgent(obj)``: whether it is
past its deadline), and where the app lists the same items (``url()``, its list with the filter
applied). ``select`` names the relations ``item_label`` reads (``select_related``) so a queue's
items cost one query.

Queues are for staff only: ``visible(user)`` (staff by default) may narrow them further, e.g.
to coordinators. ``dashboard.selectors`` reads them: one query per queue, whatever the rows.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .registry import Registry
from .scoping import is_staff_member


@dataclass(frozen=True)
class Queue:
    key: str  # "<app>.<name>"
    label: Any
    explanation: Any
    records: Callable[[Any], Any]  # user -> QuerySet, scoped, most urgent first
    item_label: Callable[[Any], str]
    item_url: Callable[[Any], str]
    url: Callable[[], str]
    due: Callable[[Any], Any] | None = None  # obj -> date/datetime shown beside the item
    urgent: Callable[[Any], bool] | None = None  # obj -> past its deadline
    order: int = 100
    visible: Callable[[Any], bool] = is_staff_member

    def for_user(self, user) -> bool:
        return is_staff_member(user) and self.visible(user)


QUEUES: Registry[Queue] = Registry("queues", key=lambda q: q.key, sort=lambda q: q.order)
register = QUEUES.register


def queues_for(user) -> list[Queue]:
    """The queues this person sees, in order; none for anyone who is not staff."""
    if not is_staff_member(user):
        return []
    return [queue for queue in QUEUES if queue.visible(user)]
