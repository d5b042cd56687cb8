from django.utils.translation import gettext_lazy as _

from core.menu import Item, for_everyone_but_staff, for_staff, register

register(Item("book_club", _("Book club"), "facilities:members", for_staff, 70, role="staff"))
register(Item("newsstands", _("Newsstands"), "facilities:newsstands", for_staff, 71, role="staff"))
register(
    Item(
        "newsstand_map",
        _("Youth newsstands"),
        "facilities:newsstand_map",
        for_everyone_but_staff,
        96,
    )
)
