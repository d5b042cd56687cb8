"""The bad-input corpus for the jobs forms (harness: tests/bad_input.py): posting a vacancy,
recording a placement. A baseline per form proves the valid data writes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Entry
from jobs.models import Application, JobFair, Placement, Vacancy

from ..bad_input import (
    CHOICES,
    DATES,
    INTEGERS,
    LONG,
    NATIONAL_IDS,
    NULL,
    FormSpec,
    assert_refused_and_nothing_written,
    assert_the_valid_baseline_writes,
    cases,
    rows,
)
from ..factories import make_national_id
from .factories import make_vacancy


def vacancy_data(s):
    return {
        "enterprise": str(s["enterprise"].pk),
        "title": "熔炼操作工",
        "places": "3",
        "pay_min": "5000",
        "pay_max": "7000",
        "location_kind": "district",
        "location": "河口镇",
        "sector": "manufacturing",
        "requirements": "能倒班",
        "closes_on": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
    }


def placement_data(s):
    return {
        "national_id": s["youth_id"],
        "employer_name": "鑫达有色金属有限公司",
        "job_title": "熔炼工",
        "start_date": "2024-05-01",
        "how_found": "fair",
    }


YESTERDAY = "<yesterday>"
TOMORROW = "<tomorrow>"


def _resolve(value, s, data):
    if value == YESTERDAY:
        return (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    if value == TOMORROW:
        return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    return value


def fair_data(s):
    starts = timezone.localtime() + datetime.timedelta(days=7)
    return {
        "title": "春季招聘会",
        "venue": "镇文化广场",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
    }


FORMS = {
    "fair": FormSpec(
        url=lambda s: reverse("jobs:fair_create"),
        poster="town_staff",
        valid=fair_data,
        bad={
            "title": [LONG, NULL, ""],
            "venue": [LONG, NULL, ""],
            "starts_at": [*DATES, "", "2020-01-01T09:00", "2024-13-01T09:00"],
        },
    ),
    "vacancy": FormSpec(
        url=lambda s: reverse("jobs:vacancy_create"),
        poster="enterprise_contact",
        valid=vacancy_data,
        bad={
            # Another enterprise's: not among the contact's choices.
            "enterprise": ["999999", "-1", "abc", LONG, NULL, "", "<other>"],
            "title": [LONG, NULL, ""],
            "places": [*INTEGERS, "0"],
            "pay_min": [*INTEGERS, "8000"],  # above the highest
            "pay_max": INTEGERS,
            "location_kind": [*CHOICES, ""],
            "location": [LONG, NULL, ""],
            "sector": [*CHOICES, ""],
            "requirements": [LONG, NULL],
            "closes_on": [*DATES, "", YESTERDAY],
        },
        resolve=lambda v, s, d: (
            str(s["other_enterprise"].pk) if v == "<other>" else _resolve(v, s, d)
        ),
    ),
    "placement": FormSpec(
        url=lambda s: reverse("jobs:placement_create"),
        poster="town_staff",
        valid=placement_data,
        bad={
            # A valid number nobody in the area has, and youth B's (another town's).
            "national_id": [*NATIONAL_IDS, "", make_national_id(555), "<youth_b>"],
            "employer_name": [LONG, NULL, ""],
            "job_title": [LONG, NULL, ""],
            "start_date": [*DATES, "", TOMORROW],
            "how_found": [*CHOICES, "", "portal", "import"],
        },
        resolve=lambda v, s, d: s["youth_b_id"] if v == "<youth_b>" else _resolve(v, s, d),
    ),
}


@pytest.fixture
def s(setup, partner_enterprise, other_enterprise_contact, youth_a, youth_b):
    return {
        **setup,
        "enterprise": partner_enterprise,
        "other_enterprise": other_enterprise_contact.partner_membership.enterprise,
        "youth_id": youth_a.youth_profile.national_id,
        "youth_b_id": youth_b.youth_profile.national_id,
    }


def snapshot():
    return rows(
        Vacancy.objects,
        Application.objects,
        Placement.objects,
        JobFair.objects,
        Entry.objects.filter(action__startswith="jobs."),
    )


@pytest.mark.parametrize("form", list(FORMS))
def test_it_accepts_the_valid_baseline(client, cast, s, form):
    assert_the_valid_baseline_writes(client, cast, FORMS[form], s, snapshot)


@pytest.mark.parametrize(("form", "field", "index"), cases(FORMS))
def test_it_refuses_bad_input_and_writes_nothing(client, cast, s, form, field, index):
    assert_refused_and_nothing_written(
        client, cast, FORMS[form], s, snapshot, name=form, field=field, index=index
    )


@pytest.mark.parametrize("message", [LONG, NULL])
def test_a_bad_application_message_is_refused_with_a_message(
    client, youth_a, partner_enterprise, message
):
    vacancy = make_vacancy(partner_enterprise)
    client.force_login(youth_a)
    response = client.post(
        reverse("jobs:apply", args=[vacancy.pk]), {"message": message}, follow=True
    )
    assert response.status_code == 200
    assert not Application.objects.exists()
    assert (
        "申请未能发送" in response.content.decode()
        or "could not be sent" in response.content.decode()
    )
