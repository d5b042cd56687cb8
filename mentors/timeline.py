"""The young person's mentoring on their timeline: matches started and ended, sessions held
(two queries)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.timeline import Entry, Source, register

from .models import CoachingSession, MatchChange, SessionStatus, Status


def entries(person, viewer):
    from .models import Match

    matches = Match.objects.visible_to(viewer).filter(youth=person).values("pk")
    changes = (
        MatchChange.objects.filter(match__in=matches, to_status__in=(Status.ACTIVE, Status.ENDED))
        .select_related("match__mentor__user")
        .order_by("-created_at")[:50]
    )
    for change in changes:
        name = str(change.match.mentor)
        if change.to_status == Status.ACTIVE:
            what = _("Mentoring with %(name)s started") % {"name": name}
        else:
            what = _("Mentoring with %(name)s ended") % {"name": name}
        yield Entry(
            when=change.created_at,
            what=what,
            url=reverse("mentors:match_detail", args=[change.match_id]),
            app="mentors",
        )
    sessions = (
        CoachingSession.objects.filter(match__in=matches)
        .exclude(status=SessionStatus.PLANNED)
        .select_related("match__mentor__user")
        .order_by("-starts_at")[:50]
    )
    for session in sessions:
        yield Entry(
            when=session.starts_at,
            what=_("Coaching session with %(name)s (%(minutes)s min)")
            % {"name": str(session.match.mentor), "minutes": session.minutes},
            url=reverse("mentors:match_detail", args=[session.match_id]),
            app="mentors",
        )


register(Source(app="mentors", entries=entries))
