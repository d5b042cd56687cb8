"""Dashboard figures of the mentoring programme (counted with aggregate queries)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import Figure, register

from .models import CoachingSession, Match, MentorProfile, SessionStatus, Status

HELD = (SessionStatus.LOGGED, SessionStatus.CONFIRMED)

register(
    Figure(
        key="mentors.mentors",
        label=_("Entrepreneurship mentors"),
        explanation=_("Mentors with an active role and a completed profile, of your area."),
        base=lambda: MentorProfile.objects.filter(user__mentor_role__is_active=True),
        centre_field="centre",
        group="mentors",
        order=40,
        url=lambda: reverse("mentors:staff_list"),
        headline=True,
    )
)
register(
    Figure(
        key="mentors.active_matches",
        label=_("Young people with an active mentor"),
        explanation=_(
            "Young people of your area with an active one-to-one match with a mentor today; "
            "each young person counts once."
        ),
        base=lambda: Match.objects.filter(status=Status.ACTIVE),
        centre_field="centre",
        distinct="youth_id",
        group="mentors",
        order=41,
        url=lambda: reverse("mentors:matches") + "?status=active",
    )
)
register(
    Figure(
        key="mentors.sessions",
        label=_("Coaching sessions held"),
        explanation=_(
            "Sessions logged by the mentor (confirmed or awaiting confirmation) with young "
            "people of your area; planned sessions are not counted."
        ),
        base=lambda: CoachingSession.objects.filter(status__in=HELD),
        centre_field="match__centre",
        date_field="starts_at",
        group="mentors",
        order=42,
        url=lambda: reverse("mentors:sessions"),
    )
)


register(
    Figure(
        key="mentors.hours",
        label=_("Hours of coaching"),
        explanation=_(
            "Minutes of the sessions held (logged or confirmed) with young people of your area, "
            "added up and given in whole hours."
        ),
        base=lambda: CoachingSession.objects.filter(status__in=HELD),
        centre_field="match__centre",
        date_field="starts_at",
        total="minutes",
        per=60,
        unit="hours",
        group="mentors",
        order=43,
        url=lambda: reverse("mentors:sessions"),
    )
)
