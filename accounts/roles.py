from django.utils.translation import gettext_lazy as _

from core.roles import Role, register
from core.scoping import is_staff_member, is_youth


def _is_mentor(user) -> bool:
    role = getattr(user, "mentor_role", None)
    return role is not None and role.is_active


register(Role("staff", _("Staff"), is_staff_member, "dashboard:index", True, order=10))
register(Role("mentor", _("Mentor"), _is_mentor, "notifications:inbox", True, order=20))
register(Role("youth", _("Young person"), is_youth, "accounts:my_profile", False, order=40))
