from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.exports import DATE, BadParams, Column, Export, filtered, register, text
from core.templatetags.lists import display

from .forms import ApplicationFilter, PlacementFilter
from .selectors import (
    ATTENTION_ENDING,
    ATTENTION_OVERDUE,
    application_list_base,
    occupancy_percent,
    placement_list_base,
    retention_percent,
    stations_with_figures,
)


def _day(moment):
    return timezone.localtime(moment).date() if moment else None


def _application_rows(user, params):
    return filtered(ApplicationFilter, application_list_base(user), params, user=user)


def _placement_rows(user, params):
    attention = params.get("attention", "")
    if attention not in ("", ATTENTION_ENDING, ATTENTION_OVERDUE):
        raise BadParams({"attention": [attention]})
    base = placement_list_base(user, attention, timezone.localdate())
    return filtered(PlacementFilter, base, params, user=user)


register(
    Export(
        key="internships.applications",
        label=_("Internship applications"),
        url_name="internships:applications",
        rows=_application_rows,
        columns=(
            Column(_("Graduate"), lambda a: text(a.youth)),
            Column(_("Position"), lambda a: a.position.title),
            Column(_("Station"), lambda a: a.station.enterprise.name),
            Column(_("Status"), lambda a: text(display(a, "status"))),
            Column(_("Since"), lambda a: _day(a.status_changed_at), DATE),
        ),
    )
)

register(
    Export(
        key="internships.placements",
        label=_("Internship placements"),
        url_name="internships:placements",
        rows=_placement_rows,
        columns=(
            Column(_("Intern"), lambda p: text(p.youth)),
            Column(_("Position"), lambda p: p.position.title),
            Column(_("Station"), lambda p: p.station.enterprise.name),
            Column(_("Start date"), lambda p: p.start_date, DATE),
            Column(_("End date"), lambda p: p.end_date, DATE),
            Column(_("Status"), lambda p: text(display(p, "status"))),
            Column(_("Outcome"), lambda p: text(display(p, "outcome"))),
            Column(_("mid-term"), lambda p: p.has_midterm),
            Column(_("final"), lambda p: p.has_final),
        ),
    )
)

register(
    Export(
        key="internships.stations",
        label=_("Internship stations"),
        url_name="internships:stations",
        rows=lambda user, params: stations_with_figures(user, timezone.localdate()),
        columns=(
            Column(_("Host enterprise"), lambda s: s.enterprise.name),
            Column(_("Active"), lambda s: s.is_active),
            Column(_("Station since"), lambda s: s.since, DATE),
            Column(_("Intake this year"), lambda s: s.intake),
            Column(_("Annual quota"), lambda s: s.annual_quota),
            Column(_("Occupancy (%)"), occupancy_percent),
            Column(_("In placement"), lambda s: s.active),
            Column(_("Retention rate (%)"), retention_percent),
        ),
    )
)
