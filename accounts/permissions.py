"""Plain predicates about what a user may do; views apply them, templates never decide."""

from core.roles import needs_two_factor
from core.scoping import in_scope, is_coordinator, is_staff_member

from .models import StaffProfile


def can_reveal_personal_data(user) -> bool:
    """Full ID and phone numbers: superusers, coordinators, or anyone granted the permission."""
    if not user.is_authenticated:
        return False
    profile = getattr(user, "staff_profile", None)
    if profile is not None and profile.role == StaffProfile.Role.COORDINATOR:
        return True
    return user.is_superuser or user.has_perm("accounts.reveal_personal_data")


def requires_two_factor(user) -> bool:
    """Accounts that can see other people's data sign in with a second factor: superusers and
    every role that sees personal data (staff, mentors, partner members; core.roles)."""
    return needs_two_factor(user)


def can_manage_staff(user) -> bool:
    """Coordinators create staff accounts for their centre and the centres below it."""
    return is_coordinator(user)


def can_edit_partner(user, partner) -> bool:
    """Partners registered above a staff member's centre are shared: seen, not edited."""
    return in_scope(user, partner.centre)


__all__ = [
    "can_edit_partner",
    "can_manage_staff",
    "can_reveal_personal_data",
    "is_staff_member",
    "requires_two_factor",
]
