"""``{% export_buttons "accounts.youth" %}``: the "Excel" and "CSV" buttons of a staff list,
linking to its export (core/exports.py) with the page's current filter, so that the apps'
templates need not know which app serves exports."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core.exports import EXPORTS

register = template.Library()

_BUTTONS = (
    '<div class="btn-group btn-group-sm" role="group" aria-label="{label}" data-export="{key}">'
    '<a class="btn btn-outline-secondary" href="{xlsx}">Excel</a>'
    '<a class="btn btn-outline-secondary" href="{csv}">CSV</a></div>'
)


@register.simple_tag(takes_context=True)
def export_buttons(context, key: str, **of):
    """``of`` names the object of a per-object list: ``{% export_buttons "training.enrolments"
    course=course.pk %}``."""
    if key not in EXPORTS:
        # A typo would show buttons that 404: fail where the template is written.
        raise template.TemplateSyntaxError(f"no export {key!r} is registered (core/exports.py)")
    request = context.get("request")
    if request is None or not EXPORTS.get(key).allowed(request.user):
        # Pages some non-staff also see (an employer's vacancies): no buttons for them.
        return ""
    params = request.GET.copy()
    params.pop("page", None)
    for name, value in of.items():
        params[name] = str(int(value))
    query = params.urlencode()
    suffix = f"?{query}" if query else ""
    return format_html(
        _BUTTONS,
        label=_("Export"),
        key=key,
        xlsx=reverse("dashboard:export", kwargs={"key": key, "fmt": "xlsx"}) + suffix,
        csv=reverse("dashboard:export", kwargs={"key": key, "fmt": "csv"}) + suffix,
    )
