from django.utils.translation import gettext_lazy as _

from core.exports import DATE, BadParams, Column, Export, register, text
from core.templatetags.lists import display

from .models import Status
from .selectors import pipeline_rows

YUAN_CENTS = "¥#,##0.00"


def _rows(user, params):
    status = params.get("status", "")
    if status and status not in Status.values:
        raise BadParams({"status": [status]})
    return pipeline_rows(user, status, params.get("overdue") == "1")


register(
    Export(
        key="loans.referrals",
        label=_("Loan referrals"),
        url_name="loans:pipeline",
        rows=_rows,
        columns=(
            Column(_("Loan referral"), lambda r: r.pk),
            Column(_("Applicant"), lambda r: text(r.applicant) or str(_("Erased person"))),
            Column(_("Youth centre"), lambda r: text(r.centre.name)),
            Column(_("Bank"), lambda r: text(r.bank)),
            Column(_("Amount"), lambda r: r.amount, YUAN_CENTS),
            Column(_("Term (months)"), lambda r: r.term_months),
            Column(_("Status"), lambda r: text(display(r, "status"))),
            Column(_("Decision overdue"), lambda r: r.is_overdue),
            Column(_("Decision due on"), lambda r: r.decision_due_on, DATE),
            Column(_("Approved amount"), lambda r: r.approved_amount, YUAN_CENTS),
        ),
    )
)
