from django.utils.translation import gettext_lazy as _

from core.menu import Item, for_everyone_but_staff, for_staff, for_youth, register


def _for_employer(user) -> bool:
    member = getattr(user, "partner_membership", None) if user.is_authenticated else None
    return member is not None and member.is_active and member.enterprise_id is not None


register(Item("jobs", _("Jobs"), "jobs:vacancy_list", for_everyone_but_staff, order=90))
register(Item("my_jobs", _("My job applications"), "jobs:mine", for_youth, 40, role="youth"))
register(
    Item("vacancies", _("Our vacancies"), "jobs:vacancy_manage", _for_employer, 20, role="partner")
)
register(Item("placements", _("Placements"), "jobs:placement_list", for_staff, 40, role="staff"))
