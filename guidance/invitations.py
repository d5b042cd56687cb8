"""External mediators join by invitation: staff invite a person of a mediation office or the
legal service centre; accepting makes them a mediator of that office, who sees only the cases
assigned to them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.invitations import Kind, invitation_create, register
from core.scoping import in_scope, is_staff_member, is_youth

from .models import Mediator, Office

NOT_FOR_OTHERS = _(
    "This account belongs to a young person, staff, a mentor or a partner. Mediators sign in "
    "with an account of their own: sign out and create one from the invitation link."
)
ALREADY_MEDIATOR = _("This account is already a mediator.")


def _accept(invitation, user) -> None:
    if (
        is_staff_member(user)
        or is_youth(user)
        or hasattr(user, "mentor_role")
        or hasattr(user, "partner_membership")
    ):
        raise ValidationError(NOT_FOR_OTHERS)
    if Mediator.objects.filter(user=user).exists():
        raise ValidationError(ALREADY_MEDIATOR)
    office = Office.objects.get(pk=invitation.target_id)
    Mediator.objects.create(user=user, office=office)


def _describe(invitation) -> str:
    office = Office.objects.get(pk=invitation.target_id)
    return _("mediator of %(office)s") % {"office": office}


register(Kind("mediator_external", _("Mediator"), _accept, _describe, role="mediator"))


def mediator_invite(*, invited_by, office: Office, name: str, email: str, phone: str):
    """Staff whose scope holds the office's centre invite one of its people."""
    if not is_staff_member(invited_by) or not in_scope(invited_by, office.centre):
        raise PermissionDenied
    return invitation_create(
        invited_by=invited_by,
        kind="mediator_external",
        name=name,
        email=email,
        phone=phone,
        centre=office.centre,
        target=office,
    )
