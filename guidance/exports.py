from types import SimpleNamespace

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.exports import DATE, YUAN, Column, Export, filtered, register, text, yuan
from core.templatetags.lists import display

from .forms import CaseFilter
from .selectors import case_list_base, consultation_list_base, follow_ups_awaiting


def _case_rows(user, params):
    # The handler filter ("mine", "nobody") reads the viewer from the request, as on the page.
    return filtered(CaseFilter, case_list_base(user), params, request=SimpleNamespace(user=user))


def _consultation_rows(user, params):
    base = consultation_list_base(user)
    if params.get("follow_up") == "mine":  # the work queue's follow-ups, as on the page
        base = follow_ups_awaiting(base, user)
    return base


register(
    Export(
        key="guidance.cases",
        label=_("Rights-protection cases"),
        url_name="guidance:cases",
        rows=_case_rows,
        columns=(
            Column(_("Case"), lambda c: str(c)),
            Column(_("Kind"), lambda c: text(display(c, "kind"))),
            Column(_("14 days without update"), lambda c: c.is_stale),
            Column(_("Status"), lambda c: text(display(c, "status"))),
            Column(_("Young person"), lambda c: text(c.youth)),
            Column(_("Youth centre"), lambda c: text(c.centre.name)),
            Column(_("Mediator"), lambda c: text(c.mediator)),
            Column(_("Claimed"), lambda c: yuan(c.amount_claimed), YUAN),
            Column(_("Recovered"), lambda c: yuan(c.amount_recovered), YUAN),
        ),
    )
)

register(
    Export(
        key="guidance.consultations",
        label=_("Consultations"),
        url_name="guidance:consultations",
        rows=_consultation_rows,
        columns=(
            Column(_("Logged at"), lambda c: timezone.localtime(c.created_at).date(), DATE),
            Column(_("Topic"), lambda c: text(display(c, "topic"))),
            Column(_("Young person"), lambda c: text(c.youth) or str(_("Walk-in"))),
            Column(_("Youth centre"), lambda c: text(c.centre.name)),
            Column(_("Follow up on"), lambda c: c.follow_up_on, DATE),
            Column(_("Followed up"), lambda c: c.followed_up_at is not None),
        ),
    )
)
