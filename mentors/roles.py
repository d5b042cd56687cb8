"""The mentor role (held through ``accounts.MentorRole``, granted by accepting a mentor
invitation): its pages start at the mentor home; mentors see young people's data, so they
sign in with a second factor."""

from django.utils.translation import gettext_lazy as _

from core.roles import Role, register


def is_mentor(user) -> bool:
    role = getattr(user, "mentor_role", None) if user.is_authenticated else None
    return role is not None and role.is_active


register(Role("mentor", _("Mentor"), is_mentor, "mentors:home", True, order=20))
