from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.figures import Figure, register

from .models import Outcome, Placement, PlacementStatus, Station


def _placements(user):
    return Placement.objects.visible_to(user)


register(
    Figure(
        key="internships.stations",
        label=_("Internship host enterprises"),
        explanation=_("Active internship stations your area works with."),
        records=lambda user: Station.objects.visible_to(user).filter(is_active=True),
        order=60,
        url=lambda: reverse("internships:stations"),
        headline=True,
    )
)
register(
    Figure(
        key="internships.entered",
        label=_("Interns entered (all intakes)"),
        explanation=_(
            "Graduates of your area who started a placement at a station, in any year, "
            "including those who left early."
        ),
        records=_placements,
        order=61,
        url=lambda: reverse("internships:placements"),
        headline=True,
    )
)
register(
    Figure(
        key="internships.entered_this_year",
        label=_("Interns entered this year"),
        explanation=_("Placements that started this calendar year."),
        records=lambda user: _placements(user).filter(start_date__year=timezone.localdate().year),
        order=62,
        url=lambda: reverse("internships:placements"),
    )
)
register(
    Figure(
        key="internships.active",
        label=_("Interns now in placement"),
        explanation=_("Placements in progress (not completed, not left early)."),
        records=lambda user: _placements(user).filter(status=PlacementStatus.ACTIVE),
        order=63,
        url=lambda: reverse("internships:placements") + "?status=active",
    )
)
register(
    Figure(
        key="internships.completed",
        label=_("Internships completed"),
        explanation=_("Placements that ran their full term."),
        records=lambda user: _placements(user).filter(status=PlacementStatus.COMPLETED),
        order=64,
        url=lambda: reverse("internships:placements") + "?status=completed",
    )
)
register(
    Figure(
        key="internships.retained",
        label=_("Interns kept on by the host"),
        explanation=_("Placements whose recorded outcome is being kept on by the host."),
        records=lambda user: _placements(user).filter(outcome=Outcome.KEPT_ON),
        order=65,
        url=lambda: reverse("internships:placements") + "?outcome=kept_on",
    )
)
