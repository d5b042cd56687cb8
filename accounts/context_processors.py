from core.scoping import is_staff_member, is_youth


def navigation(request) -> dict:
    """Which navigation to show: the role decides the menu, never the access."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_role": "anonymous"}
    if is_staff_member(user):
        return {"nav_role": "staff"}
    if is_youth(user):
        return {"nav_role": "youth"}
    return {"nav_role": "other"}
