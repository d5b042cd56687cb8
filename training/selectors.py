"""Reads the training pages, their exports (training/exports.py) and the work queues share."""

import datetime

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from core.scoping import centre_q

from .models import Attendance, Course, Enrolment, EnrolmentStatus, Placement, Session

# A published course whose enrolment closes this soon with seats left: fill it or let it go.
CLOSING_WITHIN = datetime.timedelta(hours=48)


def managed_courses(user):
    """The courses of the staff training page (and its export), newest first."""
    return (
        Course.objects.managed_by(user)
        .select_related("venue", "centre")
        .order_by("-created_at", "-id")
    )


def course_enrolments(course: Course):
    """A course's participants and its waitlist, as its staff page lists them."""
    return (
        Enrolment.objects.filter(
            course=course, status__in=[EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITLISTED]
        )
        .select_related("youth", "certificate")
        .annotate(attended=Count("attendances"))
        .order_by("pk")
    )


def session_participants(session):
    """The participants of a session's attendance page, each with whether they were there."""
    return (
        Enrolment.objects.filter(course_id=session.course_id, status=EnrolmentStatus.CONFIRMED)
        .select_related("youth")
        .annotate(
            present=Exists(Attendance.objects.filter(session=session, enrolment=OuterRef("pk")))
        )
        .order_by("pk")
    )


def funnel(course: Course) -> dict:
    """Commissioned places → enrolled → completed → certified → offered → placed, in one
    aggregate query."""
    confirmed = Q(status=EnrolmentStatus.CONFIRMED)
    counts = Enrolment.objects.filter(course=course).aggregate(
        enrolled=Count("pk", filter=confirmed),
        completed=Count("pk", filter=confirmed & Q(completed=True)),
        certified=Count("pk", filter=confirmed & Q(certificate__isnull=False)),
        offered=Count(
            "pk", filter=confirmed & Q(placement__in=[Placement.OFFERED, Placement.PLACED])
        ),
        placed=Count("pk", filter=confirmed & Q(placement=Placement.PLACED)),
    )
    return {"commissioned": course.places_commissioned, **counts}


def sessions_without_attendance(user, now=None):
    """Sessions of the courses the user manages that have ended, with people holding a seat,
    and no attendance recorded yet: the most recent first."""
    now = now or timezone.now()
    recorded = Attendance.objects.filter(session=OuterRef("pk"))
    seated = Enrolment.objects.filter(course=OuterRef("course"), status=EnrolmentStatus.CONFIRMED)
    return (
        Session.objects.filter(centre_q(user, "course__centre"), ends_at__lt=now)
        .filter(Exists(seated))
        .exclude(Exists(recorded))
        .order_by("-ends_at", "-pk")
    )


def closing_under_capacity(queryset, now=None):
    """Published courses whose enrolment closes within CLOSING_WITHIN with seats left,
    the soonest first (through ``course_catalogue_idx``)."""
    now = now or timezone.now()
    return queryset.filter(
        is_published=True,
        enrol_closes__gt=now,
        enrol_closes__lte=now + CLOSING_WITHIN,
        seats_taken__lt=F("capacity"),
    ).order_by("enrol_closes", "pk")
