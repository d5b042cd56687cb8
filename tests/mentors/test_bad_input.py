"""The bad-input corpus (tests/bad_input.py) for the mentoring forms: the mentor's profile,
a young person's wish and request, ending and reassigning a match, planning and logging a
session. Each hostile value gets a form error, no server error and nothing written; a
baseline per form proves the valid data is accepted."""

import pytest
from django.urls import reverse

from audit.models import Entry
from mentors.models import (
    CoachingSession,
    Match,
    MatchChange,
    MentoringWish,
    MentorProfile,
    Status,
)

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
from .helpers import make_match, make_mentor, make_session

PAST = "2020-01-01T10:00"


def profile_data(s):
    return {
        "title": "总经理",
        "organisation": "青山农业发展有限公司",
        "sectors": ["agriculture", "food"],
        "skills": "种植技术、直播带货",
        "service_centres": [str(s["town_a"].pk)],
        "bio": "从事农业十余年。",
        "capacity": "4",
        "availability": "open",
    }


FORMS = {
    "mentor_profile": FormSpec(
        url=lambda s: reverse("mentors:profile"),
        poster="mentor",
        valid=profile_data,
        bad={
            "title": [LONG, NULL, ""],
            "organisation": [LONG, NULL, ""],
            "sectors": [*CHOICES, ""],
            "skills": [LONG, NULL, ""],
            "service_centres": CENTRES,
            "bio": [LONG, NULL],
            # 1 is below the mentor's one active mentee... no: the capacity may equal the load;
            # 0 and 21 are outside 1..20.
            "capacity": [*INTEGERS, "0", "21"],
            "availability": [*CHOICES, ""],
        },
    ),
    "wish": FormSpec(
        url=lambda s: reverse("mentors:wish"),
        poster="youth_a",
        valid=lambda s: {"note": "想学电商。"},
        bad={"note": [LONG, NULL]},
    ),
    "request": FormSpec(
        url=lambda s: reverse("mentors:request", args=[s["profile"].pk]),
        poster="youth_a",
        valid=lambda s: {"message": "请您指导。"},
        bad={"message": [LONG, NULL]},
    ),
    "end": FormSpec(
        url=lambda s: reverse("mentors:end", args=[s["match"].pk]),
        poster="mentor",
        valid=lambda s: {"expected_status": "active", "reason": "辅导目标已达成"},
        bad={"reason": [LONG, NULL, "", "   "], "expected_status": [*CHOICES, "ended"]},
    ),
    "reassign": FormSpec(
        url=lambda s: reverse("mentors:reassign", args=[s["match"].pk]),
        poster="district_staff",
        valid=lambda s: {"mentor": str(s["other"].pk), "reason": "导师工作调动"},
        bad={"mentor": [*CENTRES, "", "<own>"], "reason": [LONG, NULL, ""]},
        resolve=lambda value, s, data: str(s["profile"].pk) if value == "<own>" else value,
    ),
    "session_plan": FormSpec(
        url=lambda s: reverse("mentors:session_plan", args=[s["match"].pk]),
        poster="mentor",
        valid=lambda s: {"starts_at": "2099-06-01T10:00", "mode": "phone"},
        bad={"starts_at": [*DATES, PAST, "", "2101-01-01T10:00"], "mode": [*CHOICES, ""]},
    ),
    "session_log": FormSpec(
        url=lambda s: reverse("mentors:session_log", args=[s["session"].pk]),
        poster="mentor",
        valid=lambda s: {
            "minutes": "45",
            "topics": "定价",
            "notes": "讨论了定价。",
            "next_steps": "做成本表。",
            "private_notes": "需要鼓励。",
        },
        bad={
            "minutes": [*INTEGERS, "0", "601"],
            "topics": [LONG, NULL, ""],
            "notes": [LONG, NULL],
            "next_steps": [LONG, NULL],
            "private_notes": [LONG, NULL],
        },
    ),
}


@pytest.fixture
def s(setup, cast, youth_b, town_a):
    profile = make_mentor(user=cast["mentor"], centre=town_a, capacity=3)
    other = make_mentor(centre=town_a)
    match = make_match(youth=youth_b, mentor=profile, status=Status.ACTIVE)
    session = make_session(match=match, days=-1)  # held yesterday, not logged yet
    return {**setup, "profile": profile, "other": other, "match": match, "session": session}


def snapshot():
    return rows(
        MentorProfile.objects,
        MentorProfile.service_centres.through.objects,
        Match.objects,
        MatchChange.objects,
        MentoringWish.objects,
        CoachingSession.objects,
        Entry.objects.filter(action__startswith="mentor."),
    )


@pytest.mark.parametrize("form", list(FORMS))
def test_it_accepts_the_valid_baseline(client, cast, s, form):
    assert_the_valid_baseline_writes(client, cast, FORMS[form], s, snapshot)


@pytest.mark.parametrize(("form", "field", "index"), cases(FORMS))
def test_it_refuses_bad_input_and_writes_nothing(client, cast, s, form, field, index):
    assert_refused_and_nothing_written(
        client, cast, FORMS[form], s, snapshot, name=form, field=field, index=index
    )


def test_capacity_below_the_load_is_a_form_error(client, cast, s, village_a1):
    from ..factories import YouthProfileFactory

    make_match(
        youth=YouthProfileFactory(home_centre=village_a1).user,
        mentor=s["profile"],
        status=Status.ACTIVE,
    )  # two active mentees now
    client.force_login(cast["mentor"])
    before = snapshot()
    response = client.post(reverse("mentors:profile"), {**profile_data(s), "capacity": "1"})
    assert response.status_code == 200 and response.context["form"].errors["capacity"]
    assert snapshot() == before
