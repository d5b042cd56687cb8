from django.utils.translation import gettext_lazy as _

from core.menu import Item, for_staff, register

register(
    Item("messages", _("Messages sent"), "notifications:message_list", for_staff, 20, "admin",
         role="staff")
)  # fmt: skip
