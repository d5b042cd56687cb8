import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.exports import DATE, BadParams, Column, Export, register, text
from core.templatetags.lists import display

from . import selectors
from .forms import MatchFilterForm

MONTH = "yyyy-mm"


def _hours(minutes) -> int:
    # As the pages show them ({% widthratio minutes 60 1 %}).
    return round((minutes or 0) / 60)


def _day(moment):
    return timezone.localtime(moment).date() if moment else None


def _match_rows(user, params):
    form = MatchFilterForm(params or None)
    if params and not form.is_valid():
        raise BadParams(form.errors)
    if not params:
        return selectors.match_list_base(user)
    data = form.cleaned_data
    return selectors.match_list_base(user, data.get("status", ""), bool(data.get("quiet")))


def _month(row) -> datetime.date:
    return _day(row["month"])


register(
    Export(
        key="mentors.mentors",
        label=_("Mentors"),
        url_name="mentors:staff_list",
        rows=lambda user, params: selectors.staff_list_base(user),
        columns=(
            Column(_("Mentor"), lambda m: str(m)),
            Column(_("Chief mentor"), lambda m: m.is_chief),
            Column(_("availability"), lambda m: text(display(m, "availability"))),
            Column(_("Organisation"), lambda m: text(m.organisation)),
            Column(_("Youth centre"), lambda m: text(m.centre)),
            Column(_("Active mentees"), lambda m: m.active_count),
            Column(_("Capacity"), lambda m: m.capacity),
            Column(_("Hours this month"), lambda m: _hours(m.minutes_this_month)),
        ),
    )
)

register(
    Export(
        key="mentors.matches",
        label=_("Mentor matches"),
        url_name="mentors:matches",
        rows=_match_rows,
        columns=(
            Column(_("Young person"), lambda m: text(m.youth.name)),
            Column(_("Mentor"), lambda m: str(m.mentor)),
            Column(_("Status"), lambda m: text(display(m, "status"))),
            Column(_("Since"), lambda m: _day(m.status_changed_at), DATE),
        ),
    )
)

register(
    Export(
        key="mentors.sessions",
        label=_("Coaching sessions per month"),
        url_name="mentors:sessions",
        rows=lambda user, params: selectors.sessions_by_month(user),
        columns=(
            Column(_("Month"), _month, MONTH),
            Column(_("Sessions"), lambda r: r["sessions"]),
            Column(_("Confirmed"), lambda r: r["confirmed"]),
            Column(_("Hours"), lambda r: _hours(r["minutes"])),
        ),
    )
)

register(
    Export(
        key="mentors.waiting",
        label=_("Waiting for a mentor"),
        url_name="mentors:waiting",
        rows=lambda user, params: selectors.waiting(user),
        columns=(
            Column(_("Young person"), lambda w: text(w.youth.name)),
            Column(_("Youth centre"), lambda w: text(w.centre)),
            Column(_("Since"), lambda w: _day(w.created_at), DATE),
            Column(_("Note"), lambda w: text(w.note)),
        ),
    )
)
