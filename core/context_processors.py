from django.urls import get_script_prefix
from django.utils.translation import get_language

from . import roles
from .caching import memo
from .menu import menu_for
from .scoping import scope_key, staff_centre

# The menu only mirrors access (the views decide it): a person's may lag a change of their
# roles by this long in each process.
MENU_SECONDS = 60


def menu(request) -> dict:
    """The navigation the apps registered (core.menu) for this user, and the roles they can
    switch between (core.roles)."""
    user = getattr(request, "user", None)
    if user is None:
        return {"menu": []}
    active = roles.active_role(request)
    held = roles.roles_of(user)
    centre = staff_centre(user) if user.is_authenticated else None
    parts = (
        "menu",
        user.pk,
        active and active.key,
        tuple(role.key for role in held),
        scope_key(user),
        centre and getattr(user.staff_profile, "role", ""),
        get_language(),
        get_script_prefix(),
    )

    def written():
        entries = menu_for(user, active.key if active else "")
        # Everything the menu and the role switch show, for {% keep %} (base.html).
        key = repr((_entry_keys(entries), [r.key for r in held], active and active.key))
        return entries, key

    entries, key = memo(parts, written, MENU_SECONDS)
    return {"menu": entries, "held_roles": held, "active_role": active, "menu_key": key}


def _entry_keys(entries) -> list:
    return [(e["key"], e.get("url"), _entry_keys(e.get("children", ()))) for e in entries]
