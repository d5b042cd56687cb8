"""The bad-input corpus for the internship forms (the harness is tests/bad_input.py): each
case posts an otherwise valid form with one field replaced and expects a form error on the
page, no server error and nothing written; a baseline per form proves the valid data writes.
The application moves and the apply button answer like the project moves: back to the page
with the message, nothing changed, never a 500."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Entry
from internships.models import (
    Application,
    ApplicationChange,
    EligibilityRule,
    Evaluation,
    Placement,
    Position,
    Station,
    Status,
)

from ..bad_input import (
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
from ..factories import EnterpriseFactory
from .helpers import application, make_eligible, placement, position_at, station_for

FUTURE = "<tomorrow>"
BEFORE_START = "<the day before the placement started>"


def _resolve(value, s, data):
    if value == FUTURE:
        return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    if value == BEFORE_START:
        return (s["placement"].start_date - datetime.timedelta(days=1)).isoformat()
    return value


def position_data(s):
    return {
        "title": "仓储管理实习生",
        "department": "仓储中心",
        "places": "5",
        "stipend": "3000",
        "duration_months": "12",
        "requirements": "大专以上。",
        "is_open": "on",
    }


def station_data(s):
    return {"enterprise": str(s["candidate"].pk), "since": "2024-03-01", "annual_quota": "30"}


def station_edit_data(s):
    return {"since": "2020-03-01", "annual_quota": "45", "is_active": "on"}


def rule_data(s):
    return {
        "years_since_graduation": "3",
        "education_levels": ["junior_college", "bachelor"],
        "require_complete_profile": "on",
    }


def evaluation_data(s):
    return {"kind": "midterm", "attitude": "5", "skills": "4", "teamwork": "4", "comments": "好"}


def leave_data(s):
    return {"left_on": timezone.localdate().isoformat(), "reason": "家庭原因返乡"}


SCORES = ["0", "6", *INTEGERS]
FORMS = {
    "position_create": FormSpec(
        url=lambda s: reverse("internships:position_create"),
        poster="enterprise_contact",
        valid=position_data,
        bad={
            "title": [LONG, NULL, "", "   "],
            "department": [LONG, NULL],
            "places": ["0", "1001", *INTEGERS],
            "stipend": ["0", "100001", *INTEGERS],
            "duration_months": ["0", "25", *INTEGERS],
            "requirements": [LONG, NULL],
        },
    ),
    # Two offers are out: places cannot drop below them.
    "position_edit": FormSpec(
        url=lambda s: reverse("internships:position_edit", args=[s["position"].pk]),
        poster="enterprise_contact",
        valid=position_data,
        bad={"places": ["1", "0", *INTEGERS], "title": [LONG, NULL, ""]},
    ),
    "station_create": FormSpec(
        url=lambda s: reverse("internships:station_create"),
        poster="district_staff",
        valid=station_data,
        bad={
            "enterprise": [*CHOICES, "", "<not a host>", "<already a station>"],
            "since": [*DATES, ""],
            "annual_quota": ["0", "10001", *INTEGERS],
        },
        resolve=lambda v, s, d: {
            "<not a host>": str(s["not_a_host"].pk),
            "<already a station>": str(s["station"].enterprise_id),
        }.get(v, v),
    ),
    "station_edit": FormSpec(
        url=lambda s: reverse("internships:station_edit", args=[s["station"].pk]),
        poster="district_staff",
        valid=station_edit_data,
        bad={"since": [*DATES, ""], "annual_quota": ["0", *INTEGERS]},
    ),
    "rule": FormSpec(
        url=lambda s: reverse("internships:rule"),
        poster="district_staff",
        valid=rule_data,
        bad={
            "years_since_graduation": ["0", "11", *INTEGERS],
            "education_levels": [*CHOICES, ""],
        },
    ),
    "evaluate": FormSpec(
        url=lambda s: reverse("internships:evaluate", args=[s["placement"].pk]),
        poster="enterprise_contact",
        valid=evaluation_data,
        bad={
            "kind": [*CHOICES, "", "<filed already>"],
            "attitude": SCORES,
            "skills": SCORES,
            "teamwork": SCORES,
            "comments": [LONG, NULL],
        },
        resolve=lambda v, s, d: "final" if v == "<filed already>" else v,
    ),
    "leave": FormSpec(
        url=lambda s: reverse("internships:leave", args=[s["placement"].pk]),
        poster="enterprise_contact",
        valid=leave_data,
        bad={
            "left_on": [*DATES, "", FUTURE, BEFORE_START],
            "reason": [LONG, NULL, "", "   "],
        },
        resolve=_resolve,
    ),
    "outcome": FormSpec(
        url=lambda s: reverse("internships:outcome", args=[s["ended"].pk]),
        poster="enterprise_contact",
        valid=lambda s: {"outcome": "kept_on"},
        bad={"outcome": [*CHOICES, ""]},
    ),
}


@pytest.fixture
def s(setup, youth_a, youth_b, enterprise_contact, district):
    make_eligible(youth_a)
    station = station_for(enterprise_contact.partner_membership.enterprise)
    position = position_at(station, places=3)
    application(position, youth_b, status=Status.OFFERED)
    application(position, youth_a, status=Status.OFFERED)
    position.refresh_from_db()
    today = timezone.localdate()
    active = placement(
        application(position_at(station, title="B"), youth_a, status=Status.ACCEPTED),
        start=today - datetime.timedelta(days=200),
    )
    # The final evaluation is filed already (a second is refused on the page).
    Evaluation.objects.create(placement=active, kind="final", attitude=4, skills=4, teamwork=4)
    ended = placement(
        application(position_at(station, title="C"), youth_b, status=Status.ACCEPTED),
        start=today - datetime.timedelta(days=500),
    )
    candidate = EnterpriseFactory(centre=district, name="Candidate Ltd", is_internship_host=True)
    not_a_host = EnterpriseFactory(centre=district, name="Plain Ltd")
    return {
        **setup,
        "station": station,
        "position": position,
        "placement": active,
        "ended": ended,
        "candidate": candidate,
        "not_a_host": not_a_host,
    }


def snapshot():
    return rows(
        Station.objects,
        Position.objects,
        Application.objects,
        ApplicationChange.objects,
        Placement.objects,
        Evaluation.objects,
        EligibilityRule.objects,
        Entry.objects.filter(action__startswith="internships."),
    )


@pytest.mark.parametrize("form", list(FORMS))
def test_it_accepts_the_valid_baseline(client, cast, s, form):
    assert_the_valid_baseline_writes(client, cast, FORMS[form], s, snapshot)


@pytest.mark.parametrize(("form", "field", "index"), cases(FORMS))
def test_it_refuses_bad_input_and_writes_nothing(client, cast, s, form, field, index):
    assert_refused_and_nothing_written(
        client, cast, FORMS[form], s, snapshot, name=form, field=field, index=index
    )


MOVES = [
    {"to_status": "nonexistent", "expected_status": "applied"},
    {"to_status": "shortlisted", "expected_status": LONG},
    {"to_status": "interview", "expected_status": "shortlisted",
     "interview_at": "2024-02-30T10:00"},
    {"to_status": "interview", "expected_status": "shortlisted", "interview_at": "2020-01-01T10:00",
     "interview_place": "Room 3"},
    {"to_status": "interview", "expected_status": "shortlisted", "interview_place": LONG},
    {"to_status": "offered", "expected_status": "shortlisted", "start_date": "2024-02-30"},
    {"to_status": "offered", "expected_status": "shortlisted", "start_date": "1999-01-01"},
    {"to_status": "offered", "expected_status": "shortlisted", "start_date": NULL},
    {"to_status": "offered", "expected_status": "shortlisted"},  # no start date
    {"to_status": "rejected", "expected_status": "shortlisted", "reason": LONG},
    {"to_status": "rejected", "expected_status": "shortlisted", "reason": "   "},
    {"to_status": "accepted", "expected_status": "shortlisted"},  # not the host's move: 403
]  # fmt: skip


@pytest.mark.parametrize("data", MOVES, ids=range(len(MOVES)))
def test_a_bad_move_changes_nothing_and_never_fails(client, cast, s, youth_b, data):
    subject = application(position_at(s["station"], title="D"), youth_b, status=Status.SHORTLISTED)
    client.force_login(cast["enterprise_contact"])
    before = snapshot()
    response = client.post(reverse("internships:application_move", args=[subject.pk]), data)
    assert response.status_code in (302, 403)
    assert snapshot() == before


@pytest.mark.parametrize("motivation", [LONG, NULL])
def test_bad_motivation_sends_nothing(client, cast, s, motivation):
    position = position_at(s["station"], title="E")
    client.force_login(cast["youth_b"])
    make_eligible(cast["youth_b"])
    before = snapshot()
    response = client.post(
        reverse("internships:apply", args=[position.pk]), {"motivation": motivation}
    )
    assert response.status_code == 302
    assert snapshot() == before
