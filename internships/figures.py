from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import Figure, OutcomeSource, register, register_source

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
        label=_("Interns entered"),
        explanation=_(
            "Graduates of your area who entered a station (started a placement) in the period, "
            "including those who left early; each graduate counts once."
        ),
        base=Placement.objects.all,
        centre_field="centre",
        date_field="start_date",
        distinct="youth_id",
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
        explanation=_("Placements that ran their full term, counted when the term ended."),
        base=lambda: Placement.objects.filter(status=PlacementStatus.COMPLETED),
        centre_field="centre",
        date_field="end_date",
        group="internships",
        order=64,
        url=lambda: reverse("internships:placements") + "?status=completed",
    )
)
register(
    Figure(
        key="internships.retained",
        label=_("Interns kept on by the host"),
        explanation=_(
            "Interns of your area whose recorded outcome is being kept on by the host, counted "
            "when their internship term ended."
        ),
        base=lambda: Placement.objects.filter(outcome=Outcome.KEPT_ON),
        centre_field="centre",
        date_field="end_date",
        distinct="youth_id",
        group="internships",
        order=65,
        url=lambda: reverse("internships:placements") + "?outcome=kept_on",
    )
)
# What became of an intern at the end of the internship: a job (kept on by the host or found
# elsewhere) or self-employment, dated by the end of the term, or the day they left early.
_JOB = (Outcome.KEPT_ON, Outcome.JOB_ELSEWHERE)
for outcome, outcomes, label in [
    ("job", _JOB, _("kept on by their internship host or found a job elsewhere")),
    ("self_employed", (Outcome.SELF_EMPLOYED,), _("left their internship to work for themselves")),
]:
    register_source(
        OutcomeSource(
            key=f"internships.{outcome}",
            outcome=outcome,
            label=label,
            base=lambda outcomes=outcomes: Placement.objects.filter(outcome__in=outcomes).exclude(
                status=PlacementStatus.LEFT_EARLY
            ),
            person_field="youth",
            date_field="end_date",
        )
    )
    register_source(
        OutcomeSource(
            key=f"internships.{outcome}_left_early",
            outcome=outcome,
            label=label,
            base=lambda outcomes=outcomes: Placement.objects.filter(
                outcome__in=outcomes, status=PlacementStatus.LEFT_EARLY
            ),
            person_field="youth",
            date_field="left_on",
        )
    )
