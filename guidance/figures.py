from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import Figure, register

from .models import Case, CaseChange, Consultation, Status

register(
    Figure(
        key="guidance.consultations",
        label=_("Consultations at the guidance desk"),
        explanation=_("Consultations logged at your centres, every topic, walk-ins included."),
        base=Consultation.objects.all,
        centre_field="centre",
        date_field="created_at",
        group="guidance",
        order=60,
        url=lambda: reverse("guidance:consultations"),
    )
)
register(
    Figure(
        key="guidance.cases_opened",
        label=_("Rights-protection cases opened"),
        explanation=_("Every case opened for a young person of your area, whatever its status."),
        base=Case.objects.all,
        centre_field="centre",
        date_field="created_at",
        group="guidance",
        order=61,
        url=lambda: reverse("guidance:cases"),
    )
)
register(
    Figure(
        key="guidance.cases_resolved",
        label=_("Rights-protection cases resolved"),
        explanation=_("Cases resolved through mediation or legal aid (closed cases not counted)."),
        base=lambda: Case.objects.filter(status=Status.RESOLVED),
        centre_field="centre",
        date_field="resolved_on",
        group="guidance",
        order=62,
        url=lambda: reverse("guidance:cases") + "?status=resolved",
    )
)
register(
    Figure(
        key="guidance.yuan_recovered",
        label=_("Yuan recovered for young people"),
        explanation=_("The sum of the amounts recorded when cases were resolved, in yuan."),
        base=lambda: Case.objects.filter(status=Status.RESOLVED),
        centre_field="centre",
        date_field="resolved_on",
        total="amount_recovered",
        unit="yuan",
        group="guidance",
        order=63,
        url=lambda: reverse("guidance:cases") + "?status=resolved",
        headline=True,
    )
)
register(
    Figure(
        key="guidance.legal_aid_cases",
        label=_("Legal aid provided"),
        explanation=_(
            "Cases of young people of your area referred to legal aid (the legal service "
            "centre) in the period, whatever became of them; each case counts once."
        ),
        base=lambda: CaseChange.objects.filter(to_status=Status.LEGAL_AID),
        centre_field="case__centre",
        date_field="created_at",
        distinct="case_id",
        group="guidance",
        order=64,
        url=lambda: reverse("guidance:cases") + "?status=legal_aid",
        headline=True,
    )
)
