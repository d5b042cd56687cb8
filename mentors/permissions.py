"""What a person may do with a match or session they can see (``visible_to`` decides seeing)."""

from core.scoping import in_scope, is_staff_member

from .models import (
    CHIEF,
    MENTOR,
    STAFF,
    TRANSITIONS,
    YOUTH,
    CoachingSession,
    Match,
    SessionStatus,
    Status,
    is_chief,
)


def roles_in(user, match: Match) -> set[str]:
    """Every part this person plays in the match: its mentor, its young person, staff of
    the young person's centre or above, the chief mentor."""
    roles = set()
    if not user.is_authenticated:
        return roles
    if match.mentor.user_id == user.pk:
        roles.add(MENTOR)
    if match.youth_id == user.pk:
        roles.add(YOUTH)
    if is_staff_member(user) and in_scope(user, match.centre):
        roles.add(STAFF)
    if is_chief(user):
        roles.add(CHIEF)
    return roles


def can_move(user, match: Match, to_status: str) -> bool:
    allowed = TRANSITIONS.get((match.status, to_status), set())
    return bool(allowed & roles_in(user, match))


def is_its_mentor(user, match: Match) -> bool:
    return match.mentor.user_id == user.pk


def can_plan_session(user, match: Match) -> bool:
    return match.status == Status.ACTIVE and is_its_mentor(user, match)


def can_log_session(user, session: CoachingSession) -> bool:
    return session.status == SessionStatus.PLANNED and is_its_mentor(user, session.match)


def can_confirm_session(user, session: CoachingSession) -> bool:
    return session.status == SessionStatus.LOGGED and session.match.youth_id == user.pk


def can_see_private_notes(user, match: Match) -> bool:
    """A mentor's private notes are theirs alone."""
    return is_its_mentor(user, match)


def can_reassign(user, match: Match) -> bool:
    """The chief mentor, and staff of the young person's centre or above, move an active
    match to another mentor."""
    return match.status == Status.ACTIVE and bool({CHIEF, STAFF} & roles_in(user, match))


def can_propose(user, youth_centre) -> bool:
    return is_staff_member(user) and youth_centre is not None and in_scope(user, youth_centre)
