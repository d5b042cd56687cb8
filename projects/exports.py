from django.utils.translation import gettext_lazy as _

from core.exports import YUAN, Column, Export, filtered, register, text, yuan
from core.templatetags.lists import display

from .forms import ProjectFilter
from .selectors import project_list_base


def _project_rows(user, params):
    return filtered(ProjectFilter, project_list_base(user), params, user=user)


register(
    Export(
        key="projects.projects",
        label=_("Venture projects"),
        url_name="projects:list",
        rows=_project_rows,
        columns=(
            Column(_("Project"), lambda p: p.name),
            Column(_("Demonstration park"), lambda p: p.in_demo_park),
            Column(_("Project lead"), lambda p: text(p.lead)),
            Column(_("Stage"), lambda p: text(display(p, "stage"))),
            Column(_("Sector"), lambda p: text(display(p, "sector"))),
            Column(_("Youth centre"), lambda p: text(p.centre)),
            Column(_("Jobs"), lambda p: p.jobs_created),
            Column(_("Investment"), lambda p: yuan(p.investment), YUAN),
        ),
    )
)
