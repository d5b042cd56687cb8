"""The young person's mentoring on their timeline: matches started and ended, sessions held
(two parts of the one timeline query, core/timeline.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.timeline import Entry, Part, Source, moment, register

from .models import CoachingSession, MatchChange, SessionStatus, Status

MENTOR = {"name": "match__mentor__user__name", "mentor_user": "match__mentor__user_id"}


def _name(row) -> str:
    # As Mentor.__str__: the name, else what the account shows (rare: one query then).
    return row["name"] or str(User.objects.get(pk=row["mentor_user"]))


def parts(person, viewer):
    from .models import Match

    matches = Match.objects.visible_to(viewer).filter(youth=person).values("pk")

    def changed(row):
        if row["status"] == Status.ACTIVE:
            what = _("Mentoring with %(name)s started") % {"name": _name(row)}
        else:
            what = _("Mentoring with %(name)s ended") % {"name": _name(row)}
        return Entry(
            when=moment(row["at"]),
            what=what,
            url=reverse("mentors:match_detail", args=[row["match"]]),
            app="mentors",
        )

    def held(row):
        return Entry(
            when=moment(row["at"]),
            what=_("Coaching session with %(name)s (%(minutes)s min)")
            % {"name": _name(row), "minutes": row["minutes"]},
            url=reverse("mentors:match_detail", args=[row["match"]]),
            app="mentors",
        )

    return [
        Part(
            MatchChange.objects.filter(
                match__in=matches, to_status__in=(Status.ACTIVE, Status.ENDED)
            ).order_by("-created_at"),
            {"at": "created_at", "status": "to_status", "match": "match_id", **MENTOR},
            changed,
        ),
        Part(
            CoachingSession.objects.filter(match__in=matches)
            .exclude(status=SessionStatus.PLANNED)
            .order_by("-starts_at"),
            {"at": "starts_at", "minutes": "minutes", "match": "match_id", **MENTOR},
            held,
        ),
    ]


register(Source(app="mentors", parts=parts))
