from django.utils.translation import gettext_lazy as _

from core.menu import Item, for_staff, register

register(
    Item("enterprises", _("Enterprises"), "partners:enterprise_list", for_staff, 10, "partners",
         role="staff")
)  # fmt: skip
register(Item("banks", _("Banks"), "partners:bank_list", for_staff, 20, "partners", role="staff"))
register(Item("partner_home", _("My organisation"), "partner:home", lambda u: True, 5,
              role="partner"))  # fmt: skip
