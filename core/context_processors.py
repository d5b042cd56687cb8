from .menu import menu_for


def menu(request) -> dict:
    """The navigation the apps registered (core.menu), for this user."""
    user = getattr(request, "user", None)
    if user is None:
        return {"menu": []}
    return {"menu": menu_for(user)}
