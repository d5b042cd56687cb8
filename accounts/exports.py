from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.exports import (
    DATE,
    DATETIME,
    BadParams,
    Column,
    Export,
    filtered,
    for_staff,
    register,
    text,
)
from core.templatetags.lists import display

from .forms import InvitationFilter, YouthFilter
from .invitations import KINDS
from .permissions import can_manage_staff
from .selectors import (
    drive_list_base,
    erasure_list_base,
    invitation_list_base,
    staff_list_base,
    youth_list_base,
)
from .templatetags.personal_data import national_id, phone


def _youth_rows(user, params):
    return filtered(YouthFilter, youth_list_base(user), params, user=user)


# The list's columns as it shows them: numbers masked (lists never show them in full).
register(
    Export(
        key="accounts.youth",
        label=_("Young people"),
        url_name="accounts:youth_list",
        rows=_youth_rows,
        columns=(
            Column(_("Name"), lambda p: p.user.name or p.user.email),
            Column(_("Mobile number"), lambda p: phone(p.user.phone) or None),
            Column(_("Resident ID number"), lambda p: national_id(p.national_id) or None),
            Column(_("Youth centre"), lambda p: p.home_centre and str(p.home_centre)),
            Column(_("Education level"), lambda p: display(p, "education_level") or None),
            Column(_("Employment status"), lambda p: display(p, "employment_status") or None),
        ),
    )
)


def _invitation_rows(user, params):
    # The page binds its filter even without parameters (its status filter has a default).
    invitation_filter = InvitationFilter(params, queryset=invitation_list_base(user))
    if not invitation_filter.is_valid():
        raise BadParams(invitation_filter.errors)
    return invitation_filter.qs


def _kind(invitation):
    return text(KINDS.get(invitation.kind).label) if invitation.kind in KINDS else invitation.kind


def _local(moment):
    return timezone.localtime(moment) if moment else None


register(
    Export(
        key="accounts.staff",
        label=_("Staff"),
        url_name="accounts:staff_list",
        rows=lambda user, params: staff_list_base(user),
        columns=(
            Column(_("Name"), lambda s: text(s.user.name)),
            Column(_("E-mail address"), lambda s: text(s.user.email)),
            Column(_("Youth centre"), lambda s: text(s.centre)),
            Column(_("Role"), lambda s: text(display(s, "role"))),
        ),
    )
)

register(
    Export(
        key="accounts.invitations",
        label=_("Invitations"),
        url_name="accounts:invitation_list",
        rows=_invitation_rows,
        columns=(
            Column(_("Invitee"), lambda i: text(i.name)),
            Column(
                _("E-mail address or mobile number"),
                lambda i: text(i.email or phone(i.phone)),
            ),
            Column(_("Invited as"), _kind),
            Column(_("Youth centre"), lambda i: text(i.centre)),
            Column(_("Sent"), lambda i: _local(i.sent_at), DATETIME),
            Column(_("Invited by"), lambda i: text(i.invited_by)),
            Column(_("Status"), lambda i: text(i.shown_status)),
            Column(_("Accepted"), lambda i: _local(i.accepted_at), DATETIME),
        ),
    )
)

register(
    Export(
        key="accounts.erasures",
        label=_("Account deletion requests"),
        url_name="accounts:erasure_list",
        rows=lambda user, params: erasure_list_base(user),
        allowed=lambda user: for_staff(user) and can_manage_staff(user),
        columns=(
            Column(_("Requested"), lambda e: _local(e.requested_at), DATETIME),
            Column(_("Person"), lambda e: text(e.user)),
            Column(_("Youth centre"), lambda e: text(e.centre)),
            Column(_("Status"), lambda e: text(display(e, "status"))),
            Column(_("Decided"), lambda e: _local(e.decided_at), DATETIME),
            Column(_("Decided by"), lambda e: text(e.decided_by)),
        ),
    )
)

register(
    Export(
        key="accounts.drives",
        label=_("Registration drives"),
        url_name="accounts:drive_list",
        rows=lambda user, params: drive_list_base(user),
        columns=(
            Column(_("Event"), lambda d: d.name),
            Column(_("Date"), lambda d: d.date, DATE),
            Column(_("Youth centre"), lambda d: text(d.centre)),
            Column(_("Registered"), lambda d: d.registered),
            Column(_("Capacity"), lambda d: d.capacity),
        ),
    )
)
