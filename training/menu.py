from django.utils.translation import gettext_lazy as _

from core.menu import Item, for_everyone_but_staff, for_staff, for_youth, register


def _for_commissioner(user) -> bool:
    membership = getattr(user, "partner_membership", None) if user.is_authenticated else None
    return membership is not None and membership.enterprise_id is not None


register(Item("training_manage", _("Training"), "training:manage", for_staff, 35, role="staff"))
register(Item("my_courses", _("My courses"), "training:mine", for_youth, 35, role="youth"))
register(Item("courses", _("Courses"), "training:catalogue", for_everyone_but_staff, order=90))
register(
    Item(
        "partner_courses",
        _("Commissioned courses"),
        "training:partner_courses",
        _for_commissioner,
        10,
        role="partner",
    )
)
