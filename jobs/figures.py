from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import Figure, OutcomeSource, register, register_source

from .models import Placement

register(
    Figure(
        key="jobs.placed",
        label=_("Young people placed in jobs"),
        explanation=_(
            "Distinct young people of your area with at least one job placement, however it was "
            "found (the portal, a fair, labour export, staff records, imports); a person placed "
            "in several jobs counts once."
        ),
        base=Placement.objects.all,
        centre_field="centre",
        date_field="start_date",
        distinct="youth_id",
        group="jobs",
        order=20,
        url=lambda: reverse("jobs:placement_list"),
    )
)
register(
    Figure(
        key="jobs.placements",
        label=_("Job placements"),
        explanation=_("Every job placement of young people of your area, each job once."),
        base=Placement.objects.all,
        centre_field="centre",
        date_field="start_date",
        group="jobs",
        order=21,
        url=lambda: reverse("jobs:placement_list"),
    )
)
register(
    Figure(
        key="jobs.labour_export",
        label=_("Placements by labour export"),
        explanation=_("Placements of young people of your area in jobs outside the province."),
        base=lambda: Placement.objects.filter(labour_export=True),
        centre_field="centre",
        date_field="start_date",
        group="jobs",
        order=22,
        url=lambda: reverse("jobs:placement_list"),
    )
)
register_source(
    OutcomeSource(
        key="jobs.placements",
        outcome="job",
        label=_("started a job placement"),
        base=Placement.objects.all,
        person_field="youth",
        date_field="start_date",
    )
)
