"""Enrolment, waitlist, promotion, attendance, completion, certificates, the funnel."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from notifications.models import Message
from training.models import (
    ALREADY_ENROLLED,
    Attendance,
    Certificate,
    Course,
    Enrolment,
    EnrolmentChange,
    EnrolmentStatus,
    Placement,
)
from training.selectors import funnel
from training.services import (
    CANCEL_TOO_LATE,
    ENROLMENT_CLOSED,
    NOT_SHARED,
    attendance_set,
    certificate_revoke,
    certificates_issue,
    course_update,
    enrolment_cancel,
    enrolment_create,
    placement_record,
)

from .conftest import add_sessions, make_youths

pytestmark = pytest.mark.django_db


def test_it_confirms_while_seats_remain_then_waitlists_in_order(course, village_a1):
    people = make_youths(village_a1, 4)
    statuses = [enrolment_create(youth=p, course=course).status for p in people]
    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    course.refresh_from_db()
    assert course.seats_taken == 2


def test_it_refuses_a_second_enrolment_and_keeps_the_seat(course, youth_a):
    enrolment_create(youth=youth_a, course=course)
    with pytest.raises(ValidationError) as error:
        enrolment_create(youth=youth_a, course=course)
    assert str(ALREADY_ENROLLED) in error.value.messages
    course.refresh_from_db()
    assert course.seats_taken == 1
    assert Enrolment.objects.count() == 1


def test_it_refuses_enrolment_outside_the_window(course, youth_a):
    Course.objects.filter(pk=course.pk).update(
        enrol_opens=timezone.now() - datetime.timedelta(days=5),
        enrol_closes=timezone.now() - datetime.timedelta(days=1),
    )
    course.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        enrolment_create(youth=youth_a, course=course)
    assert str(ENROLMENT_CLOSED) in error.value.messages
    assert Enrolment.objects.count() == 0


def test_staff_cannot_enrol(course, town_staff):
    with pytest.raises(PermissionDenied):
        enrolment_create(youth=town_staff, course=course)


def test_a_cancellation_promotes_the_first_waitlisted_and_tells_them(course, village_a1):
    a, b, c, d = make_youths(village_a1, 4)
    first = enrolment_create(youth=a, course=course)
    enrolment_create(youth=b, course=course)
    third = enrolment_create(youth=c, course=course)
    enrolment_create(youth=d, course=course)
    enrolment_cancel(enrolment=first, actor=a)
    third.refresh_from_db()
    assert third.status == EnrolmentStatus.CONFIRMED
    assert Enrolment.objects.get(youth=d).status == EnrolmentStatus.WAITLISTED
    assert Message.objects.filter(recipient=c, kind="training.promoted").exists()
    assert EnrolmentChange.objects.filter(enrolment=third, what="promoted").exists()
    course.refresh_from_db()
    assert course.seats_taken == 2


def test_cancelling_a_waitlisted_place_frees_no_seat(course, village_a1):
    a, b, c = make_youths(village_a1, 3)
    for p in (a, b):
        enrolment_create(youth=p, course=course)
    waiting = enrolment_create(youth=c, course=course)
    enrolment_cancel(enrolment=waiting, actor=c)
    course.refresh_from_db()
    assert course.seats_taken == 2
    assert not Message.objects.filter(kind="training.promoted").exists()


def test_self_cancellation_ends_when_enrolment_closes_but_staff_may(course, youth_a, village_staff):
    enrolment = enrolment_create(youth=youth_a, course=course)
    Course.objects.filter(pk=course.pk).update(
        enrol_closes=timezone.now() - datetime.timedelta(hours=1),
        enrol_opens=timezone.now() - datetime.timedelta(days=3),
    )
    with pytest.raises(ValidationError) as error:
        enrolment_cancel(enrolment=enrolment, actor=youth_a)
    assert str(CANCEL_TOO_LATE) in error.value.messages
    enrolment_cancel(enrolment=enrolment, actor=village_staff)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.CANCELLED


def test_another_town_cannot_cancel(course, youth_a, other_town_staff, youth_b):
    enrolment = enrolment_create(youth=youth_a, course=course)
    for stranger in (other_town_staff, youth_b):
        with pytest.raises(PermissionDenied):
            enrolment_cancel(enrolment=enrolment, actor=stranger)


def test_more_capacity_promotes_from_the_waitlist(course, village_a1, town_staff):
    people = make_youths(village_a1, 4)
    for p in people:
        enrolment_create(youth=p, course=course)
    course_update(course=course, actor=town_staff, capacity=3)
    assert Enrolment.objects.filter(status="confirmed").count() == 3
    with pytest.raises(ValidationError):
        course_update(course=course, actor=town_staff, capacity=2)
    course.refresh_from_db()
    assert course.capacity == 3


def test_attendance_completion_and_certificates(
    course, village_a1, village_staff, other_town_staff
):
    course.completion_percent = 50
    course.save()
    s1, s2, s3 = add_sessions(course, 3)
    a, b = make_youths(village_a1, 2)
    ea = enrolment_create(youth=a, course=course)
    eb = enrolment_create(youth=b, course=course)
    attendance_set(session=s1, actor=village_staff, present={ea.pk, eb.pk})
    attendance_set(session=s2, actor=village_staff, present={ea.pk})
    ea.refresh_from_db()
    eb.refresh_from_db()
    assert ea.completed and not eb.completed  # 2 of 3 needed (50% rounded up)
    with pytest.raises(PermissionDenied):
        attendance_set(session=s3, actor=other_town_staff, present={eb.pk})
    issued = certificates_issue(course=course, actor=village_staff, grade="Grade V")
    assert [c.enrolment_id for c in issued] == [ea.pk]
    assert Message.objects.filter(recipient=a, kind="training.certificate_issued").exists()
    assert certificates_issue(course=course, actor=village_staff, grade="Grade V") == []
    cert = issued[0]
    certificate_revoke(certificate=cert, actor=village_staff, reason="Copied the exam")
    cert.refresh_from_db()
    assert cert.is_revoked and not cert.is_valid()


def test_attendance_refuses_a_waitlisted_person(course, village_a1, village_staff):
    (s1,) = add_sessions(course, 1)
    people = make_youths(village_a1, 3)
    enrolments = [enrolment_create(youth=p, course=course) for p in people]
    with pytest.raises(ValidationError):
        attendance_set(session=s1, actor=village_staff, present={enrolments[2].pk})
    assert Attendance.objects.count() == 0


def test_order_based_funnel_and_placement(
    order_course, town_a, town_staff, enterprise_contact, other_enterprise_contact
):
    (s1,) = add_sessions(order_course, 1)
    a, b = make_youths(town_a, 2)
    ea = enrolment_create(youth=a, course=order_course, share_with_enterprise=True)
    eb = enrolment_create(youth=b, course=order_course)
    attendance_set(session=s1, actor=town_staff, present={ea.pk, eb.pk})
    certificates_issue(course=order_course, actor=town_staff, grade="Grade IV")
    with pytest.raises(PermissionDenied):
        placement_record(enrolment=ea, actor=other_enterprise_contact, placement=Placement.OFFERED)
    with pytest.raises(ValidationError) as error:
        placement_record(enrolment=eb, actor=enterprise_contact, placement=Placement.OFFERED)
    assert str(NOT_SHARED) in error.value.messages
    with pytest.raises(ValidationError):
        placement_record(enrolment=ea, actor=enterprise_contact, placement=Placement.PLACED)
    placement_record(enrolment=ea, actor=enterprise_contact, placement=Placement.OFFERED)
    placement_record(enrolment=ea, actor=enterprise_contact, placement=Placement.PLACED)
    assert funnel(order_course) == {
        "commissioned": 20,
        "enrolled": 2,
        "completed": 2,
        "certified": 2,
        "offered": 1,
        "placed": 1,
    }
    assert Certificate.objects.count() == 2
