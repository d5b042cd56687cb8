"""The base's extension points. Each is a small ``Registry`` filled from ``<app>/<module>.py``
files, which ``core`` imports for every installed app when Django starts
(``CoreConfig.ready``), so that the base never names an app above it.

| registry                      | filled from               | read by                          |
|-------------------------------|---------------------------|----------------------------------|
| ``core.personal_data.PARTS``  | ``<app>/personal_data.py``| data download, erasure (accounts)|
| ``core.seeding.SEEDS``        | ``<app>/seed.py``         | ``manage.py seed_demo``          |
| ``core.timeline.SOURCES``     | ``<app>/timeline.py``     | youth pages (accounts)           |
| ``core.figures.FIGURES``      | ``<app>/figures.py``      | the staff home (dashboard)       |
| ``core.queues.QUEUES``        | ``<app>/queues.py``       | work queues (dashboard)          |
| ``core.menu.ENTRIES``         | ``<app>/menu.py``         | the navigation bar (base.html)   |
| ``audit.actions.ACTIONS``     | ``<app>/audit_actions.py``| the audit log's labels and filter|
| ``notifications.registry``    | ``<app>/reminders.py``    | the outbox and its reminders     |
| ``core.roles.ROLES``          | ``<app>/roles.py``        | home pages, menus, two-factor    |
| ``accounts.invitations.KINDS``| ``<app>/invitations.py``  | what accepting an invitation gives|
| ``core.exports.EXPORTS``      | ``<app>/exports.py``      | Excel/CSV exports (dashboard)    |
"""

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")

# The modules CoreConfig.ready() imports from every installed app, in this order.
DISCOVERED_MODULES = (
    "roles",
    "audit_actions",
    "invitations",
    "personal_data",
    "seed",
    "timeline",
    "figures",
    "queues",
    "menu",
    "exports",
)


class Registry(Generic[T]):
    """Items keyed by ``key(item)``; registering the same key twice is a programming error."""

    def __init__(self, name: str, key: Callable[[T], str], sort: Callable[[T], object] = None):
        self.name = name
        self._key = key
        self._sort = sort
        self._items: dict[str, T] = {}

    def register(self, item: T) -> T:
        key = self._key(item)
        if key in self._items:
            raise ValueError(f"{self.name}: {key!r} is registered twice")
        self._items[key] = item
        return item

    def unregister(self, key: str) -> None:
        """For tests that register a temporary item."""
        self._items.pop(key, None)

    def get(self, key: str) -> T:
        return self._items[key]

    def __contains__(self, key: str) -> bool:
        return key in self._items

    def all(self) -> list[T]:
        items = list(self._items.values())
        return sorted(items, key=self._sort) if self._sort else items

    def __iter__(self) -> Iterator[T]:
        return iter(self.all())

    def __len__(self) -> int:
        return len(self._items)
