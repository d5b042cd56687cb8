"""The training work queues: past sessions with no attendance, courses closing with seats."""

import datetime

from django.urls import reverse
from django.utils import timezone

from training.models import Course, Session
from training.services import attendance_set, enrolment_create

from ..queues import held
from .conftest import make_course, make_youths


def _past_session(course, days_ago=1):
    ends = timezone.now() - datetime.timedelta(days=days_ago)
    return Session.objects.create(
        course=course, topic="第一课", starts_at=ends - datetime.timedelta(hours=2), ends_at=ends
    )


def test_past_sessions_with_seats_and_no_attendance_until_it_is_recorded(
    client, village_a1, village_b1, town_staff, other_town_staff, village_staff
):
    course = make_course(village_a1)
    youth = make_youths(village_a1, 1)[0]
    enrolment = enrolment_create(youth=youth, course=course)
    older, newer = _past_session(course, 3), _past_session(course, 1)
    Session.objects.create(  # not held yet
        course=course,
        topic="下一课",
        starts_at=timezone.now() + datetime.timedelta(days=1),
        ends_at=timezone.now() + datetime.timedelta(days=1, hours=2),
    )
    _past_session(make_course(village_a1, title="无人报名"))  # nobody holds a seat
    elsewhere = make_course(village_b1)
    enrolment_create(youth=make_youths(village_b1, 1, prefix="b")[0], course=elsewhere)
    theirs = _past_session(elsewhere)

    assert held("training.attendance", town_staff) == [newer.pk, older.pk]
    assert held("training.attendance", village_staff) == [newer.pk, older.pk]
    assert held("training.attendance", other_town_staff) == [theirs.pk]
    client.force_login(town_staff)
    listed = client.get(reverse("training:manage"), {"attention": "attendance"})
    assert [c.pk for c in listed.context["page"]] == [course.pk]

    attendance_set(session=older, actor=town_staff, present={enrolment.pk})
    assert held("training.attendance", town_staff) == [newer.pk]


def test_courses_closing_within_48_hours_with_seats_left_until_full(
    client, village_a1, village_b1, town_staff, other_town_staff
):
    soon = timezone.now() + datetime.timedelta(hours=20)
    course = make_course(village_a1, capacity=1, enrol_closes=soon)
    make_course(village_a1, enrol_closes=timezone.now() + datetime.timedelta(days=5))
    make_course(village_a1, enrol_closes=soon, is_published=False)
    theirs = make_course(village_b1, enrol_closes=soon)

    assert held("training.closing", town_staff) == [course.pk]
    assert held("training.closing", other_town_staff) == [theirs.pk]
    client.force_login(town_staff)
    listed = client.get(reverse("training:manage"), {"attention": "closing"})
    assert [c.pk for c in listed.context["page"]] == [course.pk]

    enrolment_create(youth=make_youths(village_a1, 1)[0], course=course)
    assert Course.objects.get(pk=course.pk).seats_taken == 1
    assert held("training.closing", town_staff) == []
