from django.utils.translation import gettext_lazy as _

from core.exports import DATE, Column, Export, filtered, register, text
from core.templatetags.lists import display

from .forms import MemberFilter
from .selectors import member_counts, member_list_base, newsstand_list_base


def _member_rows(user, params):
    return filtered(MemberFilter, member_list_base(user), params, user=user)


register(
    Export(
        key="facilities.members",
        label=_("Book club"),
        url_name="facilities:members",
        rows=_member_rows,
        columns=(
            Column(_("Card number"), lambda m: m.card_number),
            Column(_("Name"), lambda m: m.name),
            Column(_("Youth centre"), lambda m: text(m.centre.name)),
            Column(_("Joined on"), lambda m: m.joined_on, DATE),
            Column(_("Status"), lambda m: text(display(m, "status"))),
            Column(_("Books on loan"), lambda m: m.books_on_loan),
        ),
    )
)

register(
    Export(
        key="facilities.newsstands",
        label=_("Newsstands"),
        url_name="facilities:newsstands",
        rows=lambda user, params: newsstand_list_base(user),
        columns=(
            Column(_("Name"), lambda s: s.name),
            Column(_("Address"), lambda s: text(s.address)),
            Column(_("Youth centre"), lambda s: text(s.centre.name)),
            Column(_("Opened on"), lambda s: s.opened_on, DATE),
            Column(_("Status"), lambda s: text(display(s, "status"))),
        ),
    )
)

register(
    Export(
        key="facilities.member_counts",
        label=_("Book club members by centre"),
        url_name="facilities:member_counts",
        rows=lambda user, params: member_counts(user),
        columns=(
            Column(_("Youth centre"), lambda r: text(r["centre__name"])),
            Column(_("Active members"), lambda r: r["active"]),
            Column(_("All members"), lambda r: r["total"]),
        ),
    )
)
