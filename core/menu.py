"""The navigation bar, declared by the apps: each registers its ``Item``s in ``<app>/menu.py``.

An item is shown when ``visible(user)`` says so; the menu only mirrors access, the views
decide it. Items with a ``group`` are listed in that group's drop-down.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .links import link
from .registry import Registry
from .scoping import is_coordinator, is_staff_member, is_youth


def for_staff(user) -> bool:
    return is_staff_member(user)


def for_coordinators(user) -> bool:
    return is_staff_member(user) and is_coordinator(user)


def for_youth(user) -> bool:
    # Staff first: their (missing) youth profile would cost a query on every page.
    return not is_staff_member(user) and is_youth(user)


def for_everyone_but_staff(user) -> bool:
    return not is_staff_member(user)


@dataclass(frozen=True)
class Group:
    key: str
    label: Any
    order: int


@dataclass(frozen=True)
class Item:
    key: str
    label: Any
    url_name: str
    visible: Callable[[Any], bool]
    order: int = 100
    group: str = ""
    # Shown only while the person acts in this role (core.roles); "" for every role.
    role: str = ""


GROUPS: Registry[Group] = Registry("menu groups", key=lambda g: g.key, sort=lambda g: g.order)
ITEMS: Registry[Item] = Registry("menu", key=lambda i: i.key, sort=lambda i: i.order)
register = ITEMS.register
register_group = GROUPS.register


def menu_for(user, active_role: str = "") -> list[dict]:
    """Top-level entries in order: ``{"key", "label", "url"}``, or a group's
    ``{"key", "label", "children": [...]}``."""
    groups = {
        g.key: {"key": g.key, "label": g.label, "order": g.order, "children": []} for g in GROUPS
    }
    top: list[tuple[int, dict]] = []
    for item in ITEMS:
        if not item.visible(user) or (item.role and item.role != active_role):
            continue
        entry = {"key": item.key, "label": item.label, "url": link(item.url_name)}
        if item.group:
            groups[item.group]["children"].append(entry)
        else:
            top.append((item.order, entry))
    top.extend((g["order"], g) for g in groups.values() if g["children"])
    return [entry for _, entry in sorted(top, key=lambda pair: pair[0])]
