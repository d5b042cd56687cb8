"""The roles a person can hold, declared by the apps that grant them (``<app>/roles.py``).

A role says whether a user holds it, where its pages start, and whether it sees other
people's personal data (then two-factor sign-in is required). A person may hold several
(a mentor who is also staff); the session remembers which one they are acting in, which
decides their home page and menu. Access is still decided by each page, never by the role
that is active.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .registry import Registry

SESSION_KEY = "active_role"


@dataclass(frozen=True)
class Role:
    key: str
    label: Any
    holds: Callable[[Any], bool]
    home: str  # url name
    sees_personal_data: bool
    order: int = 100


ROLES: Registry[Role] = Registry("roles", key=lambda r: r.key, sort=lambda r: r.order)
register = ROLES.register


def roles_of(user) -> list[Role]:
    """The roles the user holds, most senior first; remembered on the user for the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_held_roles", None)
    if cached is None:
        cached = [role for role in ROLES if role.holds(user)]
        user._held_roles = cached
    return cached


def needs_two_factor(user) -> bool:
    """Everyone who can see other people's personal data signs in with a second factor."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or any(role.sees_personal_data for role in roles_of(user))


def active_role(request) -> Role | None:
    held = roles_of(request.user)
    if not held:
        return None
    chosen = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    return next((role for role in held if role.key == chosen), held[0])
