from django.utils.translation import gettext_lazy as _

from core.menu import Group, Item, for_coordinators, for_staff, for_youth, register, register_group

register_group(Group("partners", _("Partners"), order=80))
register_group(Group("admin", _("Administration"), order=90))
register(Item("youth_list", _("Young people"), "accounts:youth_list", for_staff, 20, role="staff"))
register(Item("my_profile", _("My profile"), "accounts:my_profile", for_youth, 20, role="youth"))
for key, label, url_name, visible, order in [
    ("staff", _("Staff"), "accounts:staff_list", for_staff, 10),
    ("invitations", _("Invitations"), "accounts:invitation_list", for_staff, 15),
    ("drives", _("Registration drives"), "accounts:drive_list", for_staff, 17),
    ("assisted", _("Register at the desk"), "accounts:assisted_register", for_staff, 18),
    ("village_lists", _("Invite a village's list"), "accounts:village_list", for_staff, 19),
    ("erasures", _("Deletion requests"), "accounts:erasure_list", for_coordinators, 40),
]:
    register(Item(key, label, url_name, visible, order, group="admin", role="staff"))
