"""The base's figures for the staff home (core.figures): young people and centres."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import Figure, OutcomeFigure, OutcomeSource, register, register_source

from .models import EmploymentStatus, OrgUnit, YouthProfile


def _list(query: str = ""):
    return lambda: reverse("accounts:youth_list") + query


register(
    Figure(
        key="accounts.youth_registered",
        label=_("Registered young people"),
        explanation=_(
            "Young people registered with a home centre in your area, including those whose "
            "data was erased at their request (kept de-identified)."
        ),
        base=YouthProfile.objects.all,
        centre_field="home_centre",
        date_field="created_at",
        order=20,
        url=_list(),
    )
)
for order, status, label in [
    (30, EmploymentStatus.EMPLOYED, _("Employed")),
    (40, EmploymentStatus.SELF_EMPLOYED, _("Self-employed")),
    (50, EmploymentStatus.SEEKING, _("Looking for work")),
]:
    register(
        Figure(
            key=f"accounts.youth_{status}",
            label=label,
            explanation=_(
                "Registered young people whose profile gives this employment status today; "
                "each person counts once."
            ),
            base=lambda status=status: YouthProfile.objects.filter(employment_status=status),
            centre_field="home_centre",
            order=order,
            url=_list(f"?employment_status={status}"),
        )
    )
# Outcomes across services (core.figures.OUTCOME_SOURCES): each young person once per kind,
# counted where they live (their home centre), whichever centre recorded the outcome. No app
# lists exactly these people, so no ``url``: the dashboard's drill-down lists them.
register_source(
    OutcomeSource(
        key="accounts.self_employed",
        outcome="self_employed",
        label=_("the profile says self-employed today"),
        base=lambda: YouthProfile.objects.filter(employment_status=EmploymentStatus.SELF_EMPLOYED),
        person_field="user",
    )
)
register(
    OutcomeFigure(
        key="accounts.outcome_job",
        label=_("Young people helped into jobs"),
        explanation=_(
            "Distinct young people living in your area who, in the period, started a job "
            "placement (found through the portal, a fair, labour export, staff or an import), "
            "were hired by the enterprise that commissioned their order-based training, or "
            "were kept on by their internship host or found a job elsewhere at the end of "
            "their internship. A young person with several of these counts once."
        ),
        base=YouthProfile.objects.all,
        centre_field="home_centre",
        outcome="job",
        group="youth",
        order=25,
        headline=True,
    )
)
register(
    OutcomeFigure(
        key="accounts.outcome_self_employed",
        label=_("Young people helped into self-employment"),
        explanation=_(
            "Distinct young people living in your area who, in the period, launched a venture "
            "project they lead, had a microloan for their project disbursed, or left their "
            "internship to work for themselves, together with those whose profile says "
            "self-employed today (whatever the period). A young person with several of these "
            "counts once."
        ),
        base=YouthProfile.objects.all,
        centre_field="home_centre",
        outcome="self_employed",
        group="youth",
        order=26,
        headline=True,
    )
)
register(
    Figure(
        key="accounts.centres",
        label=_("Youth centres in your area"),
        explanation=_("Your centre and every town and village centre below it."),
        base=OrgUnit.objects.all,
        centre_field="",
        group="centres",
        order=70,
    )
)
register(
    Figure(
        key="accounts.youth_incomplete",
        label=_("Profiles not yet complete"),
        explanation=_(
            "Registered young people in your area whose profile still lacks a required fact "
            "(name, mobile, gender, birth date, ID number, education, employment, household "
            "registration or home centre)."
        ),
        base=lambda: YouthProfile.objects.incomplete(),
        centre_field="home_centre",
        order=80,
    )
)
