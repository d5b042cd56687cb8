import datetime

import pytest
from django.utils import timezone

from training.models import Course, CourseKind, Session, Venue, VenueKind

from ..factories import YouthProfileFactory


def make_course(centre, *, venue=None, capacity=2, kind=CourseKind.SKILLS, **extra) -> Course:
    now = timezone.now()
    venue = venue or Venue.objects.create(name="Base", kind=VenueKind.TRAINING_BASE, centre=centre)
    values = {
        "title": "Tea Processing",
        "kind": kind,
        "centre": centre,
        "venue": venue,
        "capacity": capacity,
        "enrol_opens": now - datetime.timedelta(days=1),
        "enrol_closes": now + datetime.timedelta(days=7),
        "is_published": True,
        "certificate_grade": "Grade V",
        **extra,
    }
    return Course.objects.create(**values)


def add_sessions(course, n=2) -> list[Session]:
    start = timezone.now() + datetime.timedelta(days=8)
    return [
        Session.objects.create(
            course=course,
            topic=f"Session {i + 1}",
            starts_at=start + datetime.timedelta(days=i),
            ends_at=start + datetime.timedelta(days=i, hours=2),
        )
        for i in range(n)
    ]


def make_youths(centre, n, prefix="y"):
    return [
        YouthProfileFactory(
            user__email=f"{prefix}{i}@example.com", user__name=f"青年{i}", home_centre=centre
        ).user
        for i in range(n)
    ]


@pytest.fixture
def course(village_a1):
    return make_course(village_a1)


@pytest.fixture
def order_course(town_a, partner_enterprise):
    return make_course(
        town_a,
        kind=CourseKind.ORDER_BASED,
        enterprise=partner_enterprise,
        job_type="Meat cutter",
        places_commissioned=20,
        capacity=5,
        title="Meat cutting",
    )
