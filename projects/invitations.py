"""Team members join a venture project by invitation: the lead gives e-mail addresses or mobile
numbers, each gets an invitation, and the person is on the team only once they accept. The
lead hears the same whether or not an address belongs to a registered young person."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.invitations import Kind, invitation_create, register
from accounts.models import Invitation
from core.scoping import is_youth

from .models import VentureProject

MEMBER_MUST_BE_YOUTH = _(
    "Team members are registered young people. Register (or sign in with the account you "
    "registered), then open the invitation link again."
)
PROJECT_GONE = _("This project no longer takes new team members.")


def _project(invitation) -> VentureProject:
    return VentureProject.objects.get(pk=invitation.target_id)


def _accept(invitation, user) -> None:
    if not is_youth(user):
        raise ValidationError(MEMBER_MUST_BE_YOUTH)
    project = VentureProject.objects.select_for_update().filter(pk=invitation.target_id).first()
    if project is None or project.stage in ("closed", "rejected"):
        raise ValidationError(PROJECT_GONE)
    if project.lead_id != user.pk:
        project.members.add(user)


def _describe(invitation) -> str:
    return _("team member of the venture project “%(name)s”") % {"name": _project(invitation)}


register(
    Kind(
        "project_member",
        _("Project team member"),
        _accept,
        _describe,
        role="youth",
        for_youth=True,
    )
)


def project_members_invite(*, project: VentureProject, lead, addresses) -> int:
    """Invite each ``("email"|"phone", value)`` once per project; returns how many were
    addressed (the same number whatever the addresses belong to)."""
    if project.lead_id != lead.pk:
        raise PermissionDenied
    sent = 0
    for channel, value in addresses:
        if channel == "email" and value == (lead.email or "").lower():
            continue
        pending = Invitation.objects.pending().filter(
            kind="project_member", target_type="projects.ventureproject", target_id=str(project.pk)
        )
        already = pending.filter(email=value) if channel == "email" else pending.with_phone(value)
        if not already.exists():
            invitation_create(
                invited_by=lead,
                kind="project_member",
                email=value if channel == "email" else "",
                phone=value if channel == "phone" else "",
                centre=project.centre,
                target=project,
            )
        sent += 1
    return sent
