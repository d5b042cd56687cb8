"""Every change to mentor profiles, matches and coaching sessions: one transaction each, with
history, audit and messages.

Capacity is the database's: accepting raises the mentor's ``active_count`` with a conditional
UPDATE (``... WHERE active_count < capacity``), which PostgreSQL re-checks after any concurrent
accept commits, and a check constraint holds ``active_count <= capacity``; the young person's
one active match is a partial unique constraint.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit, Sector, User, YouthProfile
from audit import services as audit
from core.images import process_avatar
from notifications.services import notify

from .models import (
    ALREADY_OPEN,
    CAPACITY_BELOW_LOAD,
    MENTOR_FULL,
    OPEN_STATUSES,
    SYSTEM,
    TRANSITIONS,
    YOUTH_HAS_MENTOR,
    Availability,
    CoachingSession,
    Match,
    MatchChange,
    MentoringWish,
    MentorProfile,
    SessionStatus,
    Status,
)
from .permissions import (
    can_confirm_session,
    can_log_session,
    can_move,
    can_plan_session,
    can_propose,
    can_reassign,
)

REQUEST_DAYS = 7
ILLEGAL_MOVE = _("This match cannot move from “%(from)s” to “%(to)s”.")
NOT_YOUR_MOVE = _("You cannot make this change to the match.")
STALE = _("The match has just been changed by someone else. Please look again.")
REASON_REQUIRED = _("Please give a reason: the other side will read it.")
NOT_A_MENTOR = _("Only an active mentor can have a mentor profile.")
NOT_IN_DIRECTORY = _("This mentor is not taking new mentees at the moment.")
NOT_YOUTH = _("Only a registered young person can be matched with a mentor.")
NO_CENTRE = _("Choose your youth centre in your profile first.")
SESSION_PAST = _("Plan the session for a time in the future.")
SESSION_NOT_HELD = _("A session can be logged once its time has come.")
SESSION_STATE = _("This session cannot be changed now.")
REQUEST_EXPIRED = _("This request has expired.")
SAME_MENTOR = _("Choose another mentor.")
BAD_SECTOR = _("Choose sectors from the list.")


def _match_url(match: Match) -> str:
    return settings.SITE_URL + reverse("mentors:match_detail", args=[match.pk])


def _sectors(sectors) -> list[str]:
    valid = set(Sector.values)
    sectors = list(dict.fromkeys(sectors))
    if any(s not in valid for s in sectors):
        raise ValidationError({"sectors": BAD_SECTOR})
    return sectors


# --- mentor profiles ------------------------------------------------------------------------


@transaction.atomic
def mentor_profile_save(
    *,
    user: User,
    title: str,
    organisation: str,
    sectors: list[str],
    skills: str,
    service_centres,
    bio: str,
    capacity: int,
    availability: str,
    photo=None,
) -> MentorProfile:
    """The mentor completes or edits their profile. The chief-mentor flag is staff's
    (``mentor_chief_set``); the load only the match services change."""
    role = getattr(user, "mentor_role", None)
    if role is None or not role.is_active:
        raise PermissionDenied(NOT_A_MENTOR)
    profile = MentorProfile.objects.select_for_update().filter(user=user).first()
    created = profile is None
    if created:
        profile = MentorProfile(user=user, centre=role.centre)
    profile.title = title
    profile.organisation = organisation
    profile.sectors = _sectors(sectors)
    profile.skills = skills
    profile.bio = bio
    profile.capacity = capacity
    profile.availability = availability
    # The row is locked: no accept can raise the load before this save (the constraint
    # would refuse it anyway); said here so that the message sits under the field.
    if isinstance(capacity, int) and capacity < profile.active_count:
        raise ValidationError({"capacity": CAPACITY_BELOW_LOAD})
    profile.full_clean(exclude=["photo", "user"])
    if photo is not None:
        content = process_avatar(photo)
        profile.photo.save(content.name, content, save=False)
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError:
        raise ValidationError({"capacity": CAPACITY_BELOW_LOAD}) from None
    profile.service_centres.set(service_centres)
    audit.record(
        "mentor.profile_created" if created else "mentor.profile_changed",
        actor=user,
        target=profile,
    )
    return profile


@transaction.atomic
def mentor_chief_set(*, mentor: MentorProfile, actor: User, is_chief: bool) -> MentorProfile:
    """Staff of the mentor's centre or above name the chief mentor (or take it back)."""
    from core.scoping import in_scope

    mentor = MentorProfile.objects.select_for_update().get(pk=mentor.pk)
    if not in_scope(actor, mentor.centre):
        raise PermissionDenied
    mentor.is_chief = is_chief
    mentor.save(update_fields=["is_chief", "updated_at"])
    audit.record("mentor.chief_changed", actor=actor, target=mentor, data={"chief": is_chief})
    return mentor


# --- asking for a mentor --------------------------------------------------------------------


def _youth_centre(youth: User) -> OrgUnit:
    profile = YouthProfile.objects.filter(user=youth).select_related("home_centre").first()
    if profile is None:
        raise ValidationError(NOT_YOUTH)
    if profile.home_centre is None:
        raise ValidationError(NO_CENTRE)
    return profile.home_centre


@transaction.atomic
def mentoring_wish_create(*, youth: User, note: str) -> MentoringWish:
    """A young person asks the centre to find them a mentor (the waiting list)."""
    centre = _youth_centre(youth)
    if Match.objects.filter(youth=youth, status=Status.ACTIVE).exists():
        raise ValidationError(YOUTH_HAS_MENTOR)
    wish, _created = MentoringWish.objects.update_or_create(
        youth=youth, defaults={"centre": centre, "note": note}
    )
    wish.full_clean()
    audit.record("mentor.wish_created", actor=youth, target=wish)
    return wish


def _open_match(*, youth, mentor, status, actor, message="", project=None) -> Match:
    centre = _youth_centre(youth)
    if Match.objects.filter(youth=youth, status=Status.ACTIVE).exists():
        raise ValidationError(YOUTH_HAS_MENTOR)
    if project is None:
        from .selectors import _youth_project

        project = _youth_project([youth.pk]).get(youth.pk)
    match = Match(
        youth=youth,
        mentor=mentor,
        centre=centre,
        project=project,
        status=status,
        message=message,
        proposed_by=actor if status == Status.PROPOSED else None,
        expires_at=timezone.now() + datetime.timedelta(days=REQUEST_DAYS),
    )
    match.full_clean(exclude=["youth", "mentor", "centre", "project", "proposed_by"])
    try:
        with transaction.atomic():
            match.save()
    except IntegrityError:
        raise ValidationError(ALREADY_OPEN) from None
    MatchChange.objects.create(match=match, from_status="", to_status=status, actor=actor)
    audit.record("mentor.match_opened", actor=actor, target=match, data={"status": status})
    notify(
        recipient=mentor.user,
        kind="mentors.request_new",
        key=f"match-{match.pk}-new",
        context={"youth_name": youth.name or "", "proposed": status == Status.PROPOSED},
        url=_match_url(match),
    )
    return match


@transaction.atomic
def match_request(*, youth: User, mentor: MentorProfile, message: str) -> Match:
    """A young person asks a mentor from the directory."""
    if not MentorProfile.objects.directory().filter(pk=mentor.pk).exists():
        raise ValidationError(NOT_IN_DIRECTORY)
    return _open_match(
        youth=youth, mentor=mentor, status=Status.REQUESTED, actor=youth, message=message
    )


@transaction.atomic
def match_propose(*, actor: User, youth: User, mentor: MentorProfile) -> Match:
    """Staff propose a mentor to a young person of their part of the tree."""
    if not can_propose(actor, _youth_centre(youth)):
        raise PermissionDenied
    if not MentorProfile.objects.visible_to(actor).filter(pk=mentor.pk).exists():
        raise PermissionDenied
    if mentor.availability != Availability.OPEN:
        raise ValidationError(NOT_IN_DIRECTORY)
    return _open_match(youth=youth, mentor=mentor, status=Status.PROPOSED, actor=actor)


def matches_publish(*, actor: User, pairs: list[tuple[User, MentorProfile]]) -> tuple[int, int]:
    """Staff publish the reviewed proposal of "match everyone waiting": each pair becomes a
    proposal to the mentor, in its own transaction; a pair that no longer fits (the young
    person found a mentor meanwhile) is skipped. Returns (published, skipped)."""
    published = skipped = 0
    for youth, mentor in pairs:
        try:
            match_propose(actor=actor, youth=youth, mentor=mentor)
            published += 1
        except ValidationError:
            skipped += 1
    return published, skipped


# --- moving a match -------------------------------------------------------------------------


def _move(match: Match, to_status: str, actor, reason: str = "") -> Match:
    from_status = match.status
    match.status = to_status
    match.status_changed_at = timezone.now()
    match.save()
    MatchChange.objects.create(
        match=match, from_status=from_status, to_status=to_status, actor=actor, reason=reason
    )
    audit.record(
        "mentor.match_moved",
        actor=actor,
        target=match,
        data={"from": from_status, "to": to_status},
    )
    return match


def _locked(match: Match, expected_status: str | None) -> Match:
    match = (
        Match.objects.select_for_update(of=("self",))
        .select_related("mentor", "centre")
        .get(pk=match.pk)
    )
    if expected_status is not None and match.status != expected_status:
        raise ValidationError(STALE)
    return match


def _check_move(match: Match, to_status: str, actor) -> None:
    if (match.status, to_status) not in TRANSITIONS:
        labels = dict(Status.choices)
        raise ValidationError(
            ILLEGAL_MOVE, params={"from": labels[match.status], "to": labels[to_status]}
        )
    if not can_move(actor, match, to_status):
        raise ValidationError(NOT_YOUR_MOVE)


def _tell(match: Match, actor, recipients) -> None:
    for person in recipients:
        if person.pk == actor.pk:
            continue
        notify(
            recipient=person,
            kind="mentors.match_changed",
            key=f"match-{match.pk}-{match.status}-user-{person.pk}",
            context={"match": match, "reason": match.end_reason},
            url=_match_url(match),
        )


@transaction.atomic
def match_accept(*, match: Match, actor: User, expected_status: str | None = None) -> Match:
    """The mentor takes the young person on, if a place is free (decided by the database)."""
    # Every match of the young person is locked first, in one order: two mentors accepting
    # the same young person at once queue here (the second then finds them taken) instead of
    # deadlocking on the one-active-match index.
    youth_id = Match.objects.values_list("youth_id", flat=True).get(pk=match.pk)
    list(Match.objects.select_for_update(of=("self",)).filter(youth_id=youth_id).order_by("pk"))
    match = _locked(match, expected_status)
    if Match.objects.filter(youth_id=youth_id, status=Status.ACTIVE).exclude(pk=match.pk).exists():
        raise ValidationError(YOUTH_HAS_MENTOR)
    _check_move(match, Status.ACTIVE, actor)
    if match.expires_at and match.expires_at <= timezone.now():
        raise ValidationError(REQUEST_EXPIRED)
    taken = MentorProfile.objects.filter(pk=match.mentor_id, active_count__lt=F("capacity")).update(
        active_count=F("active_count") + 1
    )
    if not taken:
        raise ValidationError(MENTOR_FULL)
    match.accepted_at = timezone.now()
    try:
        with transaction.atomic():
            _move(match, Status.ACTIVE, actor)
    except IntegrityError:
        raise ValidationError(YOUTH_HAS_MENTOR) from None
    # The young person has a mentor: other open requests of theirs are answered, and they
    # leave the waiting list.
    for other in Match.objects.select_for_update().filter(
        youth=match.youth_id, status__in=OPEN_STATUSES
    ):
        _move(other, Status.DECLINED, None, reason=str(YOUTH_HAS_MENTOR))
    MentoringWish.objects.filter(youth=match.youth_id).delete()
    _tell(match, actor, [match.youth])
    return match


@transaction.atomic
def match_decline(
    *, match: Match, actor: User, reason: str = "", expected_status: str | None = None
) -> Match:
    """The mentor declines, the young person withdraws or staff withdraw a proposal."""
    match = _locked(match, expected_status)
    _check_move(match, Status.DECLINED, actor)
    match.end_reason = reason.strip()
    _move(match, Status.DECLINED, actor, reason=match.end_reason)
    _tell(match, actor, [match.youth, match.mentor.user])
    return match


def _end(match: Match, actor, reason: str) -> Match:
    match.end_reason = reason
    match.ended_at = timezone.now()
    _move(match, Status.ENDED, actor, reason=reason)
    MentorProfile.objects.filter(pk=match.mentor_id, active_count__gt=0).update(
        active_count=F("active_count") - 1
    )
    return match


@transaction.atomic
def match_end(
    *, match: Match, actor: User, reason: str, expected_status: str | None = None
) -> Match:
    """Either side, staff in scope or the chief mentor end an active match, with a reason.
    The match stays in history."""
    match = _locked(match, expected_status)
    _check_move(match, Status.ENDED, actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    _end(match, actor, reason)
    _tell(match, actor, [match.youth, match.mentor.user])
    return match


@transaction.atomic
def match_reassign(*, match: Match, actor: User, mentor: MentorProfile, reason: str) -> Match:
    """The chief mentor (or staff) move an active match to another mentor: the match ends
    with the reason and the new mentor receives a proposal."""
    match = _locked(match, Status.ACTIVE)
    if not can_reassign(actor, match):
        raise PermissionDenied
    if mentor.pk == match.mentor_id:
        raise ValidationError({"mentor": SAME_MENTOR})
    if mentor.availability != Availability.OPEN or mentor.active_count >= mentor.capacity:
        raise ValidationError({"mentor": NOT_IN_DIRECTORY})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    _end(match, actor, reason)
    _tell(match, actor, [match.youth, match.mentor.user])
    return _open_match(
        youth=match.youth,
        mentor=mentor,
        status=Status.PROPOSED,
        actor=actor,
        project=match.project,
    )


def matches_expire(now=None) -> list[Match]:
    """Requests and proposals unanswered for 7 days expire (run by the reminders' sweep)."""
    now = now or timezone.now()
    expired = []
    due = Match.objects.filter(status__in=OPEN_STATUSES, expires_at__lte=now)
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            match = (
                Match.objects.select_for_update().filter(pk=pk, status__in=OPEN_STATUSES).first()
            )
            if match is None:
                continue
            assert SYSTEM in TRANSITIONS[(match.status, Status.EXPIRED)]
            _move(match, Status.EXPIRED, None)
            expired.append(match)
    return expired


# --- coaching sessions ----------------------------------------------------------------------


@transaction.atomic
def session_plan(*, match: Match, actor: User, starts_at, mode: str) -> CoachingSession:
    match = Match.objects.select_for_update(of=("self",)).select_related("mentor").get(pk=match.pk)
    if not can_plan_session(actor, match):
        raise PermissionDenied
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": SESSION_PAST})
    session = CoachingSession(match=match, starts_at=starts_at, mode=mode)
    session.full_clean(exclude=["match"])
    session.save()
    audit.record("mentor.session_planned", actor=actor, target=session)
    notify(
        recipient=match.youth,
        kind="mentors.session_planned",
        key=f"session-{session.pk}-planned",
        context={"mentor_name": str(match.mentor), "when": session.starts_at},
        url=_match_url(match),
    )
    return session


@transaction.atomic
def session_log(
    *,
    session: CoachingSession,
    actor: User,
    minutes: int,
    topics: str,
    notes: str,
    next_steps: str,
    private_notes: str,
) -> CoachingSession:
    """The mentor records a session after it took place; the young person confirms it."""
    session = (
        CoachingSession.objects.select_for_update(of=("self",))
        .select_related("match", "match__mentor", "match__youth")
        .get(pk=session.pk)
    )
    if not can_log_session(actor, session):
        raise ValidationError(SESSION_STATE)
    if session.starts_at > timezone.now():
        raise ValidationError(SESSION_NOT_HELD)
    session.minutes = minutes
    session.topics = topics
    session.notes = notes
    session.next_steps = next_steps
    session.private_notes = private_notes
    session.status = SessionStatus.LOGGED
    session.logged_at = timezone.now()
    session.full_clean(exclude=["match"])
    session.save()
    audit.record("mentor.session_logged", actor=actor, target=session)
    notify(
        recipient=session.match.youth,
        kind="mentors.session_to_confirm",
        key=f"session-{session.pk}-confirm",
        context={"mentor_name": str(session.match.mentor), "when": session.starts_at},
        url=_match_url(session.match),
    )
    return session


@transaction.atomic
def session_confirm(
    *, session: CoachingSession, actor: User, rating: int | None
) -> CoachingSession:
    """The young person confirms the session took place, and may rate it (1 to 5)."""
    session = (
        CoachingSession.objects.select_for_update(of=("self",))
        .select_related("match")
        .get(pk=session.pk)
    )
    if not can_confirm_session(actor, session):
        raise ValidationError(SESSION_STATE)
    session.rating = rating
    session.status = SessionStatus.CONFIRMED
    session.confirmed_at = timezone.now()
    session.full_clean(exclude=["match"])
    session.save()
    audit.record("mentor.session_confirmed", actor=actor, target=session)
    return session
