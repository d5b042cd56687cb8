from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import Figure, register

from .models import Case, Status, consultations_visible_to


def _recovered(user) -> int:
    total = (
        Case.objects.visible_to(user)
        .filter(status=Status.RESOLVED)
        .aggregate(total=Sum("amount_recovered"))["total"]
    )
    return int(total or 0)


register(
    Figure(
        key="guidance.consultations",
        label=_("Consultations at the guidance desk"),
        explanation=_("Consultations logged at your centres, every topic, walk-ins included."),
        records=consultations_visible_to,
        order=60,
        url=lambda: reverse("guidance:consultations"),
    )
)
register(
    Figure(
        key="guidance.cases_opened",
        label=_("Rights-protection cases opened"),
        explanation=_("Every case opened for a young person of your area, whatever its status."),
        records=lambda user: Case.objects.visible_to(user),
        order=61,
        url=lambda: reverse("guidance:cases"),
    )
)
register(
    Figure(
        key="guidance.cases_resolved",
        label=_("Rights-protection cases resolved"),
        explanation=_("Cases resolved through mediation or legal aid (closed cases not counted)."),
        records=lambda user: Case.objects.visible_to(user).filter(status=Status.RESOLVED),
        order=62,
        url=lambda: reverse("guidance:cases") + "?status=resolved",
        headline=True,
    )
)
register(
    Figure(
        key="guidance.yuan_recovered",
        label=_("Yuan recovered for young people"),
        explanation=_("The sum of the amounts recorded when cases were resolved, in yuan."),
        records=lambda user: Case.objects.visible_to(user).filter(status=Status.RESOLVED),
        count=_recovered,
        order=63,
        url=lambda: reverse("guidance:cases") + "?status=resolved",
        headline=True,
    )
)
