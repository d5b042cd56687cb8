from django.utils.translation import gettext_lazy as _

from core.menu import Item, for_staff, register

register(Item("dashboard", _("Dashboard"), "dashboard:index", for_staff, 10, role="staff"))
register(
    Item(
        "my_exports", _("My exports"), "dashboard:my_exports", for_staff, 95, "admin", role="staff"
    )
)
