"""Permission-matrix rows of training (gathered by tests/test_permission_matrix.py)."""

from training.models import Attendance, CourseKind, Enrolment, EnrolmentStatus
from training.services import certificates_issue

from ..matrix import row
from .conftest import add_sessions, make_course


def objects(cast, *, youth_a, village_a1, town_a, partner_enterprise, **_):
    # A published skills course at village A1 with youth_a seated, present and certified.
    course = make_course(village_a1, capacity=2, completion_percent=100)
    (session,) = add_sessions(course, 1)
    enrolment = Enrolment.objects.create(
        course=course, youth=youth_a, status=EnrolmentStatus.CONFIRMED, completed=True
    )
    course.seats_taken = 1
    course.save()
    Attendance.objects.create(session=session, enrolment=enrolment)
    (certificate,) = certificates_issue(course=course, actor=cast["district_staff"], grade="V")
    # An order-based course of town A commissioned by the contact's enterprise (not the
    # other enterprise's), youth_a sharing their details with it.
    order = make_course(
        town_a, kind=CourseKind.ORDER_BASED, enterprise=partner_enterprise, title="Order"
    )
    shared = Enrolment.objects.create(
        course=order, youth=youth_a, status=EnrolmentStatus.CONFIRMED, share_with_enterprise=True
    )
    order.seats_taken = 1  # the seat youth_a holds
    order.save()
    return {
        "course": course,
        "session": session,
        "enrolment": enrolment,
        "certificate": certificate,
        "order_course": order,
        "shared_enrolment": shared,
    }


STAFF_PAGE = row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)
# Pages of the course at village A1: its staff, town A's and the district's.
COURSE_STAFF_PAGE = row(302, 404, 404, 200, 200, 404, 200, 404, 404, 404, 404)
COURSE_STAFF_POST = row(302, 404, 404, 302, 302, 404, 302, 404, 404, 404, 404)
YOUTH_POST = row(302, 302, 302, 404, 404, 404, 404, 404, 404, 404, 404)
PUBLIC = row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200)

ROWS = {
    # The catalogue and a published course's page are public (and cached for anonymous
    # visitors); enrolment needs a young person's sign-in.
    "training:catalogue": (None, PUBLIC),
    "training:course": (lambda o: [o["course"].pk], PUBLIC),
    "training:enrol": (lambda o: [o["course"].pk], YOUTH_POST, "post"),
    "training:save": (lambda o: [o["course"].pk], YOUTH_POST, "post"),
    # youth_a cancels their own seat; staff in scope cancel for them; nobody else learns it.
    "training:cancel": (
        lambda o: [o["enrolment"].pk],
        row(302, 302, 404, 302, 302, 404, 302, 404, 404, 404, 404),
        "post",
    ),
    "training:mine": (None, row(302, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404)),
    # The printable certificate: its holder and staff in scope.
    "training:certificate": (
        lambda o: [o["certificate"].pk],
        row(302, 200, 404, 200, 200, 404, 200, 404, 404, 404, 404),
    ),
    "training:certificate_revoke": (
        lambda o: [o["certificate"].pk],
        COURSE_STAFF_POST,
        "post",
    ),
    # What the QR code opens: public, masked.
    "training:verify": (lambda o: [o["certificate"].token], PUBLIC),
    "training:manage": (None, STAFF_PAGE),
    "training:venues": (None, STAFF_PAGE),
    "training:course_new": (None, STAFF_PAGE),
    "training:manage_course": (lambda o: [o["course"].pk], COURSE_STAFF_PAGE),
    "training:course_edit": (lambda o: [o["course"].pk], COURSE_STAFF_PAGE),
    "training:session_new": (lambda o: [o["course"].pk], COURSE_STAFF_POST, "post"),
    "training:certificates_new": (lambda o: [o["course"].pk], COURSE_STAFF_POST, "post"),
    "training:attendance": (lambda o: [o["session"].pk], COURSE_STAFF_PAGE),
    "training:attendance_upload": (lambda o: [o["session"].pk], COURSE_STAFF_PAGE),
    "training:sign_in_sheet": (lambda o: [o["session"].pk], COURSE_STAFF_PAGE),
    # The commissioning enterprise's pages: its contact only; another enterprise's contact
    # gets 404 for this enterprise's course and trainees.
    "training:partner_courses": (
        None,
        row(302, 404, 404, 404, 404, 404, 404, 404, 404, 200, 200),
    ),
    "training:partner_course": (
        lambda o: [o["order_course"].pk],
        row(302, 404, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    ),
    "training:placement": (
        lambda o: [o["shared_enrolment"].pk],
        row(302, 404, 404, 404, 404, 404, 404, 404, 404, 302, 404),
        "post",
    ),
}
