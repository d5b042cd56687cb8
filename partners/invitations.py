"""Partner members join by invitation: staff in scope invite a contact of an enterprise or an
officer of a bank; accepting makes them a member of that one organisation."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.invitations import Kind, invitation_create, register
from core.scoping import is_staff_member, is_youth

from .models import Bank, Enterprise, PartnerMember
from .permissions import can_invite_member

ALREADY_MEMBER = _(
    "This account already signs in for a partner organisation. One account belongs to one "
    "organisation: use another e-mail address or mobile number."
)
NOT_FOR_STAFF_OR_YOUTH = _(
    "This account belongs to a young person or to staff. Partners sign in with an account of "
    "their own: sign out and create one from the invitation link."
)


def _organisation(invitation):
    model = {"partners.enterprise": Enterprise, "partners.bank": Bank}[invitation.target_type]
    return model.objects.get(pk=invitation.target_id)


def _accept(invitation, user) -> None:
    if is_staff_member(user) or is_youth(user):
        raise ValidationError(NOT_FOR_STAFF_OR_YOUTH)
    if PartnerMember.objects.filter(user=user).exists():
        raise ValidationError(ALREADY_MEMBER)
    organisation = _organisation(invitation)
    PartnerMember.objects.create(
        user=user,
        enterprise=organisation if isinstance(organisation, Enterprise) else None,
        bank=organisation if isinstance(organisation, Bank) else None,
        role=invitation.data.get("role", PartnerMember.Role.CONTACT),
    )


def _describe(invitation) -> str:
    role = dict(PartnerMember.Role.choices).get(invitation.data.get("role"), "")
    return _("%(role)s of %(organisation)s") % {
        "role": role,
        "organisation": _organisation(invitation),
    }


register(Kind("partner", _("Partner member"), _accept, _describe, role="partner"))


def partner_member_invite(*, invited_by, organisation, name: str, email: str, phone: str,
                          role: str):  # fmt: skip
    if not can_invite_member(invited_by, organisation):
        raise PermissionDenied
    return invitation_create(
        invited_by=invited_by,
        kind="partner",
        name=name,
        email=email,
        phone=phone,
        centre=organisation.centre,
        target=organisation,
        data={"role": role},
    )
