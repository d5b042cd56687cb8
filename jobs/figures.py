from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import Figure, register

from .models import Placement


def _placements(user):
    return Placement.objects.visible_to(user)


register(
    Figure(
        key="jobs.placed",
        label=_("Young people placed in jobs"),
        explanation=_(
            "Distinct young people of your area with at least one job placement, however it was "
            "found (the portal, a fair, labour export, staff records, imports); a person placed "
            "in several jobs counts once."
        ),
        records=_placements,
        count=lambda user: _placements(user).values("youth_id").distinct().count(),
        order=20,
        url=lambda: reverse("jobs:placement_list"),
        headline=True,
    )
)
register(
    Figure(
        key="jobs.placements",
        label=_("Job placements"),
        explanation=_("Every job placement of young people of your area, each job once."),
        records=_placements,
        order=21,
        url=lambda: reverse("jobs:placement_list"),
    )
)
register(
    Figure(
        key="jobs.labour_export",
        label=_("Placements by labour export"),
        explanation=_("Placements of young people of your area in jobs outside the province."),
        records=lambda user: _placements(user).filter(labour_export=True),
        order=22,
        url=lambda: reverse("jobs:placement_list"),
    )
)
