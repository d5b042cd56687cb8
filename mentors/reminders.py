"""The messages of the mentoring programme (see notifications/registry.py).

Periodic: a request pending 3 days (to the mentor); requests unanswered for 7 days expire (the
sweep expires them through ``services.matches_expire`` and tells the young person); a session
tomorrow (to both); an active match without a session for 30 days (to the mentor); a session
logged 3 days ago and still awaiting the young person's confirmation."""

import datetime

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.registry import Due, Kind, register

from .models import OPEN_STATUSES, CoachingSession, Match, SessionStatus

PENDING_AFTER = datetime.timedelta(days=3)
QUIET_AFTER = datetime.timedelta(days=30)
CONFIRM_AFTER = datetime.timedelta(days=3)


def _url(match_id: int) -> str:
    return settings.SITE_URL + reverse("mentors:match_detail", args=[match_id])


def _pending(now):
    waiting = Match.objects.filter(
        status__in=OPEN_STATUSES, created_at__lte=now - PENDING_AFTER, expires_at__gt=now
    ).select_related("youth", "mentor__user")
    for match in waiting.iterator(chunk_size=200):
        yield Due(
            recipient=match.mentor.user,
            key=f"match-{match.pk}-pending",
            context={"youth_name": match.youth.name, "days": (now - match.created_at).days},
            url=_url(match.pk),
        )


def _expired(now):
    from .services import matches_expire

    for match in matches_expire(now):
        mentor = match.mentor
        yield Due(
            recipient=match.youth,
            key=f"match-{match.pk}-expired",
            context={"mentor_name": str(mentor)},
            url=settings.SITE_URL + reverse("mentors:directory"),
        )


def _tomorrow(now):
    local = timezone.localtime(now)
    start = (local + datetime.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    end = start + datetime.timedelta(days=1)
    sessions = CoachingSession.objects.filter(
        status=SessionStatus.PLANNED, starts_at__gte=start, starts_at__lt=end
    ).select_related("match__youth", "match__mentor__user")
    for session in sessions.iterator(chunk_size=200):
        match = session.match
        for person, other in (
            (match.youth, str(match.mentor)),
            (match.mentor.user, match.youth.name),
        ):
            yield Due(
                recipient=person,
                key=f"session-{session.pk}-tomorrow-user-{person.pk}",
                context={"other_name": other, "when": session.starts_at},
                url=_url(match.pk),
            )


def _quiet(now):
    since = now - QUIET_AFTER
    quiet = (
        Match.objects.quiet(since)
        .annotate(last=Max("sessions__starts_at"))
        .select_related("youth", "mentor__user")
    )
    for match in quiet.iterator(chunk_size=200):
        last = match.last or match.accepted_at
        period = int(last.timestamp()) if last else 0
        yield Due(
            recipient=match.mentor.user,
            key=f"match-{match.pk}-quiet-{period}",
            context={"youth_name": match.youth.name, "days": (now - last).days},
            url=_url(match.pk),
        )


def _to_confirm(now):
    waiting = CoachingSession.objects.filter(
        status=SessionStatus.LOGGED, logged_at__lte=now - CONFIRM_AFTER
    ).select_related("match__youth", "match__mentor__user")
    for session in waiting.iterator(chunk_size=200):
        yield Due(
            recipient=session.match.youth,
            key=f"session-{session.pk}-confirm-again",
            context={"mentor_name": str(session.match.mentor), "when": session.starts_at},
            url=_url(session.match_id),
        )


REQUEST_NEW = register(
    Kind(code="mentors.request_new", label=_("A young person asks me to be their mentor"))
)
MATCH_CHANGED = register(Kind(code="mentors.match_changed", label=_("My mentoring changed")))
SESSION_PLANNED = register(
    Kind(code="mentors.session_planned", label=_("My mentor planned a session"))
)
SESSION_TO_CONFIRM = register(
    Kind(
        code="mentors.session_to_confirm",
        label=_("A coaching session awaits my confirmation"),
        collect=_to_confirm,
    )
)
REQUEST_PENDING = register(
    Kind(
        code="mentors.request_pending",
        label=_("A mentoring request has waited 3 days"),
        collect=_pending,
    )
)
REQUEST_EXPIRED = register(
    Kind(
        code="mentors.request_expired",
        label=_("My mentoring request expired"),
        collect=_expired,
    )
)
SESSION_TOMORROW = register(
    Kind(
        code="mentors.session_tomorrow",
        label=_("A coaching session tomorrow"),
        collect=_tomorrow,
    )
)
NO_SESSION = register(
    Kind(
        code="mentors.no_session",
        label=_("No coaching session for 30 days"),
        channels=("email", "inapp"),
        collect=_quiet,
    )
)
