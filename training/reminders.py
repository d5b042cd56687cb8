"""The messages the training app sends (see notifications/registry.py)."""

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.registry import Due, Kind, register

from .models import ACTIVE_STATUSES, Enrolment, EnrolmentStatus, SavedCourse, Session

CLOSING_WITHIN = datetime.timedelta(hours=48)


def _url(course) -> str:
    return settings.SITE_URL + reverse("training:course", args=[course.pk])


def _session_tomorrow(now):
    """Everyone with a seat, for each session that starts tomorrow (the district's day)."""
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    sessions = Session.objects.filter(starts_at__date=tomorrow).select_related("course", "venue")
    for session in sessions.iterator(chunk_size=200):
        seated = Enrolment.objects.filter(
            course_id=session.course_id, status=EnrolmentStatus.CONFIRMED
        ).select_related("youth")
        for enrolment in seated.iterator(chunk_size=500):
            yield Due(
                recipient=enrolment.youth,
                key=f"course-{session.course_id}-session-{session.pk}-youth-{enrolment.youth_id}",
                context={"course": session.course, "session": session},
                url=_url(session.course),
            )


def _closing_soon(now):
    """People who saved a course and have not enrolled, when its enrolment closes within
    two days."""
    enrolled = Enrolment.objects.filter(
        course=OuterRef("course"), youth=OuterRef("youth"), status__in=ACTIVE_STATUSES
    )
    saved = (
        SavedCourse.objects.filter(
            course__is_published=True,
            course__enrol_closes__gt=now,
            course__enrol_closes__lte=now + CLOSING_WITHIN,
        )
        .exclude(Exists(enrolled))
        .select_related("course", "youth")
    )
    for row in saved.iterator(chunk_size=500):
        yield Due(
            recipient=row.youth,
            key=f"course-{row.course_id}-closing-youth-{row.youth_id}",
            context={"course": row.course},
            url=_url(row.course),
        )


PROMOTED = register(Kind(code="training.promoted", label=_("I got a seat from a course waitlist")))
CERTIFICATE_ISSUED = register(
    Kind(code="training.certificate_issued", label=_("A training certificate was issued to me"))
)
SESSION_TOMORROW = register(
    Kind(
        code="training.session_tomorrow",
        label=_("A course session of mine is tomorrow"),
        collect=_session_tomorrow,
    )
)
CLOSING_SOON = register(
    Kind(
        code="training.closing_soon",
        label=_("Enrolment for a course I saved closes soon"),
        collect=_closing_soon,
    )
)
