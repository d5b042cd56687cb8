"""The person's training on their timeline: enrolled, promoted, attended, completed,
certified, placed. Two queries."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.timeline import Entry, Source, register

from .models import Attendance, Course, EnrolmentChange


def entries(person, viewer):
    courses = Course.objects.visible_to(viewer).values("pk")
    changes = (
        EnrolmentChange.objects.filter(enrolment__youth=person, enrolment__course__in=courses)
        .select_related("enrolment__course")
        .order_by("-created_at")[:50]
    )
    labels = dict(EnrolmentChange.What.choices)
    for change in changes:
        course = change.enrolment.course
        yield Entry(
            when=change.created_at,
            what=_("Course “%(title)s”: %(what)s")
            % {"title": course.title, "what": labels.get(change.what, "")},
            url=reverse("training:course", args=[course.pk]),
            app="training",
        )
    attended = (
        Attendance.objects.filter(enrolment__youth=person, enrolment__course__in=courses)
        .select_related("session__course")
        .order_by("-recorded_at")[:50]
    )
    for row in attended:
        yield Entry(
            when=row.session.starts_at,
            what=_("Attended “%(topic)s” (%(title)s)")
            % {"topic": row.session.topic, "title": row.session.course.title},
            url=reverse("training:course", args=[row.session.course_id]),
            app="training",
        )


register(Source(app="training", entries=entries))
