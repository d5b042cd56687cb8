from django.utils.translation import gettext_lazy as _

from core.menu import Item, for_staff, register

register(Item("dashboard", _("Dashboard"), "dashboard:index", for_staff, 10, role="staff"))
register(Item("work_queues", _("Work queues"), "dashboard:queues", for_staff, 12, role="staff"))
