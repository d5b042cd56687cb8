from django.utils.translation import gettext_lazy as _

from core.menu import Item, for_staff, for_youth, register


def _for_bank_officers(user) -> bool:
    member = getattr(user, "partner_membership", None)
    return member is not None and member.is_active and member.bank_id is not None


register(Item("loan_pipeline", _("Loans"), "loans:pipeline", for_staff, 40, role="staff"))
register(Item("my_loans", _("My loans"), "loans:mine", for_youth, 40, role="youth"))
register(
    Item("bank_loans", _("Loan referrals"), "loans:bank", _for_bank_officers, 10, role="partner")
)
