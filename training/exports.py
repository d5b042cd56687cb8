from types import SimpleNamespace

from django.utils.translation import gettext_lazy as _

from core.exports import Column, Export, filtered, object_param, register, text
from core.templatetags.lists import display

from .forms import ManageFilter
from .models import Course, Session
from .selectors import course_enrolments, managed_courses, session_participants
from .views import mask_name


def _course_rows(user, params):
    # The "needs attention" filter, as on the page (it reads the viewer from the request).
    return filtered(ManageFilter, managed_courses(user), params, request=SimpleNamespace(user=user))


def _enrolment_rows(user, params):
    course = object_param(Course.objects.managed_by(user), params, "course")
    return course_enrolments(course)


def _attendance_rows(user, params):
    sessions = Session.objects.filter(course__in=Course.objects.managed_by(user))
    return session_participants(object_param(sessions, params, "session"))


register(
    Export(
        key="training.courses",
        label=_("Training"),
        url_name="training:manage",
        rows=_course_rows,
        columns=(
            Column(_("Course"), lambda c: c.title),
            Column(_("Kind"), lambda c: text(display(c, "kind"))),
            Column(_("Youth centre"), lambda c: text(c.centre.name)),
            Column(_("Venue"), lambda c: text(c.venue.name)),
            Column(_("Seats taken"), lambda c: c.seats_taken),
            Column(_("Capacity"), lambda c: c.capacity),
            Column(_("In the catalogue"), lambda c: c.is_published),
        ),
    )
)

# Names masked as the course's page masks them (张**).
register(
    Export(
        key="training.enrolments",
        label=_("Participants"),
        url_name="training:manage_course",
        rows=_enrolment_rows,
        columns=(
            Column(_("No."), lambda e: e.pk),
            Column(_("Name"), lambda e: text(mask_name(e.youth.name))),
            Column(_("Status"), lambda e: text(display(e, "status"))),
            Column(_("Attended"), lambda e: e.attended),
            Column(_("completed"), lambda e: e.completed),
            Column(
                _("Certificate"),
                lambda e: text(e.certificate.number) if hasattr(e, "certificate") else None,
            ),
        ),
    )
)

register(
    Export(
        key="training.attendance",
        label=_("Attendance"),
        url_name="training:attendance",
        rows=_attendance_rows,
        columns=(
            Column(_("No."), lambda e: e.pk),
            Column(_("Name"), lambda e: text(mask_name(e.youth.name))),
            Column(_("Present"), lambda e: e.present),
        ),
    )
)
