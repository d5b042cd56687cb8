"""Reads shared by the pages, matching and the dashboard; each a fixed number of queries."""

import datetime

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import OrgUnit, YouthProfile
from core.scoping import centre_q
from projects.models import VentureProject

from .matching import Offer, Seeker, skill_set
from .models import (
    OPEN_STATUSES,
    Availability,
    CoachingSession,
    Match,
    MentoringWish,
    MentorProfile,
    SessionStatus,
    Status,
)

COUNTED_SESSIONS = (SessionStatus.LOGGED, SessionStatus.CONFIRMED)


def month_start(now=None) -> datetime.datetime:
    local = timezone.localtime(now or timezone.now())
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def minutes_since(since) -> Subquery:
    """Per mentor: minutes of sessions held (logged or confirmed) since ``since``."""
    held = (
        CoachingSession.objects.filter(
            match__mentor=OuterRef("pk"), status__in=COUNTED_SESSIONS, starts_at__gte=since
        )
        .values("match__mentor")
        .annotate(total=Sum("minutes"))
        .values("total")
    )
    return Coalesce(Subquery(held, output_field=IntegerField()), 0)


def mentors_with_load(queryset, since=None):
    """Mentors with their minutes this month and sessions held in it (one query)."""
    since = since or month_start()
    sessions = (
        CoachingSession.objects.filter(
            match__mentor=OuterRef("pk"), status__in=COUNTED_SESSIONS, starts_at__gte=since
        )
        .values("match__mentor")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.select_related("user", "centre").annotate(
        minutes_this_month=minutes_since(since),
        sessions_this_month=Coalesce(Subquery(sessions, output_field=IntegerField()), 0),
    )


def match_list_base(user, status: str = "", quiet: bool = False):
    """The matches the staff list shows the viewer (its page and its export), newest first;
    ``quiet``: only active matches without a session for QUIET_AFTER (the work queue's link)."""
    from .reminders import QUIET_AFTER

    matches = Match.objects.visible_to(user).select_related("mentor__user", "youth")
    if status:
        matches = matches.filter(status=status)
    if quiet:
        matches = matches.quiet(timezone.now() - QUIET_AFTER)
    return matches.order_by("-status_changed_at", "-id")


def staff_list_base(user):
    """The mentors of the staff list, with their load, in its order."""
    return mentors_with_load(MentorProfile.objects.visible_to(user)).order_by("pk")


def waiting(user):
    """Wishes of young people in the viewer's scope with no active or open match: the
    waiting list, oldest first."""
    busy = Match.objects.filter(youth=OuterRef("youth"), status__in=(Status.ACTIVE, *OPEN_STATUSES))
    return (
        MentoringWish.objects.filter(centre_q(user, "centre"))
        .exclude(Exists(busy))
        .select_related("youth", "centre")
        .order_by("created_at", "pk")
    )


def _youth_project(user_ids) -> dict[int, VentureProject]:
    projects = (
        VentureProject.objects.filter(lead_id__in=user_ids)
        .exclude(stage__in=("closed", "rejected"))
        .only("pk", "name", "sector", "lead_id")
        .order_by("lead_id", "-pk")
    )
    found: dict[int, VentureProject] = {}
    for project in projects:
        found.setdefault(project.lead_id, project)
    return found


def seekers_for(user_ids: list[int]) -> tuple[list[Seeker], dict[int, VentureProject]]:
    """Seekers for these young people (their interests, skills, centre and project)."""
    profiles = YouthProfile.objects.filter(user_id__in=user_ids).select_related(
        "user", "home_centre"
    )
    projects = _youth_project(user_ids)
    by_user = {p.user_id: p for p in profiles}
    seekers = []
    for uid in user_ids:
        profile = by_user.get(uid)
        if profile is None:
            continue
        sectors = set(profile.sectors or [])
        if uid in projects:
            sectors.add(projects[uid].sector)
        seekers.append(
            Seeker(
                key=uid,
                sectors=frozenset(sectors),
                skills=skill_set(profile.skills),
                centre_path=profile.home_centre.path if profile.home_centre_id else "",
                label=profile.user.name or str(profile.user),
            )
        )
    return seekers, projects


def offer_of(mentor: MentorProfile) -> Offer:
    paths = tuple(c.path for c in mentor.service_centres.all()) or (mentor.centre.path,)
    return Offer(
        key=mentor.pk,
        sectors=frozenset(mentor.sectors or []),
        skills=skill_set(mentor.skills),
        service_paths=paths,
        capacity=mentor.capacity,
        active=mentor.active_count,
        open=mentor.availability == Availability.OPEN and mentor.user.mentor_role.is_active,
        label=str(mentor),
    )


def offers_for(user) -> tuple[list[Offer], dict[int, MentorProfile]]:
    """Every mentor the viewer may match with (fixed queries: mentors and service areas)."""
    mentors = list(
        MentorProfile.objects.visible_to(user)
        .select_related("user", "user__mentor_role", "centre")
        .prefetch_related(Prefetch("service_centres", queryset=OrgUnit.objects.only("path")))
        .order_by("pk")
    )
    return [offer_of(m) for m in mentors], {m.pk: m for m in mentors}


def sessions_by_month(user, months: int = 12):
    """Sessions held and their hours per month, in the viewer's scope (one aggregate query)."""
    from django.db.models.functions import TruncMonth

    since = month_start() - datetime.timedelta(days=31 * (months - 1))
    since = since.replace(day=1)
    return (
        CoachingSession.objects.visible_to(user)
        .filter(status__in=COUNTED_SESSIONS, starts_at__gte=since)
        .annotate(month=TruncMonth("starts_at"))
        .values("month")
        .annotate(
            sessions=Count("pk"),
            minutes=Sum("minutes"),
            confirmed=Count("pk", filter=Q(status=SessionStatus.CONFIRMED)),
        )
        .order_by("-month")
    )


def home_for_mentor(mentor: MentorProfile, now=None) -> dict:
    now = now or timezone.now()
    matches = Match.objects.filter(mentor=mentor).select_related("youth", "centre")
    sessions = CoachingSession.objects.filter(match__mentor=mentor).select_related("match__youth")
    held = sessions.filter(status__in=COUNTED_SESSIONS, starts_at__gte=month_start(now))
    return {
        "mentees": matches.filter(status=Status.ACTIVE).order_by("-accepted_at"),
        "pending": matches.filter(status__in=OPEN_STATUSES).order_by("created_at"),
        "upcoming": sessions.filter(status=SessionStatus.PLANNED).order_by("starts_at")[:10],
        "recent": sessions.exclude(status=SessionStatus.PLANNED)[:10],
        "minutes_this_month": held.aggregate(total=Sum("minutes"))["total"] or 0,
    }
