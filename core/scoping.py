"""Who sees what: the one place that turns a user into a slice of the centre tree.

Every app's ``visible_to(user)`` queryset method uses these helpers, so a staff
member of a town sees that town and its villages, never a sibling town. They read
only the user's ``staff_profile`` and the centres' materialised ``path``, so the bottom
layer can hold them without importing ``accounts``.
"""

from django.db.models import Q, QuerySet


def staff_centre(user):
    """The centre a staff member works at, or None for everyone else."""
    if not user.is_authenticated:
        return None
    profile = getattr(user, "staff_profile", None)
    if profile is None:
        return None
    return profile.centre


def in_scope(user, centre) -> bool:
    """Is ``centre`` the user's own or below it? Superusers: always; non-staff: never.
    The per-object twin of ``centre_q``, for checks in services and predicates."""
    if user.is_authenticated and user.is_superuser:
        return True
    own = staff_centre(user)
    return own is not None and centre.is_within(own)


def is_staff_member(user) -> bool:
    return user.is_authenticated and (user.is_superuser or staff_centre(user) is not None)


# The values of ``accounts.StaffProfile.Role`` (which is this class).
class StaffRole:
    COORDINATOR = "coordinator"
    OFFICER = "officer"


def is_coordinator(user) -> bool:
    """Superusers and coordinators: they manage staff, read the audit log, carry out erasures."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    profile = getattr(user, "staff_profile", None)
    return profile is not None and profile.role == StaffRole.COORDINATOR


def is_youth(user) -> bool:
    return user.is_authenticated and hasattr(user, "youth_profile")


def centre_q(user, field: str) -> Q:
    """A filter on ``<field>`` (a FK to OrgUnit; ``""``: the OrgUnit itself) limited to the
    user's subtree.

    Superusers see everything; anyone who is not staff matches nothing.
    """
    if user.is_authenticated and user.is_superuser:
        return Q()
    centre = staff_centre(user)
    if centre is None:
        return Q(pk__in=[])
    lookup = f"{field}__path__startswith" if field else "path__startswith"
    return Q(**{lookup: centre.path})


def scope(queryset: QuerySet, user, *, centre_field: str, own: Q | None = None) -> QuerySet:
    """The usual ``visible_to``: staff see their subtree (superusers everything), everyone
    else only the rows ``own`` picks (their own profile, their projects), anonymous nothing."""
    if not user.is_authenticated:
        return queryset.none()
    if is_staff_member(user):
        return queryset.filter(centre_q(user, centre_field))
    return queryset.filter(own) if own is not None else queryset.none()


def centre_or_ancestor_q(user, field: str) -> Q:
    """Like centre_q, but also matching the centres above the user's own.

    Used for shared resources such as partner enterprises registered by the
    district, which every town below it works with.
    """
    if user.is_authenticated and user.is_superuser:
        return Q()
    centre = staff_centre(user)
    if centre is None:
        return Q(pk__in=[])
    ancestors = ancestor_paths(centre)
    return Q(**{f"{field}__path__startswith": centre.path}) | Q(**{f"{field}__path__in": ancestors})


def scope_key(user) -> str:
    """What decides what ``scope()`` lets the user see, as a key for things kept per slice:
    all of it for superusers, else a staff member's centre path; for anyone else their own
    rows (``own`` names them), so the key is the person ("user:<pk>"), and "" for visitors."""
    if user.is_authenticated and user.is_superuser:
        return "*"
    centre = staff_centre(user)
    if centre is not None:
        return centre.path
    return f"user:{user.pk}" if user.is_authenticated else ""


def ancestor_paths(centre) -> list[str]:
    parts = centre.path.rstrip("/").split("/")
    return ["/".join(parts[:i]) + "/" for i in range(1, len(parts))]
