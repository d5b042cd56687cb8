from django.utils.translation import gettext_lazy as _

from core.menu import Item, for_staff, for_youth, register

from .roles import is_mentor

register(Item("mentor_home", _("My mentees"), "mentors:home", is_mentor, 10, role="mentor"))
register(Item("mentors_staff", _("Mentors"), "mentors:staff_list", for_staff, 35, role="staff"))
register(Item("my_mentoring", _("Mentoring"), "mentors:mine", for_youth, 35, role="youth"))
