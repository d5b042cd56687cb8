"""Reads the pages, services and reminders share."""

from django.db.models import Q
from django.utils import timezone

from accounts.models import StaffProfile, User

from .models import Case, consultations_visible_to


def mediator_candidates(case: Case):
    """Who may carry the case: staff whose centre is the case's or above it, and active
    mediators of an office there."""
    paths = [case.centre.path, *_ancestor_paths(case.centre)]
    staff = User.objects.filter(
        is_active=True, staff_profile__centre__path__in=paths
    ).select_related("staff_profile__centre")
    external = User.objects.filter(
        is_active=True,
        guidance_mediator__is_active=True,
        guidance_mediator__office__centre__path__in=paths,
    ).select_related("guidance_mediator__office")
    return staff, external


def _ancestor_paths(centre) -> list[str]:
    parts = centre.path.rstrip("/").split("/")
    return ["/".join(parts[:i]) + "/" for i in range(1, len(parts))]


def is_candidate(case: Case, user: User) -> bool:
    staff, external = mediator_candidates(case)
    return staff.filter(pk=user.pk).exists() or external.filter(pk=user.pk).exists()


def staff_of(centre) -> list[User]:
    """Staff of the centre, or of the nearest centre above it that has staff."""
    while centre is not None:
        people = [
            p.user
            for p in StaffProfile.objects.filter(
                centre=centre, user__is_active=True
            ).select_related("user")
        ]
        if people:
            return people
        centre = centre.parent
    return []


def awaiting_q(user) -> Q:
    """Cases that await this staff member rather than a colleague: carried by them, by an
    outside mediator (whom the centre's staff follow up), or by nobody yet."""
    return Q(mediator=user) | Q(mediator__isnull=True) | Q(mediator__staff_profile__isnull=True)


def follow_ups_awaiting(consultations, user):
    """Follow-ups due today or earlier, of consultations this staff member logged (the
    reminder goes to them) or that nobody is named for, the earliest first."""
    today = timezone.localdate()
    return consultations.filter(
        Q(created_by=user) | Q(created_by__isnull=True),
        follow_up_on__lte=today,
        followed_up_at__isnull=True,
    ).order_by("follow_up_on", "pk")


def case_list_base(user):
    """The cases of the staff list (its page and its export), most recently active first."""
    return (
        Case.objects.visible_to(user)
        .select_related("centre", "youth", "mediator")
        .only(
            *("kind", "status", "amount_claimed", "amount_recovered", "last_activity_at"),
            *("centre__name", "youth__name", "youth__email", "youth__erased_at"),
            *("mediator__name", "mediator__email", "mediator__erased_at"),
        )
        .order_by("-last_activity_at", "-pk")
    )


def consultation_list_base(user):
    """The consultations of the staff list, newest first."""
    return (
        consultations_visible_to(user)
        .select_related("centre", "youth")
        .only(
            *("topic", "follow_up_on", "followed_up_at", "created_at", "centre__name"),
            *("youth__name", "youth__email", "youth__erased_at"),
        )
        .order_by("-created_at", "-pk")
    )
