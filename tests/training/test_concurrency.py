"""Seats under a rush (PostgreSQL only: real threads, each on its own connection, released
together at a barrier). The conditional UPDATE on the course row decides who gets a seat;
cancellations at the same instant each promote exactly one waitlisted person, in order."""

import threading

import pytest
from django.db import connections

from training.models import Course, Enrolment, EnrolmentStatus
from training.services import enrolment_cancel, enrolment_create

from .conftest import make_course, make_youths

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def rush(calls):
    barrier = threading.Barrier(len(calls), timeout=30)
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = ("ok", call())
        except BaseException as error:  # noqa: BLE001 - reported to the test
            outcomes[index] = ("raised", error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return outcomes


def test_a_rush_never_exceeds_capacity_and_cancellations_promote_in_order(village_a1):
    course = make_course(village_a1, capacity=8)
    people = make_youths(village_a1, 30)
    outcomes = rush([lambda p=p: enrolment_create(youth=p, course=course) for p in people])
    assert all(kind == "ok" for kind, _ in outcomes), outcomes
    course.refresh_from_db()
    confirmed = Enrolment.objects.filter(course=course, status=EnrolmentStatus.CONFIRMED)
    waitlisted = Enrolment.objects.filter(course=course, status=EnrolmentStatus.WAITLISTED)
    assert course.seats_taken == confirmed.count() == 8
    assert waitlisted.count() == 22
    first_waiting = list(waitlisted.order_by("pk").values_list("pk", flat=True)[:5])

    # Five people with seats cancel at the same instant (and one person twice).
    leaving = list(confirmed.select_related("youth")[:5])
    calls = [lambda e=e: enrolment_cancel(enrolment=e, actor=e.youth) for e in leaving]
    calls.append(lambda e=leaving[0]: enrolment_cancel(enrolment=e, actor=e.youth))
    outcomes = rush(calls)
    assert sorted(kind for kind, _ in outcomes) == ["ok"] * 5 + ["raised"], outcomes
    course.refresh_from_db()
    assert course.seats_taken == confirmed.count() == 8
    assert waitlisted.count() == 17
    promoted = set(confirmed.values_list("pk", flat=True))
    assert set(first_waiting) <= promoted  # the first five waiting, not later ones


def test_one_person_twice_at_once_gets_one_place(village_a1):
    course = make_course(village_a1, capacity=3)
    (person,) = make_youths(village_a1, 1)
    outcomes = rush([lambda: enrolment_create(youth=person, course=course)] * 4)
    assert sorted(kind for kind, _ in outcomes) == ["ok", "raised", "raised", "raised"]
    assert Enrolment.objects.filter(course=course).count() == 1
    assert Course.objects.get(pk=course.pk).seats_taken == 1
