from django.utils.translation import gettext_lazy as _

from core.menu import Item, for_staff, for_youth, register

from .roles import is_external_mediator

register(Item("guidance_queue", _("Guidance desk"), "guidance:queue", for_staff, 60, role="staff"))
register(Item("guidance_cases", _("Rights cases"), "guidance:cases", for_staff, 61, role="staff"))
register(Item("my_cases", _("My rights cases"), "guidance:my_cases", for_youth, 60, role="youth"))
register(
    Item(
        "mediator_cases",
        _("My assigned cases"),
        "guidance:mediator_cases",
        is_external_mediator,
        10,
        role="mediator",
    )
)
