"""What a person may do with a course or an enrolment they can see."""

from django.utils import timezone

from .models import Course, Enrolment


def can_self_cancel(user, enrolment: Enrolment, now=None) -> bool:
    """The young person cancels on their own until enrolment closes."""
    return (
        enrolment.youth_id == user.pk
        and enrolment.is_active
        and (now or timezone.now()) <= enrolment.course.enrol_closes
    )


def is_contact_of(user, course: Course) -> bool:
    """A contact of the enterprise that commissioned the course."""
    membership = getattr(user, "partner_membership", None) if user.is_authenticated else None
    return (
        membership is not None
        and membership.is_active
        and course.enterprise_id is not None
        and membership.enterprise_id == course.enterprise_id
    )
