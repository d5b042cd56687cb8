from django.utils.translation import gettext_lazy as _

from core.menu import Group, Item, for_coordinators, for_staff, for_youth, register, register_group

register_group(Group("partners", _("Partners"), order=80))
register_group(Group("admin", _("Administration"), order=90))
register(Item("youth_list", _("Young people"), "accounts:youth_list", for_staff, order=20))
register(Item("my_profile", _("My profile"), "accounts:my_profile", for_youth, order=20))
register(Item("staff", _("Staff"), "accounts:staff_list", for_staff, order=10, group="admin"))
register(
    Item(
        "erasures",
        _("Deletion requests"),
        "accounts:erasure_list",
        for_coordinators,
        order=40,
        group="admin",
    )
)
