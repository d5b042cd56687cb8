"""The bad-input corpus for the loan forms (the harness is tests/bad_input.py): the young
person's application, the staff's bank product and wealth-leader designation forms; and the
bank officer's decision and disbursement, which answer on the referral's page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Entry
from loans.models import LoanProduct, Referral, ReferralChange, Status, WealthLeader

from ..bad_input import (
    CHOICES,
    DATES,
    EMOJI,
    INJECTION,
    INTEGERS,
    LONG,
    NULL,
    FormSpec,
    assert_refused_and_nothing_written,
    assert_the_valid_baseline_writes,
    cases,
    rows,
)
from .conftest import make_referral

MONEY = ["-1", "0", "-0.01", "NaN", "Infinity", "1e100", "12345678901234", "0.001", "abc",
         "", LONG, NULL]  # fmt: skip
TODAY = "<today>"
YESTERDAY = "<yesterday>"


def _resolve(value, s, data):
    today = timezone.localdate()
    if value == TODAY:
        return today.isoformat()
    if value == YESTERDAY:
        return (today - datetime.timedelta(days=1)).isoformat()
    return value


def apply_data(s):
    return {
        "bank": str(s["bank"].pk),
        "amount": "30000",
        "term_months": "24",
        "purpose": "购买直播设备",
        "consent_to_share": "on",
    }


def product_data(s):
    return {
        "bank": str(s["bank"].pk),
        "name": "青年创业贷",
        "base_rate": "4.35",
        "rate_places": "2",
        "min_amount": "5000",
        "max_amount": "200000",
        "min_term_months": "6",
        "max_term_months": "36",
        "valid_from": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
    }


def designation_data(s):
    today = timezone.localdate()
    return {
        "person": s["youth_a"].phone,
        "evidence": "带动二十户增收",
        "granted_on": today.isoformat(),
        "expires_on": (today + datetime.timedelta(days=365)).isoformat(),
    }


FORMS = {
    "apply": FormSpec(
        url=lambda s: reverse("loans:apply"),
        poster="youth_a",
        valid=apply_data,
        bad={
            "bank": [*CHOICES, ""],
            "amount": [*MONEY, "300000", "100"],  # above and below the product's limits
            "term_months": [*INTEGERS, "0", "48", "3"],
            "purpose": [LONG, NULL, ""],
            "project": ["999999", "abc", LONG, NULL],
        },
    ),
    "product": FormSpec(
        url=lambda s: reverse("loans:products"),
        poster="district_staff",
        valid=product_data,
        bad={
            "bank": [*CHOICES, ""],
            "name": [LONG, NULL, ""],
            "base_rate": [*(m for m in MONEY if m != "0.001"), "37", "0.00001"],
            "rate_places": [*INTEGERS, "5"],
            "min_amount": [*MONEY, "300000"],  # above the highest
            "max_amount": MONEY,
            "min_term_months": [*INTEGERS, "0", "48"],  # longer than the longest
            "max_term_months": [*INTEGERS, "0", "361"],
            "valid_from": [*DATES, ""],
        },
    ),
    "designation": FormSpec(
        url=lambda s: reverse("loans:leaders"),
        poster="town_staff",
        valid=designation_data,
        bad={
            "person": [*CHOICES, "", "<youth_b>", "nobody@example.com", "13900000000", LONG, NULL],
            "evidence": [LONG, NULL, "", *INJECTION[:0]],
            "granted_on": [*DATES, ""],
            "expires_on": [*DATES, "", TODAY, YESTERDAY],  # not after the grant
        },
        resolve=lambda v, s, d: s["youth_b"].email if v == "<youth_b>" else _resolve(v, s, d),
    ),
}


@pytest.fixture
def s(setup, cast, partner_bank, product):
    return {**setup, **cast, "bank": partner_bank}


def snapshot():
    return rows(
        Referral.objects,
        ReferralChange.objects,
        LoanProduct.objects,
        WealthLeader.objects,
        Entry.objects.filter(action__startswith="loans."),
    )


@pytest.mark.parametrize("form", list(FORMS))
def test_it_accepts_the_valid_baseline(client, cast, s, form):
    assert_the_valid_baseline_writes(client, cast, FORMS[form], s, snapshot)


@pytest.mark.parametrize(("form", "field", "index"), cases(FORMS))
def test_it_refuses_bad_input_and_writes_nothing(client, cast, s, form, field, index):
    assert_refused_and_nothing_written(
        client, cast, FORMS[form], s, snapshot, name=form, field=field, index=index
    )


def test_free_text_is_stored_verbatim_and_shown_escaped(client, youth_a, s):
    client.force_login(youth_a)
    text = f"{INJECTION[0]} {INJECTION[1]} {EMOJI}"
    client.post(reverse("loans:apply"), {**apply_data(s), "purpose": text})
    referral = Referral.objects.get()
    assert referral.purpose == text
    page = client.get(reverse("loans:detail", args=[referral.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


DECISIONS = {
    "amount": [*MONEY, "300000"],
    "rate": ["-1", "0", "NaN", "abc", "", "4.36", "99", LONG, NULL],  # 4.36: above the base
    "term_months": [*INTEGERS, "0", "48"],
    "expected_status": [*CHOICES, Status.SUBMITTED],
}


@pytest.mark.parametrize(
    ("field", "value"), [(f, v) for f, values in DECISIONS.items() for v in values]
)
def test_the_decision_refuses_bad_input_on_the_page(
    client, youth_a, partner_bank, product, bank_officer, field, value
):
    referral = make_referral(youth_a, partner_bank, product, Status.REFERRED)
    data = {"expected_status": "referred", "amount": "40000", "rate": "4.35", "term_months": "24"}
    data[field] = value
    client.force_login(bank_officer)
    before = snapshot()
    response = client.post(reverse("loans:decide", args=[referral.pk]), data, follow=True)
    assert response.status_code == 200
    assert [m for m in response.context["messages"] if m.level_tag == "error"]
    assert snapshot() == before


@pytest.mark.parametrize("value", [*DATES, "", "<tomorrow>", "<before the decision>"])
def test_the_disbursement_refuses_bad_dates(
    client, youth_a, partner_bank, product, bank_officer, value
):
    today = timezone.localdate()
    value = {
        "<tomorrow>": (today + datetime.timedelta(days=1)).isoformat(),
        "<before the decision>": (today - datetime.timedelta(days=3)).isoformat(),
    }.get(value, value)
    referral = make_referral(youth_a, partner_bank, product, Status.APPROVED)
    client.force_login(bank_officer)
    before = snapshot()
    response = client.post(
        reverse("loans:disburse", args=[referral.pk]),
        {"expected_status": "approved", "disbursed_on": value},
        follow=True,
    )
    assert response.status_code == 200
    assert snapshot() == before
    referral.refresh_from_db()
    assert referral.status == Status.APPROVED
    assert referral.approved_amount == Decimal("50000")
