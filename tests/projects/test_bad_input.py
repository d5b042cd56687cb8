"""The bad-input corpus (tests/test_bad_input.py) for the project forms: the youth's
project form, the quarterly outcome form, the showcase settings and the staff's
business-facts form; the harness is tests/bad_input.py.

Each case posts an otherwise valid form with one field replaced and asserts a form error on
the page, no server error and nothing written; a baseline per form proves the valid data
is accepted, so the corpus cannot pass by accident.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Entry
from projects.models import OutcomeReport, ProjectPhoto, Stage, StageChange, VentureProject
from projects.reminders import previous_quarter

from ..bad_input import (
    CENTRES,
    CHOICES,
    EMOJI,
    INJECTION,
    INTEGERS,
    LONG,
    NULL,
    ORG_NAMES,
    USCCS,
    FormSpec,
    assert_refused_and_nothing_written,
    assert_the_valid_baseline_writes,
    cases,
    rows,
)
from ..factories import VentureProjectFactory, make_uscc

TAKEN_USCC = make_uscc(5150)


def _previous():
    year, quarter, _ = previous_quarter(timezone.localdate())
    return year, quarter


def _current():
    year, quarter = _previous()
    return (year + 1, 1) if quarter == 4 else (year, quarter + 1)


# Placeholders for values that depend on the fixtures or on today's date.
CURRENT_YEAR = "<the year of the quarter that has not ended>"
CURRENT_QUARTER = "<the quarter that has not ended>"
YEAR_BEFORE_LAUNCH = "<a year before the project launched>"


def project_data(s):
    return {
        "name": "青山茶语",
        "sector": "food",
        "centre": str(s["village_a1"].pk),
        "description": "传统手工制茶。",
        "members_text": "",
        "showcase_opt_in": "on",
        "story": "带动二十户茶农增收。",
    }


def outcome_data(s):
    year, quarter = _previous()
    return {
        "year": str(year),
        "quarter": str(quarter),
        "jobs": "6",
        "jobs_for_youth": "4",
        "revenue_band": "lt200k",
    }


def showcase_data(s):
    return {"showcase_opt_in": "on", "story": "带动二十户茶农增收，欢迎参观。"}


def facts_data(s):
    return {
        "is_registered": "on",
        "business_name": "青山茶语茶叶加工坊",
        "uscc": make_uscc(6060),
        "investment": "150000.00",
        "jobs_created": "6",
        "jobs_for_youth": "4",
        "in_demo_park": "on",
    }


def _resolve(value, s, data):
    if value == CURRENT_YEAR:
        data["quarter"] = str(_current()[1])
        return str(_current()[0])
    if value == CURRENT_QUARTER:
        data["year"] = str(_current()[0])
        return str(_current()[1])
    if value == YEAR_BEFORE_LAUNCH:
        return str(_previous()[0] - 1)
    return value


FORMS = {
    "project": FormSpec(
        url=lambda s: reverse("projects:create"),
        poster="youth_a",
        valid=project_data,
        bad={
            "name": [*ORG_NAMES, "", "   "],
            "sector": [*CHOICES, ""],
            "centre": [*CENTRES, ""],
            "description": [LONG, NULL, ""],
            "story": [LONG, NULL],
            # Only the form of an address is checked: anyone may be invited (and whether
            # they are registered is never told), so "nobody@example.com" is not bad input.
            "members_text": [LONG, NULL, "12345678901", "not-an-address", *INJECTION, EMOJI],
        },
    ),
    "project_edit": FormSpec(
        url=lambda s: reverse("projects:edit", args=[s["idea"].pk]),
        poster="youth_a",
        valid=project_data,
        bad={
            "name": [*ORG_NAMES, ""],
            "sector": CHOICES,
            "centre": CENTRES,
            "description": [LONG, NULL],
            "members_text": [NULL, "12345678901"],
        },
    ),
    "outcome": FormSpec(
        url=lambda s: reverse("projects:outcome_create", args=[s["launched"].pk]),
        poster="youth_a",
        valid=outcome_data,
        bad={
            "year": ["1999", "2101", *INTEGERS, CURRENT_YEAR, YEAR_BEFORE_LAUNCH],
            "quarter": ["0", "5", "-1", "abc", "", LONG, NULL, CURRENT_QUARTER],
            "jobs": [*INTEGERS, "100001", "3"],  # 3 is fewer than the 4 young people
            "jobs_for_youth": [*INTEGERS, "100001", "7"],  # 7 young people of 6 jobs
            "revenue_band": [*CHOICES, ""],
        },
        resolve=_resolve,
    ),
    "facts": FormSpec(
        url=lambda s: reverse("projects:facts", args=[s["signed"].pk]),
        poster="town_staff",
        valid=facts_data,
        bad={
            "business_name": ORG_NAMES,
            # Empty: a registered business needs its code; TAKEN_USCC: another project has it.
            "uscc": [*USCCS, "", TAKEN_USCC, TAKEN_USCC.lower()],
            "investment": [
                "-1",
                "-0.01",
                "NaN",
                "Infinity",
                "-Infinity",
                "1e100",
                "12345678901",  # more than 10 digits before the point
                "0.001",
                "abc",
                "",
                LONG,
                NULL,
            ],
            "jobs_created": [*INTEGERS, "3"],  # 3 is fewer than the 4 young people
            "jobs_for_youth": [*INTEGERS, "7"],
        },
    ),
    "showcase": FormSpec(
        url=lambda s: reverse("projects:showcase_settings", args=[s["launched"].pk]),
        poster="youth_a",
        valid=showcase_data,
        bad={"story": [LONG, NULL]},
    ),
}


def project_objects(setup, youth_a, youth_b, village_a1) -> dict:
    """The projects these forms are posted to (the form fuzz, tests/test_forms_fuzz.py,
    uses them too)."""
    _, _, ended = previous_quarter(timezone.localdate())
    VentureProjectFactory(
        name="先注册的企业",
        lead=youth_b,
        centre=setup["village_a1"],
        stage=Stage.LAUNCHED,
        is_registered=True,
        uscc=TAKEN_USCC,
    )
    return {
        **setup,
        "idea": VentureProjectFactory(name="原来的想法", lead=youth_a, centre=village_a1),
        # Launched 40 days before the previous quarter ended: that quarter may be reported,
        # the one a year before may not.
        "launched": VentureProjectFactory(
            name="已开业项目",
            lead=youth_a,
            centre=village_a1,
            stage=Stage.LAUNCHED,
            signed_on=ended - datetime.timedelta(days=60),
            launched_on=ended - datetime.timedelta(days=40),
        ),
        "signed": VentureProjectFactory(
            name="已签约项目", lead=youth_a, centre=village_a1, stage=Stage.SIGNED
        ),
    }


@pytest.fixture
def s(setup, youth_a, youth_b, village_a1):
    return project_objects(setup, youth_a, youth_b, village_a1)


def snapshot():
    """Everything these forms could write."""
    return rows(
        VentureProject.objects,
        VentureProject.members.through.objects,
        OutcomeReport.objects,
        StageChange.objects,
        ProjectPhoto.objects,
        Entry.objects.filter(action__startswith="project."),
    )


@pytest.mark.parametrize("form", list(FORMS))
def test_it_accepts_the_valid_baseline(client, cast, s, form):
    assert_the_valid_baseline_writes(client, cast, FORMS[form], s, snapshot)


@pytest.mark.parametrize(("form", "field", "index"), cases(FORMS))
def test_it_refuses_bad_input_and_writes_nothing(client, cast, s, form, field, index):
    assert_refused_and_nothing_written(
        client, cast, FORMS[form], s, snapshot, name=form, field=field, index=index
    )


def test_it_refuses_a_second_report_for_the_same_quarter_on_the_page(client, youth_a, s):
    client.force_login(youth_a)
    url = reverse("projects:outcome_create", args=[s["launched"].pk])
    assert client.post(url, outcome_data(s)).status_code == 302
    before = snapshot()

    response = client.post(url, {**outcome_data(s), "jobs": "9", "jobs_for_youth": "9"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["本季度数据已经填报。"]
    assert snapshot() == before


def test_it_stores_free_text_verbatim_and_renders_it_escaped(client, youth_a, village_a1, s):
    client.force_login(youth_a)
    data = project_data(s)
    data["description"] = "<script>alert(1)</script> {{ 7|add:7 }} 😀"
    assert client.post(reverse("projects:create"), data).status_code == 302
    project = VentureProject.objects.get(name="青山茶语")
    assert project.description == data["description"]

    html = client.get(reverse("projects:detail", args=[project.pk])).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7|add:7 }} 😀" in html
    assert "<script>alert(1)" not in html
