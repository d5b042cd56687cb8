from . import roles
from .menu import menu_for


def menu(request) -> dict:
    """The navigation the apps registered (core.menu) for this user, and the roles they can
    switch between (core.roles)."""
    user = getattr(request, "user", None)
    if user is None:
        return {"menu": []}
    active = roles.active_role(request)
    entries = menu_for(user, active.key if active else "")
    held = roles.roles_of(user)
    return {
        "menu": entries,
        "held_roles": held,
        "active_role": active,
        # Everything the menu and the role switch show, for {% keep %} (base.html).
        "menu_key": repr((_entry_keys(entries), [r.key for r in held], active and active.key)),
    }


def _entry_keys(entries) -> list:
    return [(e["key"], e.get("url"), _entry_keys(e.get("children", ()))) for e in entries]
