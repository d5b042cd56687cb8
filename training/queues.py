from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.links import link
from core.queues import Queue, register

from .forms import ATTENTION_ATTENDANCE, ATTENTION_CLOSING
from .models import Course
from .selectors import closing_under_capacity, sessions_without_attendance


def _no_attendance(user):
    return (
        sessions_without_attendance(user)
        .select_related("course")
        .only("topic", "ends_at", "course__title")
    )


def _closing(user):
    courses = Course.objects.managed_by(user).only("title", "enrol_closes")
    return closing_under_capacity(courses)


register(
    Queue(
        key="training.attendance",
        label=_("Sessions without attendance recorded"),
        explanation=_(
            "Sessions of your courses that have ended, with people holding a seat, and no "
            "attendance recorded: record who came (by hand or from the sign-in sheet). "
            "Completion and certificates count from it. The most recent first."
        ),
        records=_no_attendance,
        item_label=lambda session: f"{session.course.title} · {session.topic}",
        item_url=lambda session: reverse("training:attendance", args=[session.pk]),
        url=lambda: f"{link('training:manage')}?attention={ATTENTION_ATTENDANCE}",
        due=lambda session: session.ends_at,
        order=30,
    )
)
register(
    Queue(
        key="training.closing",
        label=_("Courses closing enrolment with seats left"),
        explanation=_(
            "Published courses of your area whose enrolment closes within 48 hours and still "
            "have seats: tell the young people who might come, or extend the enrolment. "
            "Soonest first."
        ),
        records=_closing,
        item_label=lambda course: course.title,
        item_url=lambda course: reverse("training:manage_course", args=[course.pk]),
        url=lambda: f"{link('training:manage')}?attention={ATTENTION_CLOSING}",
        due=lambda course: course.enrol_closes,
        order=31,
    )
)
