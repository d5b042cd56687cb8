from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import Figure, register

from .models import Outcome, Placement, PlacementStatus, Station

register(
    Figure(
        key="internships.stations",
        label=_("Internship host enterprises"),
        explanation=_("Active internship stations your area works with."),
        base=lambda: Station.objects.filter(is_active=True),
        centre_field="enterprise__centre",
        group="internships",
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
        base=Placement.objects.all,
        centre_field="centre",
        date_field="start_date",
        group="internships",
        order=61,
        url=lambda: reverse("internships:placements"),
        headline=True,
    )
)
register(
    Figure(
        key="internships.active",
        label=_("Interns now in placement"),
        explanation=_("Placements in progress (not completed, not left early)."),
        base=lambda: Placement.objects.filter(status=PlacementStatus.ACTIVE),
        centre_field="centre",
        group="internships",
        order=63,
        url=lambda: reverse("internships:placements") + "?status=active",
    )
)
register(
    Figure(
        key="internships.completed",
        label=_("Internships completed"),
        explanation=_("Placements that ran their full term."),
        base=lambda: Placement.objects.filter(status=PlacementStatus.COMPLETED),
        centre_field="centre",
        date_field="start_date",
        group="internships",
        order=64,
        url=lambda: reverse("internships:placements") + "?status=completed",
    )
)
register(
    Figure(
        key="internships.retained",
        label=_("Interns kept on by the host"),
        explanation=_("Placements whose recorded outcome is being kept on by the host."),
        base=lambda: Placement.objects.filter(outcome=Outcome.KEPT_ON),
        centre_field="centre",
        date_field="start_date",
        group="internships",
        order=65,
        url=lambda: reverse("internships:placements") + "?outcome=kept_on",
    )
)
