from django.utils.translation import gettext_lazy as _

from core.exports import DATE, Column, Export, filtered, object_param, register, text
from core.templatetags.lists import display

from .forms import ManagedVacancyFilter
from .models import Vacancy
from .selectors import managed_vacancies, placement_list_base, vacancy_applications


def _vacancy_rows(user, params):
    return filtered(ManagedVacancyFilter, managed_vacancies(user), params)


def _application_rows(user, params):
    vacancy = object_param(Vacancy.objects.visible_to(user), params, "vacancy")
    return vacancy_applications(user, vacancy)


def _how_found(placement) -> str:
    how = display(placement, "how_found")
    return f"{how} · {_('Labour export')}" if placement.labour_export else how


register(
    Export(
        key="jobs.vacancies",
        label=_("Vacancies"),
        url_name="jobs:vacancy_manage",
        rows=_vacancy_rows,
        columns=(
            Column(_("Job title"), lambda v: v.title),
            Column(_("Employer"), lambda v: v.enterprise.name),
            Column(_("Places filled"), lambda v: v.filled),
            Column(_("Places"), lambda v: v.places),
            Column(_("Status"), lambda v: text(display(v, "status"))),
        ),
    )
)

register(
    Export(
        key="jobs.applications",
        label=_("Applicants"),
        url_name="jobs:applicants",
        rows=_application_rows,
        columns=(
            Column(_("Applicant"), lambda a: text(a.youth)),
            Column(_("Status"), lambda a: text(display(a, "status"))),
        ),
    )
)

register(
    Export(
        key="jobs.placements",
        label=_("Placements"),
        url_name="jobs:placement_list",
        rows=lambda user, params: placement_list_base(user),
        columns=(
            Column(_("Young person"), lambda p: text(p.youth)),
            Column(_("Employer"), lambda p: p.employer_name),
            Column(_("Job"), lambda p: p.job_title),
            Column(_("Start date"), lambda p: p.start_date, DATE),
            Column(_("How it was found"), lambda p: text(_how_found(p))),
            Column(_("Youth centre"), lambda p: text(p.centre.name)),
        ),
    )
)
