"""Mentors, matches and sessions for the mentors tests (built directly, or through services
where the test is about the service)."""

import datetime

from django.utils import timezone

from accounts.models import MentorRole
from mentors.models import CoachingSession, Match, MatchChange, MentorProfile, SessionStatus, Status

from ..factories import MentorRoleFactory


def make_mentor(
    *,
    user=None,
    centre,
    sectors=("agriculture",),
    skills="sales",
    capacity=3,
    service=(),
    active=0,
    chief=False,
    two_factor=False,
    **fields,
) -> MentorProfile:
    if user is None:
        user = MentorRoleFactory(centre=centre, two_factor=two_factor).user
    elif not MentorRole.objects.filter(user=user).exists():
        MentorRoleFactory(user=user, centre=centre, two_factor=two_factor)
    profile = MentorProfile.objects.create(
        user=user,
        centre=centre,
        title=fields.pop("title", "经理"),
        organisation=fields.pop("organisation", "青创公司"),
        sectors=list(sectors),
        skills=skills,
        capacity=capacity,
        active_count=active,
        is_chief=chief,
        **fields,
    )
    profile.service_centres.set(service)
    return profile


def make_match(*, youth, mentor, status=Status.REQUESTED, centre=None, **fields) -> Match:
    centre = centre or youth.youth_profile.home_centre
    now = timezone.now()
    match = Match.objects.create(
        youth=youth,
        mentor=mentor,
        centre=centre,
        status=status,
        expires_at=fields.pop("expires_at", now + datetime.timedelta(days=7)),
        accepted_at=now if status == Status.ACTIVE else None,
        **fields,
    )
    MatchChange.objects.create(match=match, from_status="", to_status=status)
    if status == Status.ACTIVE:
        MentorProfile.objects.filter(pk=mentor.pk).update(active_count=mentor.active_count + 1)
        mentor.refresh_from_db()
    return match


def make_session(*, match, status=SessionStatus.PLANNED, days=2, **fields) -> CoachingSession:
    starts = timezone.now() + datetime.timedelta(days=days)
    if status != SessionStatus.PLANNED:
        fields.setdefault("minutes", 60)
        fields.setdefault("logged_at", timezone.now())
    fields.setdefault("mode", "phone")
    return CoachingSession.objects.create(match=match, starts_at=starts, status=status, **fields)
