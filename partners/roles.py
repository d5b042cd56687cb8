from django.utils.translation import gettext_lazy as _

from core.roles import Role, register


def _is_partner(user) -> bool:
    member = getattr(user, "partner_membership", None)
    return member is not None and member.is_active


register(Role("partner", _("Partner"), _is_partner, "partner:home", True, order=30))
