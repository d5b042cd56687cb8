from django.utils.translation import gettext_lazy as _

from core.exports import Column, Export, filtered, register, text

from .forms import EnterpriseFilter
from .selectors import bank_list_base, enterprise_list_base


def _enterprise_rows(user, params):
    return filtered(EnterpriseFilter, enterprise_list_base(user), params)


register(
    Export(
        key="partners.enterprises",
        label=_("Partner enterprises"),
        url_name="partners:enterprise_list",
        rows=_enterprise_rows,
        columns=(
            Column(_("Enterprise name"), lambda e: e.name),
            Column(_("Active"), lambda e: e.is_active),
            Column(_("Unified social credit code"), lambda e: text(e.uscc)),
            Column(_("Role in the programme"), lambda e: text("、".join(e.roles_display()))),
            Column(_("Registered with centre"), lambda e: text(e.centre)),
        ),
    )
)

register(
    Export(
        key="partners.banks",
        label=_("Banks"),
        url_name="partners:bank_list",
        rows=lambda user, params: bank_list_base(user),
        columns=(
            Column(_("Bank"), lambda b: b.name),
            Column(_("Active"), lambda b: b.is_active),
            Column(_("Branch"), lambda b: text(b.branch)),
            Column(_("Base annual interest rate"), lambda b: b.base_interest_rate),
            Column(_("Loan officer"), lambda b: text(b.contact_name)),
        ),
    )
)
