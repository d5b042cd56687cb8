"""Reads the training pages share."""

from django.db.models import Count, Q

from .models import Course, Enrolment, EnrolmentStatus, Placement


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
