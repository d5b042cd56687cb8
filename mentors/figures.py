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
        records=lambda user: MentorProfile.objects.visible_to(user).filter(
            user__mentor_role__is_active=True
        ),
        order=40,
        url=lambda: reverse("mentors:staff_list"),
        headline=True,
    )
)
register(
    Figure(
        key="mentors.active_matches",
        label=_("Young people with an active mentor"),
        explanation=_("Active one-to-one matches of young people of your area."),
        records=lambda user: Match.objects.visible_to(user).filter(status=Status.ACTIVE),
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
        records=lambda user: CoachingSession.objects.visible_to(user).filter(status__in=HELD),
        order=42,
        url=lambda: reverse("mentors:sessions"),
    )
)


def _this_year(user):
    from django.utils import timezone

    start = timezone.localtime().replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    return CoachingSession.objects.visible_to(user).filter(status__in=HELD, starts_at__gte=start)


def _hours_this_year(user) -> int:
    from django.db.models import Sum

    minutes = _this_year(user).aggregate(total=Sum("minutes"))["total"] or 0
    return round(minutes / 60)


register(
    Figure(
        key="mentors.hours_this_year",
        label=_("Hours of coaching this year"),
        explanation=_(
            "Minutes of the sessions held since 1 January (logged or confirmed), in whole hours."
        ),
        records=_this_year,
        count=_hours_this_year,
        order=43,
        url=lambda: reverse("mentors:sessions"),
    )
)
