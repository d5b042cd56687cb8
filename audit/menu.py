from django.utils.translation import gettext_lazy as _

from core.menu import Item, for_coordinators, register

register(
    Item("audit", _("Audit log"), "audit:entry_list", for_coordinators, 30, "admin", role="staff")
)
