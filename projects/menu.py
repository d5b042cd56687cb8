from django.utils.translation import gettext_lazy as _

from core.menu import Item, for_everyone_but_staff, for_staff, for_youth, register

register(Item("project_board", _("Projects"), "projects:board", for_staff, 30, role="staff"))
register(Item("my_projects", _("My projects"), "projects:mine", for_youth, 30, role="youth"))
register(
    Item("showcase", _("Youth ventures"), "projects:showcase", for_everyone_but_staff, order=95)
)
