"""The bad-input corpus for the guidance desk's and the facilities' forms (the harness is
tests/bad_input.py): each case posts an otherwise valid form with one field replaced and
asserts a form error, no server error and nothing written; a baseline per form proves the
valid data is accepted."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Entry
from facilities.models import BookClubMember, Newsstand
from guidance.models import Case, CaseChange, CaseDocument, Consultation, Office

from ..bad_input import (
    CENTRES,
    CHOICES,
    DATES,
    EMAILS,
    EMOJI,
    INJECTION,
    LONG,
    NULL,
    PHONES,
    FormSpec,
    assert_refused_and_nothing_written,
    assert_the_valid_baseline_writes,
    cases,
    rows,
)
from .conftest import make_case

AMOUNTS = ["-1", "-0.01", "NaN", "Infinity", "1e100", "100000001", "0.001", "abc", LONG, NULL]
FUTURE = "<tomorrow>"
STRANGER_PHONE = "<youth_b's number, outside the poster's area>"
TAKEN_CARD = "A1-0001"


def _resolve(value, s, data):
    if value == FUTURE:
        return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    if value == STRANGER_PHONE:
        return s["youth_b"].phone
    return value


def case_data(s):
    return {
        "kind": "wages",
        "other_party": "青山建筑工程有限公司",
        "description": "拖欠三个月工资。",
        "amount_claimed": "18000",
    }


FORMS = {
    "case_open": FormSpec(
        url=lambda s: reverse("guidance:case_open"),
        poster="youth_a",
        valid=case_data,
        bad={
            "kind": [*CHOICES, ""],
            "other_party": [LONG, NULL, ""],
            "description": [LONG, NULL, ""],
            "amount_claimed": [*AMOUNTS, ""],
        },
    ),
    "staff_case_open": FormSpec(
        url=lambda s: reverse("guidance:staff_case_open"),
        poster="town_staff",
        valid=lambda s: {**case_data(s), "youth_phone": s["youth_a"].phone},
        bad={"youth_phone": [*PHONES, "", STRANGER_PHONE], "amount_claimed": AMOUNTS},
        resolve=_resolve,
    ),
    "consultation": FormSpec(
        url=lambda s: reverse("guidance:consultation_create"),
        poster="town_staff",
        valid=lambda s: {
            "centre": str(s["village_a1"].pk),
            "topic": "career",
            "youth_phone": "",
            "summary": "简历修改。",
            "follow_up_on": "",
        },
        bad={
            "centre": [*CENTRES, "", str(-1)],
            "topic": [*CHOICES, ""],
            "youth_phone": [*PHONES[:4], STRANGER_PHONE],
            "summary": [LONG, NULL, ""],
            "follow_up_on": DATES,
        },
        resolve=_resolve,
    ),
    "office": FormSpec(
        url=lambda s: reverse("guidance:office_create"),
        poster="town_staff",
        valid=lambda s: {
            "name": "城关镇人民调解委员会",
            "kind": "mediation",
            "centre": str(s["town_a"].pk),
        },
        bad={"name": [LONG, NULL, "", "Town A Office"], "kind": CHOICES, "centre": CENTRES},
    ),
    "office_invite": FormSpec(
        url=lambda s: reverse("guidance:office_invite", args=[s["office"].pk]),
        poster="town_staff",
        valid=lambda s: {"name": "吴调解员", "email": "wu@example.com", "phone": ""},
        bad={"name": [LONG, NULL, ""], "email": EMAILS, "phone": PHONES[:4]},
    ),
    "case_document": FormSpec(
        url=lambda s: reverse("guidance:case_document", args=[s["case"].pk]),
        poster="town_staff",
        valid=lambda s: {"title": "工资条", "document": s["pdf"]()},
        bad={"title": [LONG, NULL, ""]},
    ),
    "member": FormSpec(
        url=lambda s: reverse("facilities:member_create"),
        poster="town_staff",
        valid=lambda s: {
            "centre": str(s["village_a1"].pk),
            "name": "读者",
            "card_number": "a1-0002",
            "joined_on": "2026-01-05",
            "youth_phone": "",
        },
        bad={
            "centre": CENTRES,
            "name": [LONG, NULL, ""],
            "card_number": [LONG, NULL, "", "A", "A1 0002", EMOJI, *INJECTION, TAKEN_CARD],
            "joined_on": [*DATES, FUTURE],
            "youth_phone": [PHONES[0], STRANGER_PHONE],
        },
        resolve=_resolve,
    ),
    "newsstand": FormSpec(
        url=lambda s: reverse("facilities:newsstand_create"),
        poster="town_staff",
        valid=lambda s: {
            "name": "城关农贸市场青年报刊亭",
            "centre": str(s["village_a1"].pk),
            "address": "人民路1号",
            "latitude": "30.274100",
            "longitude": "120.155100",
            "opened_on": "2025-05-04",
            "status": "open",
            "papers": "中国青年报",
        },
        bad={
            "name": [LONG, NULL, ""],
            "centre": CENTRES,
            "address": [LONG, NULL, ""],
            "latitude": ["91", "-91", "abc", "NaN", "1e100", "", NULL],
            "longitude": ["181", "-181", "abc", "Infinity", "", NULL],
            "opened_on": DATES,
            "status": CHOICES,
            "papers": [LONG, NULL],
        },
    ),
}


@pytest.fixture
def s(setup, youth_a, youth_b, town_staff, town_a, village_a1):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ..factories import pdf_bytes

    BookClubMember.objects.create(centre=village_a1, name="读者", card_number=TAKEN_CARD)
    Office.objects.create(name="Town A Office", kind="mediation", centre=town_a)
    return {
        **setup,
        "youth_a": youth_a,
        "youth_b": youth_b,
        "case": make_case(youth_a),
        "office": Office.objects.get(name="Town A Office"),
        "pdf": lambda: SimpleUploadedFile("a.pdf", pdf_bytes(), content_type="application/pdf"),
    }


def snapshot():
    from accounts.models import Invitation

    return rows(
        Case.objects,
        CaseChange.objects,
        CaseDocument.objects,
        Consultation.objects,
        Office.objects,
        BookClubMember.objects,
        Newsstand.objects,
        Invitation.objects,
        Entry.objects.exclude(action="user.signed_in"),
    )


@pytest.mark.parametrize("name", list(FORMS))
def test_the_valid_baseline_writes(client, cast, s, name):
    assert_the_valid_baseline_writes(client, cast, FORMS[name], s, snapshot)


@pytest.mark.parametrize(("name", "field", "index"), cases(FORMS))
def test_bad_input_is_refused_and_nothing_written(client, cast, s, name, field, index):
    assert_refused_and_nothing_written(
        client, cast, FORMS[name], s, snapshot, name=name, field=field, index=index
    )
