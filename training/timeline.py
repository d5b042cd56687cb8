"""The person's training on their timeline: enrolled, promoted, attended, completed,
certified, placed (two parts of the one timeline query, core/timeline.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.timeline import Entry, Part, Source, moment, register

from .models import Attendance, Course, EnrolmentChange


def parts(person, viewer):
    courses = Course.objects.visible_to(viewer).values("pk")
    labels = dict(EnrolmentChange.What.choices)

    def changed(row):
        return Entry(
            when=moment(row["at"]),
            what=_("Course “%(title)s”: %(what)s")
            % {"title": row["title"], "what": labels.get(row["what"], "")},
            url=reverse("training:course", args=[row["course"]]),
            app="training",
        )

    def attended(row):
        return Entry(
            when=moment(row["at"]),
            what=_("Attended “%(topic)s” (%(title)s)")
            % {"topic": row["topic"], "title": row["title"]},
            url=reverse("training:course", args=[row["course"]]),
            app="training",
        )

    return [
        Part(
            EnrolmentChange.objects.filter(
                enrolment__youth=person, enrolment__course__in=courses
            ).order_by("-created_at"),
            {
                "at": "created_at",
                "what": "what",
                "title": "enrolment__course__title",
                "course": "enrolment__course_id",
            },
            changed,
        ),
        Part(
            Attendance.objects.filter(
                enrolment__youth=person, enrolment__course__in=courses
            ).order_by("-recorded_at"),
            {
                "at": "session__starts_at",
                "topic": "session__topic",
                "title": "session__course__title",
                "course": "session__course_id",
            },
            attended,
        ),
    ]


register(Source(app="training", parts=parts))
