"""Reads the training pages share."""

from django.db.models import Count, Exists, OuterRef, Q

from .models import Attendance, Course, Enrolment, EnrolmentStatus, Placement


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
