"""Template filters of the project pages, and the list's rows written in Python.

A list shows 25 rows of seven values; through the template language each value costs a
lookup, a filter or two and an escape, and the rows cost more than the rest of the page.
``project_rows`` writes the same markup (``tests/test_list_rows.py`` holds it equal).
"""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import floatformat
from django.utils.formats import localize
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.templatetags.lists import display, row_url

register = template.Library()

_STAGE_CLASSES = {
    "rejected": "text-bg-secondary",
    "closed": "text-bg-secondary",
    "launched": "text-bg-success",
    "operating": "text-bg-success",
    "signed": "text-bg-primary",
    "under_review": "text-bg-warning",
    "applied": "text-bg-warning",
}


@register.filter
def stage_class(stage: str) -> str:
    """The badge colour of a stage (``projects/partials/_stage.html`` and the list rows)."""
    return _STAGE_CLASSES.get(stage, "text-bg-light border")


_ROW = (
    '<tr><td><a href="{url}">{name}</a>{park}<div class="small text-body-secondary">{lead}</div>'
    '</td><td><span class="badge {badge}">{stage}</span></td>'
    '<td class="d-none d-md-table-cell">{sector}</td><td>{centre}</td>'
    '<td class="text-end">{jobs}</td>'
    '<td class="text-end d-none d-md-table-cell text-nowrap">¥{investment}</td></tr>'
)
_PARK = ' <span class="badge text-bg-info">{}</span>'


@register.simple_tag
def project_rows(page):
    park = _PARK.format(esc(gettext("Park")))
    rows = []
    for project in page:
        rows.append(
            _ROW.format(
                url=row_url(project.pk, "projects:detail"),
                name=esc(project.name),
                park=park if project.in_demo_park else "",
                lead=esc(project.lead),
                badge=stage_class(project.stage),
                stage=esc(display(project, "stage")),
                sector=esc(display(project, "sector")),
                centre=esc(project.centre),
                jobs=esc(localize(project.jobs_created)),
                investment=esc(intcomma(floatformat(project.investment, 0))),
            )
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (every value escaped above)
