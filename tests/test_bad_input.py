"""The bad-input corpus: every form, every field, hostile values.

Each case posts an otherwise valid form with one field replaced and asserts a
form error on the page, no server error and nothing written. A baseline test
per form proves the valid data really is accepted, so the corpus cannot pass
by accident. The hostile values and the routine are tests/bad_input.py's.
"""

import pytest
from django.urls import reverse

from accounts.models import Invitation, StaffProfile, User, YouthProfile
from partners.models import Bank, Enterprise

from .bad_input import (
    CENTRES,
    CHOICES,
    DATES,
    EMAILS,
    EMOJI,
    LONG,
    NAMES,
    NATIONAL_IDS,
    NULL,
    ORG_NAMES,
    PHONES,
    USCCS,
    FormSpec,
    assert_refused_and_nothing_written,
    assert_the_valid_baseline_writes,
    cases,
    rows,
)
from .factories import EnterpriseFactory, make_national_id, make_uscc

TOWN_B = "<a centre outside the poster's scope>"


def signup_data(s):
    return {
        "name": "张三",
        "email": "new.person@example.com",
        "phone": "13900001111",
        "password1": "Xy7!kq-longpass",
        "password2": "Xy7!kq-longpass",
        "consent": "on",
    }


def profile_data(s):
    return {
        "name": "李四",
        "phone": "13900002222",
        "national_id": make_national_id(123, region="330102"),
        "gender": "male",
        "date_of_birth": "2000-01-01",
        "education_level": "bachelor",
        "school": "青山职业技术学院",
        "graduation_year": "2022",
        "employment_status": "seeking",
        "hukou": "rural",
        "home_centre": str(s["village_a1"].pk),
        "skills": "电工",
        "sectors": ["agriculture"],
        "business_idea": "茶叶电商",
    }


def staff_data(s):
    return {
        "kind": "staff",
        "name": "王五",
        "email": "new.staff@example.com",
        "phone": "13900003333",
        "centre": str(s["town_a"].pk),
        "role": "officer",
    }


def enterprise_data(s):
    return {
        "name": "青山测试有限公司",
        "uscc": make_uscc(9001),
        "centre": str(s["town_a"].pk),
        "industry": "制造",
        "address": "青山路1号",
        "contact_name": "赵六",
        "contact_phone": "13900004444",
        "contact_email": "hr@example.com",
        "is_employer": "on",
        "description": "",
        "is_active": "on",
    }


def bank_data(s):
    return {
        "name": "青山农商银行",
        "branch": "城关支行",
        "centre": str(s["town_a"].pk),
        "base_interest_rate": "4.35",
        "contact_name": "周七",
        "contact_phone": "13900005555",
        "address": "",
        "is_active": "on",
    }


def snapshot():
    """Everything a form could write, in a comparable form."""
    return rows(
        User.objects,
        YouthProfile.objects,
        StaffProfile.objects,
        Enterprise.objects,
        Bank.objects,
        Invitation.objects,
    )


def _resolve(value, s, data):
    # A placeholder for a centre that only exists once the fixtures have run.
    return str(s["town_b"].pk) if value == TOWN_B else value


FORMS = {
    "signup": FormSpec(
        url=lambda s: reverse("account_signup"),
        poster="anonymous",
        valid=signup_data,
        bad={
            "name": NAMES,
            "email": EMAILS,
            "phone": PHONES,
            "password1": ["", "123", "password", NULL],
            "consent": [""],
        },
    ),
    "profile": FormSpec(
        url=lambda s: reverse("accounts:my_profile_edit"),
        poster="youth_a",
        valid=profile_data,
        bad={
            "name": NAMES,
            "phone": [*PHONES, "13800000002"],  # the last one belongs to youth_b
            "national_id": NATIONAL_IDS,
            "date_of_birth": [*DATES, "1999-12-31"],  # the last one disagrees with the ID
            "gender": [*CHOICES, "female"],  # female disagrees with an odd ID serial
            "education_level": CHOICES,
            "employment_status": CHOICES,
            "hukou": CHOICES,
            "graduation_year": ["-1", "1e309", "99999999999999999999", "NaN", "1900", LONG],
            "school": [LONG, "<script>", EMOJI, NULL],
            "home_centre": CENTRES,
            "sectors": CHOICES,
            "skills": [LONG, NULL],
            "business_idea": [LONG, NULL],
        },
    ),
    "staff": FormSpec(
        url=lambda s: reverse("accounts:staff_create"),
        poster="district_staff",
        valid=staff_data,
        bad={
            # An invitation may go to a registered address: accepting links that account.
            "kind": CHOICES,
            "name": NAMES,
            "email": EMAILS,
            "phone": PHONES,
            "centre": CENTRES,
            "role": CHOICES,
        },
    ),
    "enterprise": FormSpec(
        url=lambda s: reverse("partners:enterprise_create"),
        poster="town_staff",
        valid=enterprise_data,
        bad={
            "name": ORG_NAMES,
            "uscc": USCCS,
            "centre": [*CENTRES, TOWN_B],
            "contact_name": NAMES,
            "contact_phone": PHONES,
            "contact_email": EMAILS,
            "industry": [LONG, NULL],
            "address": [LONG, NULL],
            "description": [LONG, NULL],
        },
        resolve=_resolve,
    ),
    "bank": FormSpec(
        url=lambda s: reverse("partners:bank_create"),
        poster="district_staff",
        valid=bank_data,
        bad={
            "name": ORG_NAMES,
            "branch": ORG_NAMES,
            "base_interest_rate": [
                "0",
                "-1",
                "36.01",
                "NaN",
                "Infinity",
                "1e100",
                "abc",
                LONG,
                NULL,
            ],
            "contact_name": NAMES,
            "contact_phone": PHONES,
            "centre": CENTRES,
        },
    ),
}


@pytest.mark.parametrize("form", list(FORMS))
def test_the_valid_baseline_is_accepted(client, cast, setup, form):
    assert_the_valid_baseline_writes(client, cast, FORMS[form], setup, snapshot)


@pytest.mark.parametrize(("form", "field", "index"), cases(FORMS))
def test_bad_input_is_refused_and_writes_nothing(client, cast, setup, form, field, index):
    assert_refused_and_nothing_written(
        client, cast, FORMS[form], setup, snapshot, name=form, field=field, index=index
    )


def test_free_text_is_stored_verbatim_and_rendered_escaped(client, youth_a, village_a1):
    client.force_login(youth_a)
    data = profile_data({"village_a1": village_a1})
    data["national_id"] = make_national_id(123, region="330102")
    data["business_idea"] = "<script>alert(1)</script> {{ 7|add:7 }} 😀"
    assert client.post(reverse("accounts:my_profile_edit"), data).status_code == 302
    html = client.get(reverse("accounts:my_profile")).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7|add:7 }} 😀" in html
    assert "<script>alert(1)" not in html


def test_an_enterprise_edit_by_a_stranger_is_404_and_changes_nothing(
    client, other_town_staff, town_a
):
    enterprise = EnterpriseFactory(centre=town_a, name="原名称有限公司")
    client.force_login(other_town_staff)
    data = enterprise_data({"town_a": town_a})
    response = client.post(reverse("partners:enterprise_update", args=[enterprise.pk]), data)
    assert response.status_code == 404
    enterprise.refresh_from_db()
    assert enterprise.name == "原名称有限公司"
