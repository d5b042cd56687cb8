"""Invitations: one mechanism for every role that is offered, never imposed.

Staff invite someone by e-mail or mobile number with the role to be given; the invitee opens
a single-use link (valid for 7 days, stored only as a hash), sets a password or signs in with
an account they already have, and only then holds the role. What accepting gives is declared
by the app that owns the role, as a ``Kind`` in ``<app>/invitations.py``: staff and mentors
here, partner members in ``partners``, project team members in ``projects``.
"""

import datetime
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit import services as audit
from core.registry import Registry
from core.scoping import in_scope, is_staff_member
from core.validators import normalize_mobile
from notifications.services import Addressee, notify

from .models import Invitation, MentorRole, OrgUnit, StaffProfile, User, YouthProfile
from .permissions import can_manage_staff

VALID_FOR = datetime.timedelta(days=7)

INVITATION_UNKNOWN = _(
    "This invitation link is not valid. Check that you opened the whole link, or ask the "
    "person who invited you to send it again."
)
INVITATION_EXPIRED = _(
    "This invitation has expired (links are valid for 7 days). Ask the person who invited you "
    "to send a new one."
)
INVITATION_USED = _("This invitation has already been accepted.")
INVITATION_WITHDRAWN = _("This invitation was withdrawn by the person who sent it.")
INVITATION_OTHER_PERSON = _(
    "This invitation was sent to another e-mail address or mobile number than the ones of the "
    "account you are signed in with. Sign out, then open the link again."
)
INVITATION_NEEDS_ADDRESS = _("Give an e-mail address or a mobile number.")
INVITATION_NOT_PENDING = _("Only a pending invitation can be sent again or withdrawn.")
EMAIL_TAKEN = _("An account with this e-mail address exists: sign in with it to accept.")
PHONE_TAKEN = _("An account with this mobile number exists: sign in with it to accept.")


@dataclass(frozen=True)
class Kind:
    code: str
    label: Any
    # Gives the role inside the accepting transaction; raises ValidationError to refuse.
    accept: Callable[[Invitation, User], None]
    # "as loan officer of 青山农村商业银行": what the invitee is offered, for the pages.
    describe: Callable[[Invitation], str]
    # The role (core.roles) the invitee works in right after accepting.
    role: str = ""
    # Offered to young people: the invitee registers as one (with their own consent) or signs
    # in, rather than getting an account made from the invitation.
    for_youth: bool = False
    # An invitation to register (a village's list, accounts/village_lists.py): the link takes a
    # visitor to registration by mobile number, the number filled in and the invitation's centre
    # as home centre, and registering accepts it. It is never sent to a registered number (the
    # inviter sees the same as for anyone: who is registered is not theirs to learn).
    registers: bool = False


KINDS: Registry[Kind] = Registry("invitation kinds", key=lambda k: k.code)
register = KINDS.register


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, _hash(token)


def accept_url(token: str) -> str:
    return settings.SITE_URL + reverse("accounts:invitation_accept", args=[token])


def _send(invitation: Invitation, token: str) -> None:
    """To the address it was made for: e-mail and/or text message, through the outbox."""
    addressee = Addressee(email=invitation.email, phone=invitation.phone, name=invitation.name)
    kind = KINDS.get(invitation.kind)
    if kind.registers and _registered(invitation):
        return
    notify(
        recipient=addressee,
        kind="accounts.invitation",
        # A fresh key per sending: a resend is a new message with a new link.
        key=f"invitation-{invitation.pk}-{invitation.token_hash[:12]}",
        context={
            "invitation": invitation,
            "offer": kind.describe(invitation),
            "inviter": invitation.invited_by,
            "expires_at": invitation.expires_at,
        },
        url=accept_url(token),
    )


def _registered(invitation: Invitation) -> bool:
    by_phone = invitation.phone and User.objects.with_phone(invitation.phone).exists()
    return bool(
        by_phone
        or (invitation.email and User.objects.filter(email__iexact=invitation.email).exists())
    )


@transaction.atomic
def invitation_create(
    *,
    invited_by: User,
    kind: str,
    email: str = "",
    phone: str = "",
    name: str = "",
    centre: OrgUnit | None = None,
    target=None,
    data: dict | None = None,
) -> Invitation:
    """Write the invitation and queue its message. The caller (a view or another app's
    service) has checked that ``invited_by`` may offer this role."""
    if kind not in KINDS:
        raise ValueError(f"unknown invitation kind {kind!r}")
    email = (email or "").strip().lower()
    phone = normalize_mobile(phone) if phone else None
    if not email and not phone:
        raise ValidationError(INVITATION_NEEDS_ADDRESS)
    token, token_hash = _new_token()
    now = timezone.now()
    invitation = Invitation(
        kind=kind,
        name=name,
        email=email,
        phone=phone,
        centre=centre,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        data=data or {},
        token_hash=token_hash,
        expires_at=now + VALID_FOR,
        invited_by=invited_by,
        sent_at=now,
    )
    invitation.full_clean(exclude=["token_hash"])
    invitation.save()
    _send(invitation, token)
    audit.record("invitation.sent", actor=invited_by, target=invitation, data={"kind": kind})
    return invitation


def _managed(invitation: Invitation, actor: User) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not can_manage_invitation(actor, invitation):
        raise PermissionDenied
    if invitation.status != Invitation.Status.PENDING:
        raise ValidationError(INVITATION_NOT_PENDING)
    return invitation


def can_manage_invitation(user, invitation: Invitation) -> bool:
    """Who sent it, or staff whose part of the tree it was sent from."""
    if invitation.invited_by_id == user.pk:
        return True
    if invitation.centre is None:
        return user.is_superuser
    return is_staff_member(user) and in_scope(user, invitation.centre)


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor: User) -> Invitation:
    """A fresh link valid for another 7 days; the old link stops working."""
    invitation = _managed(invitation, actor)
    token, invitation.token_hash = _new_token()
    invitation.sent_at = timezone.now()
    invitation.expires_at = invitation.sent_at + VALID_FOR
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    _send(invitation, token)
    audit.record("invitation.resent", actor=actor, target=invitation)
    return invitation


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation, actor: User) -> Invitation:
    invitation = _managed(invitation, actor)
    invitation.status = Invitation.Status.WITHDRAWN
    invitation.save(update_fields=["status"])
    audit.record("invitation.withdrawn", actor=actor, target=invitation)
    return invitation


def invitation_for_token(token: str, *, lock: bool = False) -> Invitation:
    """The invitation behind a link, or a ValidationError saying plainly why not."""
    if not token or len(token) > 100:
        raise ValidationError(INVITATION_UNKNOWN)
    rows = Invitation.objects.select_related("invited_by", "centre")
    if lock:
        rows = rows.select_for_update(of=("self",))
    invitation = rows.filter(token_hash=_hash(token)).first()
    if invitation is None:
        raise ValidationError(INVITATION_UNKNOWN)
    if invitation.status == Invitation.Status.ACCEPTED:
        raise ValidationError(INVITATION_USED)
    if invitation.status == Invitation.Status.WITHDRAWN:
        raise ValidationError(INVITATION_WITHDRAWN)
    if invitation.expires_at <= timezone.now():
        raise ValidationError(INVITATION_EXPIRED)
    return invitation


def is_addressed_to(invitation: Invitation, user: User) -> bool:
    by_email = bool(invitation.email) and invitation.email == (user.email or "").lower()
    by_phone = invitation.phone_hash is not None and invitation.phone_hash == user.phone_hash
    return by_email or by_phone


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Invitation:
    """The signed-in invitee accepts: the role is theirs from now on."""
    invitation = invitation_for_token(token, lock=True)
    if not is_addressed_to(invitation, user):
        raise ValidationError(INVITATION_OTHER_PERSON)
    KINDS.get(invitation.kind).accept(invitation, user)
    invitation.status = Invitation.Status.ACCEPTED
    invitation.accepted_by = user
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["status", "accepted_by", "accepted_at"])
    audit.record("invitation.accepted", actor=user, target=invitation)
    return invitation


def invitation_accept_on_registration(*, token: str, user: User) -> Invitation | None:
    """Someone who opened an invitation to register has registered: it is accepted. One that
    expired, was withdrawn or went to another number than the one registered meanwhile is left
    as it is; the registration stands on its own."""
    try:
        with transaction.atomic():
            return invitation_accept(token=token, user=user)
    except ValidationError:
        return None


@transaction.atomic
def invitation_accept_new_account(
    *, token: str, name: str, email: str, password: str, language: str
) -> tuple[Invitation, User]:
    """The invitee has no account: one is made with the address the link was sent to (which
    they have just proved is theirs) and the role is given in the same transaction."""
    from allauth.account.models import EmailAddress

    invitation = invitation_for_token(token, lock=True)
    if KINDS.get(invitation.kind).for_youth:
        raise ValidationError(_("Register as a young person first, then open the link again."))
    email = (invitation.email or email or "").strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": EMAIL_TAKEN})
    if invitation.phone and User.objects.with_phone(invitation.phone).exists():
        raise ValidationError(PHONE_TAKEN)
    user = User(email=email, name=name, phone=invitation.phone, language=language)
    user.password = make_password(password)
    user.full_clean(exclude=["password"])
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # the same address registered at the same instant
        raise ValidationError({"email": EMAIL_TAKEN}) from None
    EmailAddress.objects.create(
        user=user, email=email, primary=True, verified=bool(invitation.email)
    )
    return invitation_accept(token=token, user=user), user


# --- the roles given here -------------------------------------------------------------------


def _accept_staff(invitation: Invitation, user: User) -> None:
    if hasattr(user, "youth_profile") or StaffProfile.objects.filter(user=user).exists():
        raise ValidationError(_("This account already belongs to a young person or to staff."))
    StaffProfile.objects.create(
        user=user,
        centre=invitation.centre,
        role=invitation.data.get("role", StaffProfile.Role.OFFICER),
        created_by=invitation.invited_by,
    )


def _describe_staff(invitation: Invitation) -> str:
    role = dict(StaffProfile.Role.choices).get(invitation.data.get("role"), "")
    return _("%(role)s at %(centre)s") % {"role": role, "centre": invitation.centre}


def _accept_mentor(invitation: Invitation, user: User) -> None:
    MentorRole.objects.update_or_create(
        user=user,
        defaults={
            "centre": invitation.centre,
            "is_active": True,
            "granted_by": invitation.invited_by,
        },
    )


def _describe_mentor(invitation: Invitation) -> str:
    return _("Entrepreneurship mentor with %(centre)s") % {"centre": invitation.centre}


def _accept_youth_registration(invitation: Invitation, user: User) -> None:
    profile = YouthProfile.objects.filter(user=user).first()
    if profile is None:
        raise ValidationError(_("Register as a young person first, then open the link again."))
    if profile.home_centre_id is None and invitation.centre_id is not None:
        profile.home_centre = invitation.centre
        profile.save(update_fields=["home_centre", "updated_at"])


def _describe_youth_registration(invitation: Invitation) -> str:
    return _("a young participant registered with %(centre)s") % {"centre": invitation.centre}


register(Kind("staff", _("Staff"), _accept_staff, _describe_staff, role="staff"))
register(Kind("mentor", _("Mentor"), _accept_mentor, _describe_mentor, role="mentor"))
YOUTH_REGISTRATION = register(
    Kind(
        "youth_registration",
        _("Registration as a young person"),
        _accept_youth_registration,
        _describe_youth_registration,
        role="youth",
        for_youth=True,
        registers=True,
    )
)


def staff_invite(*, invited_by: User, kind: str, name: str, email: str, phone: str,
                 centre: OrgUnit, role: str = "") -> Invitation:  # fmt: skip
    """Staff invite staff (coordinators only) or mentors, for their centre or one below."""
    if not in_scope(invited_by, centre):
        raise PermissionDenied
    if kind == "staff" and not can_manage_staff(invited_by):
        raise PermissionDenied
    if kind == "mentor" and not is_staff_member(invited_by):
        raise PermissionDenied
    data = {"role": role or StaffProfile.Role.OFFICER} if kind == "staff" else {}
    return invitation_create(
        invited_by=invited_by, kind=kind, email=email, phone=phone, name=name, centre=centre,
        data=data,
    )  # fmt: skip
