"""Authentication backends that load, with the signed-in user, what every page asks of them:
their staff profile and centre, youth profile, mentor role and partner membership (one query
instead of five on each request; core.roles and core.scoping read them)."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from core import changes
from core.prepared import PreparedQuery
from notifications.models import unread_inbox_count

from .models import User

PER_REQUEST = (
    "staff_profile__centre",
    "youth_profile",
    "mentor_role",
    "partner_membership",
)


def signed_in_user(user_id):
    """The user with their roles and, for the inbox badge every page shows, their unread
    messages (one query, not two)."""
    users = User.objects.select_related(*PER_REQUEST).annotate(
        inbox_unread_count=unread_inbox_count()
    )
    # And, on PostgreSQL, how many writes each table has had: the version of the pages kept
    # until changed (core/changes.py), without a query of their own.
    counts = changes.counts_expression()
    if counts is not None:
        users = users.annotate(data_changes=counts)
    return users.filter(pk=user_id)[:1]


# Asked on every request: compiled once per connection (core/prepared.py).
_SIGNED_IN_USER = PreparedQuery(signed_in_user)


class _LoadsRoles:
    def get_user(self, user_id):
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        user = _SIGNED_IN_USER.first(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(_LoadsRoles, DjangoModelBackend):
    pass


class AuthenticationBackend(_LoadsRoles, AllauthBackend):
    pass
