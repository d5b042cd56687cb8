from . import roles
from .menu import menu_for


def menu(request) -> dict:
    """The navigation the apps registered (core.menu) for this user, and the roles they can
    switch between (core.roles)."""
    user = getattr(request, "user", None)
    if user is None:
        return {"menu": []}
    active = roles.active_role(request)
    return {
        "menu": menu_for(user, active.key if active else ""),
        "held_roles": roles.roles_of(user),
        "active_role": active,
    }
