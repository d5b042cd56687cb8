"""The bad-input corpus for the training forms (harness: tests/bad_input.py): the venue form
and the course form answer with the page and a form error, never a 500, and write nothing;
the session, certificate, attendance and placement posts redirect back with a translated
message and write nothing."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from audit.models import Entry
from training.models import Attendance, Certificate, Course, Enrolment, Session, Venue

from ..bad_input import (
    CENTRES,
    CHOICES,
    DATES,
    INTEGERS,
    LONG,
    NULL,
    FormSpec,
    assert_refused_and_nothing_written,
    assert_the_valid_baseline_writes,
    cases,
    rows,
)
from .conftest import add_sessions, make_course, make_youths

DATETIMES = [*DATES, "2026-13-01T10:00", "2026-01-01T25:00", "abc"]


def venue_data(s):
    return {
        "name": "实训基地",
        "kind": "base",
        "centre": str(s["village_a1"].pk),
        "address": "青山路1号",
        "seats": "50",
    }


def course_data(s):
    now = timezone.localtime()
    return {
        "title": "茶艺技能培训",
        "kind": "skills",
        "centre": str(s["village_a1"].pk),
        "venue": str(s["course"].venue.pk),
        "description": "理论与实操。",
        "capacity": "30",
        "enrol_opens": now.strftime("%Y-%m-%dT%H:%M"),
        "enrol_closes": (now + datetime.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "completion_percent": "80",
        "is_published": "on",
        "enterprise": "",
        "job_type": "",
        "places_commissioned": "0",
        "placement_promise": "",
        "certificate_grade": "五级",
    }


def edit_data(s):
    return {**course_data(s), "capacity": "3"}


FORMS = {
    "venue": FormSpec(
        url=lambda s: reverse("training:venues"),
        poster="village_staff",
        valid=venue_data,
        bad={
            "name": [LONG, NULL, ""],
            "kind": CHOICES,
            "centre": [*CENTRES, "<town B>"],
            "seats": INTEGERS,
            "address": [LONG, NULL],
        },
        resolve=lambda v, s, d: str(s["town_b"].pk) if v == "<town B>" else v,
    ),
    "course": FormSpec(
        url=lambda s: reverse("training:course_new"),
        poster="village_staff",
        valid=course_data,
        bad={
            "title": [LONG, NULL, ""],
            "kind": CHOICES,
            "centre": [*CENTRES, "<town B>"],
            "venue": [*CENTRES],
            "capacity": [*INTEGERS, "0", "100001"],
            "enrol_opens": DATETIMES,
            "enrol_closes": [*DATETIMES, "2000-01-01T10:00"],  # before it opens
            "completion_percent": [*INTEGERS, "0", "101"],
            "enterprise": ["999999", "abc", "<an enterprise>"],  # not an order-based course
            "description": [LONG, NULL],
            "places_commissioned": INTEGERS,
        },
        resolve=lambda v, s, d: {
            "<town B>": str(s["town_b"].pk),
            "<an enterprise>": str(s["enterprise"].pk),
        }.get(v, v),
    ),
    # Fewer seats than are taken: refused with the field's message.
    "course_edit": FormSpec(
        url=lambda s: reverse("training:course_edit", args=[s["course"].pk]),
        poster="village_staff",
        valid=edit_data,
        bad={"capacity": [*INTEGERS, "1"], "title": [LONG, NULL]},
    ),
}


@pytest.fixture
def s(setup, village_a1, youth_a, youth_b, enterprise_contact):
    course = make_course(village_a1, capacity=2)
    add_sessions(course, 1)
    from training.services import enrolment_create

    enrolment_create(youth=youth_a, course=course)
    enrolment_create(youth=youth_b, course=course)
    return {
        **setup,
        "course": course,
        "enterprise": enterprise_contact.partner_membership.enterprise,
    }


def snapshot():
    return rows(
        Venue.objects,
        Course.objects,
        Session.objects,
        Enrolment.objects,
        Attendance.objects,
        Certificate.objects,
        Entry.objects.filter(action__startswith="training."),
    )


@pytest.mark.parametrize("form", list(FORMS))
def test_it_accepts_the_valid_baseline(client, cast, s, form):
    assert_the_valid_baseline_writes(client, cast, FORMS[form], s, snapshot)


@pytest.mark.parametrize(("form", "field", "index"), cases(FORMS))
def test_it_refuses_bad_input_and_writes_nothing(client, cast, s, form, field, index):
    assert_refused_and_nothing_written(
        client, cast, FORMS[form], s, snapshot, name=form, field=field, index=index
    )


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


SESSION_BAD = [
    {"topic": LONG},
    {"topic": NULL},
    {"starts_at": "2026-02-30T10:00"},
    {"ends_at": "2000-01-01T10:00"},  # before it starts
    {"venue": "999999"},
    {"trainer": LONG},
]


@pytest.mark.django_db
@pytest.mark.parametrize("bad", SESSION_BAD, ids=[next(iter(b)) for b in SESSION_BAD])
def test_a_bad_session_is_refused_with_a_message(client, village_staff, s, bad):
    start = timezone.localtime() + datetime.timedelta(days=3)
    data = {
        "topic": "第二讲",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "trainer": "王老师",
    }
    client.force_login(village_staff)
    url = reverse("training:session_new", args=[s["course"].pk])
    assert client.post(url, data).status_code == 302
    assert Session.objects.count() == 2  # the valid post wrote
    before = snapshot()
    response = client.post(url, {**data, **bad})
    assert response.status_code == 302
    assert _messages(response)
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("grade", ["", LONG, NULL])
def test_a_bad_certificate_grade_is_refused_with_a_message(client, village_staff, s, grade):
    client.force_login(village_staff)
    before = snapshot()
    response = client.post(
        reverse("training:certificates_new", args=[s["course"].pk]),
        {"grade": grade, "valid_until": ""},
    )
    assert response.status_code == 302
    assert _messages(response)
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["nonexistent", LONG, NULL, "placed", "declined"])
def test_a_bad_placement_is_refused_with_a_message(client, enterprise_contact, town_a, value):
    from training.services import enrolment_create

    course = make_course(
        town_a, kind="order", enterprise=enterprise_contact.partner_membership.enterprise
    )
    (person,) = make_youths(town_a, 1)
    enrolment = enrolment_create(youth=person, course=course, share_with_enterprise=True)
    client.force_login(enterprise_contact)
    before = snapshot()
    response = client.post(reverse("training:placement", args=[enrolment.pk]), {"placement": value})
    assert response.status_code == 302
    assert _messages(response)
    assert snapshot() == before  # not completed yet: no offer, let alone a hire
