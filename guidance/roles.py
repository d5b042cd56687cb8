"""The external mediator's role: a person of a mediation office or the legal service centre.
They see other people's personal data (the cases assigned to them), so they sign in with a
second factor, as partners do."""

from django.utils.translation import gettext_lazy as _

from core.roles import Role, register
from core.scoping import is_staff_member, is_youth


def is_external_mediator(user) -> bool:
    """Held by a user with an active Mediator record. Young people, staff, mentors and
    partners cannot hold it (accepting refuses them), so for them no query is made: their
    roles come with the user (accounts/backends.py), and every page asks this."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_guidance_mediator", None)
    if cached is None:
        if (
            is_staff_member(user)
            or is_youth(user)
            or getattr(user, "mentor_role", None) is not None
            or getattr(user, "partner_membership", None) is not None
        ):
            cached = False
        else:
            from .models import Mediator

            cached = Mediator.objects.filter(user=user, is_active=True).exists()
        user._guidance_mediator = cached
    return cached


register(
    Role("mediator", _("Mediator"), is_external_mediator, "guidance:mediator_cases", True, order=35)
)
