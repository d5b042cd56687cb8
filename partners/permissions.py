"""What staff and partner members may do with partner organisations."""

from core.scoping import in_scope, is_staff_member


def can_invite_member(user, organisation) -> bool:
    """Staff who may edit the organisation (its centre is theirs or below) invite its people."""
    return is_staff_member(user) and in_scope(user, organisation.centre)


def membership_of(user):
    """The active PartnerMember of a signed-in partner, or None."""
    member = getattr(user, "partner_membership", None) if user.is_authenticated else None
    return member if member is not None and member.is_active else None
