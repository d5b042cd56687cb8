from django.utils.translation import gettext_lazy as _

from core.menu import Item, for_everyone_but_staff, for_staff, for_youth, register

from .permissions import host_station_id


def _is_host(user) -> bool:
    # Only people who sign in for an enterprise are asked (one query, for them alone).
    member = getattr(user, "partner_membership", None) if user.is_authenticated else None
    return member is not None and member.enterprise_id is not None and bool(host_station_id(user))


register(Item("internship_stations", _("Internships"), "internships:stations", for_staff, 40,
              role="staff"))  # fmt: skip
register(Item("my_internships", _("My internships"), "internships:mine", for_youth, 35,
              role="youth"))  # fmt: skip
# Everyone else who is not staff finds the open positions (young people: from their page).
register(Item("internship_positions", _("Internships"), "internships:positions",
              lambda u: for_everyone_but_staff(u) and not for_youth(u), order=90))  # fmt: skip
register(Item("internship_host", _("Internship station"), "internships:host_home",
              _is_host, 10, role="partner"))  # fmt: skip
