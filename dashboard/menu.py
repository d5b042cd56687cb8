from django.utils.translation import gettext_lazy as _

from core.menu import Item, for_staff, register

register(Item("dashboard", _("Dashboard"), "dashboard:index", for_staff, 10, role="staff"))
register(Item("reports", _("Work reports"), "dashboard:report_list", for_staff, 11, role="staff"))
register(Item("work_queues", _("Work queues"), "dashboard:queues", for_staff, 12, role="staff"))
register(
    Item(
        "my_exports", _("My exports"), "dashboard:my_exports", for_staff, 95, "admin", role="staff"
    )
)
