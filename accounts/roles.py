from django.utils.translation import gettext_lazy as _

from core.roles import Role, register
from core.scoping import is_staff_member, is_youth

register(Role("staff", _("Staff"), is_staff_member, "dashboard:index", True, order=10))
# The mentor role is declared by the mentors app (mentors/roles.py), whose pages are its home.
register(Role("youth", _("Young person"), is_youth, "accounts:my_profile", False, order=40))
