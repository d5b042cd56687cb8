"""The training app's write services and the fields each refuses.

Gathered by tests/test_service_fields.py.
"""

import datetime

from django.utils import timezone

from tests.factories import YouthProfileFactory
from training import services as training_services
from training.models import (
    Attendance,
    Certificate,
    Course,
    Enrolment,
    EnrolmentChange,
    SavedCourse,
    Session,
    Venue,
)

MODULES = [training_services]

TABLES = [
    Venue,
    Course,
    Session,
    Enrolment,
    EnrolmentChange,
    SavedCourse,
    Attendance,
    Certificate,
]


def world(w) -> dict:
    """A course at village A1 with a session, youth_a seated and present (completed, not yet
    certified), a certified enrolment of an order-based course shared with its enterprise."""
    from .conftest import add_sessions, make_course

    course = make_course(w.village_a1, capacity=3, completion_percent=100)
    (session,) = add_sessions(course, 1)
    seated = training_services.enrolment_create(youth=w.youth_a, course=course)
    Attendance.objects.create(session=session, enrolment=seated)
    Enrolment.objects.filter(pk=seated.pk).update(completed=True)
    # Present but not yet counted as completed: completion_update has something to do.
    other = YouthProfileFactory(home_centre=w.village_a1).user
    present = training_services.enrolment_create(youth=other, course=course)
    Attendance.objects.create(session=session, enrolment=present)
    enterprise = w.enterprise_contact.partner_membership.enterprise
    order = make_course(w.town_a, kind="order", enterprise=enterprise, title="Order")
    shared = Enrolment.objects.create(
        course=order, youth=w.youth_b, status="confirmed", completed=True,
        share_with_enterprise=True,
    )  # fmt: skip
    Certificate.objects.create(
        enrolment=shared, number="YV-T-1", grade="V", issued_on=timezone.localdate(), issuer="X"
    )
    return {"course": course, "session": session, "seated": seated, "shared": shared}


def _course_values(w) -> dict:
    now = timezone.now()
    return {
        "actor": w.village_staff,
        "title": "新课程",
        "kind": "skills",
        "centre": w.village_a1,
        "venue": w.course.venue,
        "capacity": 10,
        "enrol_opens": now,
        "enrol_closes": now + datetime.timedelta(days=3),
    }


def add_session(course):
    from .conftest import add_sessions

    return add_sessions(course, 1)[0]


SERVICES = {
    "training.venue_create": (
        training_services.venue_create,
        lambda w: {"actor": w.town_staff, "name": "新场地", "kind": "base", "centre": w.town_a},
    ),
    "training.course_create": (training_services.course_create, _course_values),
    "training.course_update": (
        training_services.course_update,
        lambda w: {"course": w.course, "actor": w.town_staff, "title": "新名称"},
    ),
    "training.session_create": (
        training_services.session_create,
        lambda w: {
            "course": w.course,
            "actor": w.town_staff,
            "topic": "第二讲",
            "starts_at": timezone.now(),
            "ends_at": timezone.now() + datetime.timedelta(hours=1),
        },
    ),
    "training.enrolment_create": (
        training_services.enrolment_create,
        lambda w: {"youth": w.youth_b, "course": w.course},
    ),
    "training.enrolment_cancel": (
        training_services.enrolment_cancel,
        lambda w: {"enrolment": w.seated, "actor": w.youth_a},
    ),
    "training.course_save_toggle": (
        training_services.course_save_toggle,
        lambda w: {"youth": w.youth_b, "course": w.course},
    ),
    "training.attendance_set": (
        training_services.attendance_set,
        lambda w: {"session": w.session, "actor": w.village_staff, "present": set()},
    ),
    "training.attendance_add": (
        training_services.attendance_add,
        lambda w: {
            "session": add_session(w.course),
            "actor": w.village_staff,
            "enrolment_ids": [w.seated.pk],
        },
    ),
    "training.completion_update": (
        training_services.completion_update,
        lambda w: {"course": Course.objects.get(pk=w.course.pk), "actor": w.village_staff},
    ),
    "training.certificates_issue": (
        training_services.certificates_issue,
        lambda w: {"course": w.course, "actor": w.village_staff, "grade": "五级"},
    ),
    "training.certificate_revoke": (
        training_services.certificate_revoke,
        lambda w: {
            "certificate": w.shared.certificate,
            "actor": w.town_staff,
            "reason": "Fraud",
        },
    ),
    "training.placement_record": (
        training_services.placement_record,
        lambda w: {"enrolment": w.shared, "actor": w.enterprise_contact, "placement": "offered"},
    ),
}

FORBIDDEN = {
    "training.venue_create": {"courses": []},
    "training.course_create": {"seats_taken": 0, "created_at": timezone.now},
    "training.course_update": {"seats_taken": 0, "fields": {"title": "x"}},
    "training.session_create": {"course_id": 1},
    "training.enrolment_create": {"status": "confirmed", "completed": True, "placement": "placed"},
    "training.enrolment_cancel": {"status": "cancelled"},
    "training.course_save_toggle": {"saved": True},
    "training.attendance_set": {"recorded_by": None},
    "training.attendance_add": {"present": set()},
    "training.completion_update": {"completed": True},
    "training.certificates_issue": {"number": "X-1", "enrolments": []},
    "training.certificate_revoke": {"revoked_at": timezone.now},
    "training.placement_record": {"completed": True, "status": "confirmed"},
}
