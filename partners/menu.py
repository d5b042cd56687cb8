from django.utils.translation import gettext_lazy as _

from core.menu import Item, for_staff, register

register(
    Item("enterprises", _("Enterprises"), "partners:enterprise_list", for_staff, 10, "partners")
)
register(Item("banks", _("Banks"), "partners:bank_list", for_staff, 20, "partners"))
